"""Managing centres, projects and user accounts by role, and the audit log of what staff did."""

import re
from functools import cache

import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from app.extensions import db
from app.models import AuditEvent, Organisation, Project, Role, User

PASSWORD = "correct horse battery"


@pytest.fixture
def centres(make_centre):
    return make_centre("Centre A", "centre-a"), make_centre("Centre B", "centre-b")


@cache
def password_hash() -> str:
    return generate_password_hash(PASSWORD)


@pytest.fixture
def people(app, centres):
    """One person of each kind; they share one password hash, computed once (hashing is slow on purpose)."""
    a, b = centres
    plan = {"admin": ("admin@example.org", Role.ADMIN, None), "network": ("network@example.org", Role.NETWORK, None),
            "coordinator": ("coordinator@a.example", Role.COORDINATOR, a),
            "worker": ("worker@a.example", Role.WORKER, a),
            "colleague": ("colleague@a.example", Role.COORDINATOR, a),
            "other_coordinator": ("coordinator@b.example", Role.COORDINATOR, b),
            "other_worker": ("worker@b.example", Role.WORKER, b)}
    made = {name: User(email=email, name=email.split("@")[0], role=role, organisation=centre, locale="en",
                       password_hash=password_hash()) for name, (email, role, centre) in plan.items()}
    db.session.add_all(made.values())
    db.session.commit()
    return made


@pytest.fixture
def as_user(app, people):
    """A client logged in as one of the people."""

    def client_of(name):
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = people[name].get_id()
            session["_fresh"] = True
        return client

    return client_of


def reload(record):
    db.session.expire_all()
    return db.session.get(type(record), record.id)


def shown_password(page) -> str:
    return re.search(r'data-testid="password">([^<]+)<', page.text).group(1)


def can_log_in(app, email, password) -> bool:
    return app.test_client().post("/login", data={"email": email, "password": password}).status_code == 302


# Centres


def test_an_administrator_creates_and_renames_a_centre_whose_slug_stays(as_user):
    admin = as_user("admin")
    assert admin.post("/admin/centres/new", data={"name": "OCMW Sint-Élooi"}).status_code == 302
    centre = db.session.scalar(select(Organisation).where(Organisation.name == "OCMW Sint-Élooi"))
    assert centre.slug == "ocmw-sint-elooi"
    listing = admin.get("/admin/centres")
    assert "OCMW Sint-Élooi" in listing.text
    assert f"/admin/projects/new?centre_id={centre.id}" in listing.text
    admin.post(f"/admin/centres/{centre.id}/edit", data={"name": "OCMW Sint-Eloois-Winkel"})
    centre = reload(centre)
    assert (centre.name, centre.slug) == ("OCMW Sint-Eloois-Winkel", "ocmw-sint-elooi")


def test_two_centres_cannot_share_a_name(as_user, centres):
    response = as_user("admin").post("/admin/centres/new", data={"name": "centre a"})
    assert response.status_code == 200
    assert "Another centre already has this name." in response.text


def test_the_centres_list_counts_projects_and_users(as_user, make_project, centres):
    make_project("Taalcafé", centres[0])
    db.session.commit()
    row = re.search(r"Centre A</th>\s*<td class=\"num\">(\d+)</td>\s*<td class=\"num\">(\d+)</td>",
                    as_user("admin").get("/admin/centres").text)
    assert row.groups() == ("1", "3")


@pytest.mark.parametrize("name", ["network", "coordinator", "worker"])
def test_only_administrators_manage_centres(as_user, name):
    assert as_user(name).get("/admin/centres").status_code == 403
    assert as_user(name).post("/admin/centres/new", data={"name": "Mine"}).status_code == 403


# Projects


