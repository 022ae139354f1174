"""Staff sessions, one per browser: logging out ends this browser's session only; a new password or switching an
account off ends them all; a forged, ended or too old session cookie is refused."""

import hashlib

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select, text

from app import create_app
from app.config import load_config
from app.extensions import db
from app.models import Role, StaffSession

PASSWORD = "correct horse battery"
EN = {"Accept-Language": "en"}


@pytest.fixture
def device(app):
    """A new browser (an office PC, a phone...), logged in through the login form when given an account."""

    def open_(user=None, password=PASSWORD):
        browser = app.test_client()
        if user is not None:
            response = browser.post("/login", data={"email": user.email, "password": password}, headers=EN)
            assert response.status_code == 302
        return browser

    return open_


def logged_in(browser) -> bool:
    return browser.get("/account", headers=EN).status_code == 200


def copy_of(app, browser):
    """Another browser holding a copy of ``browser``'s session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", browser.get_cookie("session").value)
    return thief


def session_token_of(app, browser) -> str:
    """The raw session token in ``browser``'s cookie (signed, not encrypted: its owner can read it)."""
    cookie = app.session_interface.get_signing_serializer(app).loads(browser.get_cookie("session").value)
    return cookie["_user_id"].partition(":")[2]


def sessions_stored() -> int:
    return db.session.scalar(select(func.count()).select_from(StaffSession))


def change_password(browser, current, new):
    return browser.post("/account", data={"password-current": current, "password-new": new,
                                          "password-repeat": new, "password-submit": "1"}, headers=EN)


# Logging out


def test_logging_out_on_the_office_pc_leaves_the_phone_logged_in(device, worker):
    office, phone = device(worker), device(worker)
    office.post("/logout")
    assert not logged_in(office)
    assert logged_in(phone)


def test_a_copy_of_a_logged_out_cookie_no_longer_works_but_other_devices_do(app, device, worker):
    office, phone = device(worker), device(worker)
    copied = copy_of(app, office)
    assert logged_in(copied)
    office.post("/logout")
    assert not logged_in(copied)
    assert logged_in(phone)


def test_logging_out_leaves_no_session_behind(device, worker):
    office = device(worker)
    assert sessions_stored() == 1
    office.post("/logout")
    assert sessions_stored() == 0


# A new password, an account switched off


def test_changing_my_own_password_keeps_me_in_here_and_logs_my_phone_out(app, device, worker):
    office, phone = device(worker), device(worker)
    copied = copy_of(app, office)
    assert change_password(office, PASSWORD, "a much longer secret").status_code == 302
    assert logged_in(office)
    assert not logged_in(phone)
    assert not logged_in(copied)
    assert sessions_stored() == 1


def test_a_password_reset_by_a_coordinator_logs_out_every_device(device, worker, make_user):
    office, phone = device(worker), device(worker)
    coordinator = make_user(email="coord@example.org", role=Role.COORDINATOR, centre=worker.organisation)
    db.session.commit()
    coordinator_pc = device(coordinator)
    assert coordinator_pc.post(f"/admin/users/{worker.id}/password").status_code == 200
    assert not logged_in(office)
    assert not logged_in(phone)
    assert logged_in(coordinator_pc)


def test_an_account_switched_off_and_on_again_is_logged_out_on_every_device(device, worker, make_user):
    office, phone = device(worker), device(worker)
    coordinator_pc = device(make_user(email="coord@example.org", role=Role.COORDINATOR, centre=worker.organisation))
    form = {"name": worker.name, "email": worker.email, "role": "worker", "locale": "en"}
    assert coordinator_pc.post(f"/admin/users/{worker.id}/edit", data=form).status_code == 302  # "Can log in" off
    assert coordinator_pc.post(f"/admin/users/{worker.id}/edit", data={**form, "active": "y"}).status_code == 302
    assert not logged_in(office)
    assert not logged_in(phone)
    assert logged_in(device(worker))


# Cookies that open no session


def test_a_cookie_with_a_forged_token_is_refused(app, worker):
    forger = app.test_client()
    with forger.session_transaction() as session:
        session["_user_id"] = f"{worker.id}:made-up-token"
    assert not logged_in(forger)


