"""Projects and rounds: the staff who work on a project; network coordinators never; other centres see nothing."""

from tests.access import ACTED, centre_management, project_work, same_for_all

#: staff who work on projects land on their projects; visitors and network coordinators read the start page
HOME = {"anonymous": 200, "admin": 302, "network": 200, "coordinator": 302, "worker": 302, "unassigned": 302,
        "other_centre": 302}
#: the list shows each user the projects they may work on (none, for some)
PROJECT_LIST = {**project_work(), "unassigned": 200, "other_centre": 200}

EXPECTED = {
    "main.index": {"GET": HOME},
    "rounds.projects": {"GET": PROJECT_LIST},
    "rounds.project": {"GET": project_work()},
    "rounds.launch": {"GET": project_work(), "POST": project_work(ACTED)},
    "rounds.round": {"GET": project_work()},
    "rounds.qr": {"GET": project_work()},
    #: the world's round is on a tablet: no flyer for phones, back to the round's page
    "rounds.flyer": {"GET": project_work(302)},
    "rounds.paper_forms": {"GET": project_work()},
    "rounds.kiosk": {"POST": project_work(ACTED)},
    "rounds.enter": {"GET": project_work(), "POST": project_work(ACTED)},
    "rounds.attendance": {"POST": project_work(ACTED)},
    "rounds.close": {"GET": project_work(), "POST": project_work(ACTED)},
    "rounds.reopen": {"POST": project_work(ACTED)},
    #: deleting responses: coordinators and administrators only
    "rounds.delete_responses": {"GET": centre_management(), "POST": centre_management(ACTED)},
    #: a browser that is not locked in kiosk mode has nothing to unlock: it is sent to the start page
    "rounds.unlock": {"GET": same_for_all(302), "POST": same_for_all(302)},
}