def test_an_administrator_chooses_the_centre_then_creates_a_project_with_its_workers(as_user, centres, people):
    admin = as_user("admin")
    first_step = admin.get("/admin/projects/new")
    assert "For which centre?" in first_step.text
    form = admin.get(f"/admin/projects/new?centre_id={centres[0].id}")
    assert f'type="checkbox" value="{people["worker"].id}"' in form.text
    assert f'value="{people["other_worker"].id}"' not in form.text
    response = admin.post(f"/admin/projects/new?centre_id={centres[0].id}",
                          data={"name": "Taalcafé", "description": "Dutch practice", "workers": [people["worker"].id]})
    assert response.status_code == 302
    project = db.session.scalar(select(Project).where(Project.name == "Taalcafé"))
    assert project.organisation == centres[0]
    assert reload(people["worker"]).projects == [project]


def test_a_coordinator_creates_projects_in_their_own_centre_only(as_user, centres):
    coordinator = as_user("coordinator")
    response = coordinator.post(f"/admin/projects/new?centre_id={centres[1].id}", data={"name": "Sneaky"})
    assert response.status_code == 302
    project = db.session.scalar(select(Project).where(Project.name == "Sneaky"))
    assert project.organisation == centres[0]


def test_a_social_worker_of_another_centre_cannot_be_put_on_a_project(as_user, centres, people):
    as_user("coordinator").post("/admin/projects/new", data={"name": "Taalcafé",
                                                             "workers": [people["other_worker"].id]})
    assert db.session.scalar(select(Project).where(Project.name == "Taalcafé")) is None
    assert reload(people["other_worker"]).projects == []


def test_a_coordinator_edits_a_project_and_its_social_workers(as_user, make_project, centres, people):
    project = make_project("Werkwinkel", centres[0])
    db.session.commit()
    coordinator = as_user("coordinator")
    assert "Werkwinkel" in coordinator.get(f"/admin/projects/{project.id}/edit").text
    coordinator.post(f"/admin/projects/{project.id}/edit", data={"name": "Werkwinkel Noord", "description": "",
                                                                 "workers": [people["worker"].id]})
    assert reload(project).name == "Werkwinkel Noord"
    assert [p.name for p in reload(people["worker"]).projects] == ["Werkwinkel Noord"]
    coordinator.post(f"/admin/projects/{project.id}/edit", data={"name": "Werkwinkel Noord"})
    assert reload(people["worker"]).projects == []


def test_projects_of_another_centre_answer_404_and_workers_403(as_user, make_project, centres):
    project = make_project("Werkwinkel", centres[0])
    db.session.commit()
    assert as_user("other_coordinator").get(f"/admin/projects/{project.id}/edit").status_code == 404
    assert as_user("worker").get(f"/admin/projects/{project.id}/edit").status_code == 403
    assert as_user("worker").get("/admin/projects/new").status_code == 403


def test_two_projects_of_a_centre_cannot_share_a_name(as_user, make_project, centres):
    make_project("Werkwinkel", centres[0])
    db.session.commit()
    response = as_user("coordinator").post("/admin/projects/new", data={"name": "werkwinkel"})
    assert "This centre already has a project with this name." in response.text


# Users


def test_the_users_list_shows_administrators_everyone_and_coordinators_their_centre(as_user):
    everyone = as_user("admin").get("/admin/users").text
    assert "worker@b.example" in everyone and "network@example.org" in everyone
    own = as_user("coordinator").get("/admin/users").text
    assert "worker@a.example" in own
    assert "worker@b.example" not in own and "admin@example.org" not in own


def test_an_administrator_creates_a_worker_whose_password_is_shown_once(app, as_user, centres, make_project):
    project = make_project("Taalcafé", centres[0])
    db.session.commit()
    admin = as_user("admin")
    response = admin.post(f"/admin/users/new?centre_id={centres[0].id}", data={
        "name": "Samir", "email": "Samir@A.example", "role": "worker", "locale": "fr", "projects": [project.id]})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    password = shown_password(response)
    assert len(password) >= 12
    user = db.session.scalar(select(User).where(User.email == "samir@a.example"))
    assert (user.role, user.organisation, user.locale, user.projects) == ("worker", centres[0], "fr", [project])
    assert can_log_in(app, "samir@a.example", password)
    assert password not in admin.get(f"/admin/users/{user.id}/edit").text