def test_my_session_token_does_not_open_a_colleague_s_account(app, device, worker, make_user):
    colleague = make_user(email="jan@example.org", role=Role.WORKER, centre=worker.organisation)
    db.session.commit()
    mine = session_token_of(app, device(worker))
    borrower = app.test_client()
    with borrower.session_transaction() as session:
        session["_user_id"] = f"{colleague.id}:{mine}"
    assert not logged_in(borrower)


def test_a_stale_cookie_of_an_ended_session_is_refused_after_logging_in_again(app, device, worker):
    office = device(worker)
    stale = copy_of(app, office)
    office.post("/logout")
    assert logged_in(device(worker))
    assert not logged_in(stale)


def test_the_database_holds_no_working_cookie(app, device, worker):
    token = session_token_of(app, device(worker))
    stored = db.session.scalars(select(StaffSession.token_hash)).all()
    assert stored == [hashlib.sha256(token.encode()).hexdigest()]
    forger = app.test_client()
    with forger.session_transaction() as session:
        session["_user_id"] = f"{worker.id}:{stored[0]}"
    assert not logged_in(forger)


# Old sessions


def test_a_session_older_than_the_session_lifetime_is_refused_and_its_row_removed(app, device, worker, clock):
    office = device(worker)
    clock.advance(seconds=app.permanent_session_lifetime.total_seconds() - 60)
    assert logged_in(office)
    clock.advance(minutes=2)
    assert not logged_in(office)
    phone = device(worker)  # any login clears the sessions that have expired
    assert sessions_stored() == 1
    assert logged_in(phone)


def test_a_centre_can_make_sessions_end_sooner(app, device, worker, clock, monkeypatch, tmp_path):
    """On shared office computers a day may be enough: VOX_SESSION_DAYS sets it (never below one day)."""
    monkeypatch.setenv("VOX_SESSION_DAYS", "1")
    lifetime = load_config(str(tmp_path))["PERMANENT_SESSION_LIFETIME"]
    monkeypatch.setitem(app.config, "PERMANENT_SESSION_LIFETIME", lifetime)
    office = device(worker)
    clock.advance(hours=23)
    assert logged_in(office)
    clock.advance(hours=2)
    assert not logged_in(office)
    monkeypatch.setenv("VOX_SESSION_DAYS", "0")
    assert load_config(str(tmp_path))["PERMANENT_SESSION_LIFETIME"].days == 1


# The migration


def test_the_migration_to_staff_sessions_keeps_accounts_and_their_projects_both_ways(app_config, tmp_path):
    """On SQLite, where rebuilding the users table would delete the rows that refer to it (ON DELETE CASCADE)."""
    migrated = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'migrated.sqlite'}"})
    with migrated.app_context():
        upgrade(revision=BEFORE_STAFF_SESSIONS)
        with db.engine.begin() as connection:
            for statement in ACCOUNTS_BEFORE:
                connection.execute(text(statement))
        upgrade()
        assert rows("SELECT user_id, project_id FROM project_members") == [(1, 1), (2, 1)]
        downgrade(revision=BEFORE_STAFF_SESSIONS)
        assert rows("SELECT user_id, project_id FROM project_members") == [(1, 1), (2, 1)]
        tokens = [token for (token,) in rows("SELECT session_token FROM users")]
        assert len(set(tokens)) == 2 and all(len(token) >= 32 for token in tokens)
        db.engine.dispose()


BEFORE_STAFF_SESSIONS = "a0cf5eeb986e"
ACCOUNTS_BEFORE = [
    "INSERT INTO organisations (id, name, slug, created_at) VALUES (1, 'Centre', 'centre', CURRENT_TIMESTAMP)",
    "INSERT INTO projects (id, name, description, organisation_id, created_at) "
    "VALUES (1, 'Taalcafé', '', 1, CURRENT_TIMESTAMP)",
    *(f"INSERT INTO users (id, email, name, password_hash, role, organisation_id, locale, active, session_token, "
      f"created_at) VALUES ({n}, 'w{n}@example.org', 'W', 'x', 'worker', 1, 'en', 1, 'old', CURRENT_TIMESTAMP)"
      for n in (1, 2)),
    "INSERT INTO project_members (user_id, project_id) VALUES (1, 1), (2, 1)",
]


def rows(query: str) -> list[tuple]:
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(query + " ORDER BY 1"))]
