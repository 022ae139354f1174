"""The questionnaire library. The world's questionnaire belongs to centre A and no round uses it."""

from tests.access import ACTED, same_for_all, staff_only

#: seeing a questionnaire of centre A: its staff and administrators; the network sees only the shared library
SEE_CENTRE_A = {"anonymous": 302, "admin": 200, "network": 404, "coordinator": 200, "worker": 200, "unassigned": 200,
                "other_centre": 404}


def change_centre_a(ok) -> dict:
    """Changing a questionnaire of centre A: its staff and administrators; never the network."""
    return {"anonymous": 302, "admin": ok, "network": 403, "coordinator": ok, "worker": ok, "unassigned": ok,
            "other_centre": 404}


EXPECTED = {
    "library.index": {"GET": staff_only(200)},
    "library.questionnaire": {"GET": SEE_CENTRE_A},
    "kiosk.preview": {"GET": SEE_CENTRE_A},
    "kiosk.preview_send": {"POST": same_for_all(200)},  # answers of a preview go nowhere
    "library.export_yaml": {"GET": SEE_CENTRE_A},
    "library.export_xlsx": {"GET": SEE_CENTRE_A},
    # the administrator has no centre to copy into
    "library.duplicate": {"POST": {**change_centre_a(302), "admin": 403}},
    "library.import_questionnaire": {"GET": {**staff_only(200), "network": 403, "admin": 403},
                                     "POST": {**staff_only(400), "network": 403, "admin": 403}},
    "library.edit": {"GET": change_centre_a(200), "POST": change_centre_a(ACTED)},
    # the questionnaire has no recordings
    "library.play_recording": {"GET": {**SEE_CENTRE_A, "admin": 404, "coordinator": 404, "worker": 404,
                                       "unassigned": 404}},
    "library.upload_recording": {"POST": change_centre_a(302)},  # no file sent: back to the editor, which says so
    "library.delete_recording": {"POST": change_centre_a(302)},  # nothing to delete: back to the editor
}