def test_an_administrator_creates_a_network_coordinator_without_a_centre(as_user):
    admin = as_user("admin")
    assert "No centre" in admin.get("/admin/users/new").text
    form = admin.get("/admin/users/new?centre_id=0").text
    assert "Network coordinator" in form and "Social worker" not in form
    admin.post("/admin/users/new?centre_id=0", data={"name": "Robin", "email": "robin@example.org",
                                                      "role": "network", "locale": "nl"})
    user = db.session.scalar(select(User).where(User.email == "robin@example.org"))
    assert (user.role, user.organisation_id) == ("network", None)


def test_people_of_a_centre_cannot_be_administrators_and_people_without_one_cannot_be_workers(as_user, centres):
    admin = as_user("admin")
    admin.post(f"/admin/users/new?centre_id={centres[0].id}", data={
        "name": "X", "email": "x@example.org", "role": "admin", "locale": "nl"})
    admin.post("/admin/users/new?centre_id=0", data={"name": "Y", "email": "y@example.org", "role": "worker",
                                                      "locale": "nl"})
    assert db.session.scalar(select(User).where(User.email.in_(["x@example.org", "y@example.org"]))) is None


def test_a_coordinator_creates_people_of_their_own_centre_but_never_an_administrator(as_user, centres):
    coordinator = as_user("coordinator")
    form = coordinator.get("/admin/users/new").text
    assert "Administrator" not in form and "Network coordinator" not in form
    for role in ("admin", "network"):
        response = coordinator.post("/admin/users/new", data={"name": "Boss", "email": f"{role}@evil.example",
                                                               "role": role, "locale": "nl"})
        assert response.status_code == 200
    assert db.session.scalar(select(User).where(User.email.like("%@evil.example"))) is None
    coordinator.post(f"/admin/users/new?centre_id={centres[1].id}", data={
        "name": "Nora", "email": "nora@a.example", "role": "coordinator", "locale": "nl"})
    nora = db.session.scalar(select(User).where(User.email == "nora@a.example"))
    assert (nora.role, nora.organisation) == ("coordinator", centres[0])


def test_an_email_address_has_one_account(as_user):
    response = as_user("admin").post("/admin/users/new?centre_id=0", data={
        "name": "Copy", "email": "WORKER@a.example", "role": "network", "locale": "nl"})
    assert "Another account already uses this email address." in response.text


def test_a_coordinator_cannot_see_or_edit_another_centres_users(as_user, people):
    coordinator = as_user("coordinator")
    for name in ("other_worker", "other_coordinator", "admin", "network"):
        user_id = people[name].id
        assert coordinator.get(f"/admin/users/{user_id}/edit").status_code == 404
        assert coordinator.post(f"/admin/users/{user_id}/edit", data={"name": "Hacked"}).status_code == 404
        assert coordinator.post(f"/admin/users/{user_id}/password").status_code == 404
    assert reload(people["other_worker"]).name == "worker"


def test_a_coordinator_promotes_a_worker_and_cannot_make_an_administrator(as_user, people):
    coordinator = as_user("coordinator")
    worker = people["worker"]
    data = {"name": "Wim", "email": worker.email, "locale": "nl", "active": "y"}
    coordinator.post(f"/admin/users/{worker.id}/edit", data={**data, "role": "admin"})
    assert reload(worker).role == "worker"
    coordinator.post(f"/admin/users/{worker.id}/edit", data={**data, "role": "coordinator"})
    assert (reload(worker).role, reload(worker).name) == ("coordinator", "Wim")


def test_nobody_can_demote_or_switch_off_themselves(as_user, people):
    for name in ("admin", "coordinator"):
        me = people[name]
        response = as_user(name).post(f"/admin/users/{me.id}/edit", data={
            "name": "Me", "email": me.email, "locale": "en", "role": "worker"})  # "active" unticked
        assert response.status_code == 302
        me = reload(me)
        assert (me.name, me.role, me.active) == ("Me", name, True)


