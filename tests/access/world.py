"""Two centres with one of everything, and a logged-in client per kind of visitor."""

from dataclasses import dataclass, field
from datetime import date

from app.extensions import db
from app.library.operations import latest_library_version, sync_library
from app.models import Organisation, Project, Questionnaire, Role, Round, User


@dataclass
class World:
    users: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)


def build_world() -> World:
    sync_library()
    library = latest_library_version("after-activity")
    a, b = Organisation(name="Centre A", slug="centre-a"), Organisation(name="Centre B", slug="centre-b")
    project, other_project = Project(name="Project A1", organisation=a), Project(name="Project B1", organisation=b)
    own = Questionnaire(organisation=a, slug="ours", version=1, title="Ours", definition=library.definition)
    round_ = Round(project=project, questionnaire=library, languages=["nl", "ar"], opens_on=date.today())
    other_round = Round(project=other_project, questionnaire=library, languages=["nl"], opens_on=date.today())
    round_.pin_hash = None
    db.session.add_all([a, b, project, other_project, own, round_, other_round])
    world = World()
    for name, role, centre in [("admin", Role.ADMIN, None), ("network", Role.NETWORK, None),
                               ("coordinator", Role.COORDINATOR, a), ("worker", Role.WORKER, a),
                               ("unassigned", Role.WORKER, a), ("other_centre", Role.COORDINATOR, b)]:
        user = User(email=f"{name}@example.org", name=name, role=role, organisation=centre, password_hash="x")
        db.session.add(user)
        world.users[name] = user
    world.users["worker"].projects.append(project)
    db.session.commit()
    world.params = {"project_id": project.id, "round_id": round_.id, "questionnaire_id": own.id,
                    "centre_id": a.id, "user_id": world.users["worker"].id, "token": round_.token,
                    "language": "nl", "key": "liked_today", "session_id": 1,
                    "name": "nl-00000000000000000000"}
    return world