def test_a_switched_off_user_cannot_log_in_and_is_logged_out(app, as_user, people):
    worker = people["worker"]
    logged_in = as_user("worker")
    as_user("coordinator").post(f"/admin/users/{worker.id}/edit", data={
        "name": "worker", "email": worker.email, "role": "worker", "locale": "en"})
    assert reload(worker).active is False
    assert logged_in.get("/account").status_code == 302
    response = app.test_client().post("/login", data={"email": worker.email, "password": PASSWORD},
                                      headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert "This account is switched off." in response.text
    assert "cannot log in" in as_user("coordinator").get("/admin/users").text


def test_a_password_reset_shows_a_new_password_once_and_the_old_one_stops_working(app, as_user, people):
    worker = people["worker"]
    response = as_user("coordinator").post(f"/admin/users/{worker.id}/password")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    password = shown_password(response)
    assert not can_log_in(app, worker.email, PASSWORD)
    assert can_log_in(app, worker.email, password)


def test_a_password_reset_lifts_a_login_lock(app, as_user, people):
    worker = people["worker"]
    for _ in range(10):
        app.test_client().post("/login", data={"email": worker.email, "password": "wrong"})
    password = shown_password(as_user("admin").post(f"/admin/users/{worker.id}/password"))
    assert can_log_in(app, worker.email, password)


def test_coordinators_reset_only_social_workers_passwords(as_user, people):
    assert as_user("coordinator").post(f"/admin/users/{people['colleague'].id}/password").status_code == 403
    assert as_user("admin").post(f"/admin/users/{people['colleague'].id}/password").status_code == 200


# Audit log


def test_the_audit_log_shows_a_coordinator_their_centres_actions_only(as_user, people, centres):
    as_user("coordinator").post("/admin/users/new", data={"name": "Ann", "email": "ann@a.example",
                                                          "role": "worker", "locale": "nl"})
    as_user("other_coordinator").post("/admin/users/new", data={"name": "Bob", "email": "bob@b.example",
                                                                "role": "worker", "locale": "nl"})
    own = as_user("coordinator").get("/audit", headers={"Accept-Language": "en"})
    assert "ann@a.example" in own.text and "Created an account" in own.text
    assert "bob@b.example" not in own.text
    everything = as_user("admin").get("/audit").text
    assert "ann@a.example" in everything and "bob@b.example" in everything
    assert as_user("worker").get("/audit").status_code == 403
    assert as_user("network").get("/audit").status_code == 403


def test_the_audit_log_never_contains_a_password(as_user, people, centres):
    admin = as_user("admin")
    created = admin.post(f"/admin/users/new?centre_id={centres[0].id}", data={
        "name": "Ann", "email": "ann@a.example", "role": "worker", "locale": "nl"})
    ann = db.session.scalar(select(User).where(User.email == "ann@a.example"))
    reset = admin.post(f"/admin/users/{ann.id}/password")
    passwords = [shown_password(created), shown_password(reset)]
    log = admin.get("/audit").text
    assert "ann@a.example" in log
    stored = " ".join(f"{e.action} {e.subject}" for e in db.session.scalars(select(AuditEvent)))
    for password in passwords:
        assert password not in log and password not in stored


def test_the_audit_log_is_newest_first_filtered_and_paged(as_user, people, centres):
    admin = as_user("admin")
    for number in range(55):
        admin.post("/admin/centres/new", data={"name": f"Centre {number:02d}"})
    admin.post(f"/admin/centres/{centres[0].id}/edit", data={"name": "Centre A renamed"})
    first = admin.get("/audit", headers={"Accept-Language": "en"}).text.split("<tbody>")[1]
    assert first.index("Centre A renamed") < first.index("Centre 54")
    assert "Page 1 of 2" in first
    assert first.count("<tr>") == 50
    assert "Centre 00" in admin.get("/audit?page=2").text
    renamed = admin.get("/audit?action=centre.update").text
    assert "Centre A renamed" in renamed and "Centre 54" not in renamed
