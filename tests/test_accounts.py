"""Staff accounts: logging in and out, login throttling, their own settings, CSRF on every form."""

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Organisation, Role
from tests.clients import log_in as log_in_session

PASSWORD = "correct horse battery"
EN = {"Accept-Language": "en"}


def log_in(client, email, password, next_page=None):
    url = "/login" + (f"?next={next_page}" if next_page else "")
    return client.post(url, data={"email": email, "password": password}, headers=EN)


def logged_in(client) -> bool:
    return client.get("/account", headers=EN).status_code == 200


# Logging in and out


def test_a_worker_logs_in_and_lands_on_the_local_page_they_asked_for(client, worker):
    response = log_in(client, "Lies@Example.org ", PASSWORD, next_page="/account")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account"
    assert logged_in(client)


@pytest.mark.parametrize("elsewhere", [
    "https://evil.example/", "//evil.example/", "/\\evil.example",
    # browsers drop tabs and line breaks from a URL: "/<tab>/evil.example" takes them to //evil.example
    "/%09/evil.example", "/%0d%0a/evil.example", "/%0a/evil.example", "%09//evil.example", "/%0d/evil.example",
    "%20//evil.example", "https:evil.example", "/%5c%09evil.example", "/%7f/evil.example",
])
def test_after_logging_in_nobody_is_sent_to_another_site(client, worker, elsewhere):
    response = log_in(client, worker.email, PASSWORD, next_page=elsewhere)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert logged_in(client)


def test_a_nul_character_in_the_page_to_go_to_is_refused_before_anything(client, worker):
    assert log_in(client, worker.email, PASSWORD, next_page="/%00/evil.example").status_code == 400
    assert not logged_in(client)


def test_a_local_page_with_a_line_break_in_its_address_lands_on_the_start_page(client, worker):
    response = log_in(client, worker.email, PASSWORD, next_page="/%0d%0a/x")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_a_wrong_password_is_refused(client, worker):
    response = log_in(client, worker.email, "not the password")
    assert response.status_code == 200
    assert "That email address and password do not match." in response.text
    assert not logged_in(client)


def test_logging_out_ends_the_session(client, worker):
    log_in(client, worker.email, PASSWORD)
    response = client.post("/logout", headers=EN)
    assert response.status_code == 302
    assert not logged_in(client)


def copy_of_session(app, client):
    """Another browser holding a copy of ``client``'s session cookie (taken from its disk, or its traffic)."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_a_session_copied_before_logging_out_no_longer_works(app, client, worker):
    log_in(client, worker.email, PASSWORD)
    copied = copy_of_session(app, client)
    assert logged_in(copied)
    client.post("/logout")
    assert not logged_in(copied)
    assert copied.get("/account").headers["Location"].startswith("/login")


def test_a_session_copied_before_a_password_change_no_longer_works_but_mine_does(app, client, worker):
    log_in(client, worker.email, PASSWORD)
    copied = copy_of_session(app, client)
    assert change_password(client, PASSWORD, "a much longer secret").status_code == 302
    assert logged_in(client)
    assert not logged_in(copied)


def test_a_password_given_by_a_coordinator_ends_the_accounts_sessions(app, client, worker, make_user):
    log_in(client, worker.email, PASSWORD)
    coordinator = make_user(email="coord@example.org", role=Role.COORDINATOR, centre=worker.organisation)
    coordinator_browser = app.test_client()
    log_in(coordinator_browser, coordinator.email, PASSWORD)
    assert coordinator_browser.post(f"/admin/users/{worker.id}/password").status_code == 200
    assert not logged_in(client)
    assert logged_in(coordinator_browser)


def test_a_login_is_written_in_the_audit_log(client, worker):
    log_in(client, worker.email, PASSWORD)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "account.login"))
    assert event.actor == worker.email
    assert event.organisation_id == worker.organisation_id


# Throttling


def test_after_three_failures_the_next_try_must_wait_even_with_the_right_password(client, worker, clock):
    for _ in range(3):
        assert log_in(client, worker.email, "wrong").status_code == 200
    response = log_in(client, worker.email, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed attempts. Try again in 2 seconds." in response.text
    assert not logged_in(client)
    clock.advance(seconds=2)
    assert log_in(client, worker.email, PASSWORD).status_code == 302
    assert logged_in(client)


def test_after_ten_failures_the_address_is_refused_for_minutes_then_allowed_again(client, worker, clock):
    for _ in range(10):
        assert log_in(client, worker.email, "wrong").status_code == 200
        clock.advance(minutes=5)  # longer than any delay before the lock: every try is checked
    clock.advance(minutes=-5)
    response = log_in(client, worker.email, PASSWORD)
    assert response.status_code == 429
    assert "Try again in 15 minutes." in response.text
    clock.advance(minutes=14)
    assert log_in(client, worker.email, PASSWORD).status_code == 429
    clock.advance(minutes=1)
    assert log_in(client, worker.email, PASSWORD).status_code == 302


def test_a_success_forgets_earlier_failures(client, worker, clock):
    for _ in range(2):
        log_in(client, worker.email, "wrong")
    log_in(client, worker.email, PASSWORD)
    client.post("/logout")
    for _ in range(2):
        assert log_in(client, worker.email, "wrong").status_code == 200
    assert log_in(client, worker.email, PASSWORD).status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_the_same_throttle(client, worker, clock):
    unknown = [log_in(client, "nobody@example.org", "wrong") for _ in range(3)]
    assert all("That email address and password do not match." in r.text for r in unknown)
    refused = log_in(client, "nobody@example.org", "wrong")
    assert refused.status_code == 429
    assert "Too many failed attempts. Try again in 2 seconds." in refused.text


def test_an_unknown_address_costs_a_password_check_like_a_known_one(client, worker, monkeypatch):
    import app.accounts.views as views

    checked = []
    real = views.check_password_hash
    monkeypatch.setattr(views, "check_password_hash", lambda *args: checked.append(1) or real(*args))
    log_in(client, "nobody@example.org", "wrong")
    assert checked == [1]


# My account


def test_a_user_changes_name_and_interface_language(client, worker):
    log_in_session(client, worker)
    page = client.get("/account")
    assert 'lang="en"' in page.text
    for endonym in ("Nederlands", "Français", "English", "Deutsch"):
        assert endonym in page.text
    response = client.post("/account", data={"profile-name": "Lies V.", "profile-locale": "fr",
                                             "profile-submit": "Save"}, follow_redirects=True)
    assert '<html lang="fr"' in response.text
    assert "Se déconnecter" in response.text
    db.session.expire_all()
    assert (worker.name, worker.locale) == ("Lies V.", "fr")


def test_an_unknown_interface_language_is_refused(client, worker):
    log_in_session(client, worker)
    response = client.post("/account", data={"profile-name": "Lies", "profile-locale": "xx",
                                             "profile-submit": "Save"})
    assert response.status_code == 200
    db.session.expire_all()
    assert worker.locale == "en"


def change_password(client, current, new, repeat=None):
    return client.post("/account", data={"password-current": current, "password-new": new,
                                         "password-repeat": new if repeat is None else repeat,
                                         "password-submit": "Change"})


def test_a_user_changes_their_password(client, worker):
    log_in_session(client, worker)
    assert change_password(client, PASSWORD, "a much longer secret").status_code == 302
    client.post("/logout")
    assert log_in(client, worker.email, PASSWORD).status_code == 200
    assert log_in(client, worker.email, "a much longer secret").status_code == 302
    audit = db.session.scalars(select(AuditEvent.subject)).all()
    assert not any("secret" in subject for subject in audit)


def test_a_password_is_kept_as_a_slow_salted_hash(client, worker, slow_hashes):
    log_in_session(client, worker)
    change_password(client, PASSWORD, "a much longer secret")
    db.session.refresh(worker)
    assert worker.password_hash.startswith("scrypt:") and "secret" not in worker.password_hash
    assert worker.check_password("a much longer secret")


@pytest.mark.parametrize(("current", "new", "repeat", "message"), [
    ("wrong password", "a much longer secret", None, "That is not your current password."),
    (PASSWORD, "too short", None, "Use at least 12 characters."),
    (PASSWORD, "a much longer secret", "another long secret", "The two new passwords are not the same."),
])
def test_a_password_change_with_a_mistake_changes_nothing(client, worker, current, new, repeat, message):
    log_in_session(client, worker)
    response = change_password(client, current, new, repeat)
    assert response.status_code == 200
    assert message in response.text
    db.session.expire_all()
    assert worker.check_password(PASSWORD)


def test_guessing_the_current_password_is_throttled_like_a_login(client, worker, clock):
    log_in_session(client, worker)
    for _ in range(3):
        change_password(client, "guess", "a much longer secret")
    response = change_password(client, PASSWORD, "a much longer secret")
    assert "Too many failed attempts" in response.text
    db.session.expire_all()
    assert worker.check_password(PASSWORD)


def test_session_cookies_are_httponly_and_lax(client, worker):
    response = log_in(client, worker.email, PASSWORD)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_production_session_cookies_are_secure(monkeypatch, tmp_path):
    from app.config import load_config

    monkeypatch.setenv("VOX_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    config = load_config(str(tmp_path))
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"


# CSRF: every form needs its token


def csrf_token_of(page, field="csrf_token") -> str:
    match = re.search(rf'name="{re.escape(field)}"[^>]*value="([^"]+)"', page.text)
    return match.group(1)


def test_logging_in_without_the_csrf_token_is_refused(csrf_client, worker):
    refused = csrf_client.post("/login", data={"email": worker.email, "password": PASSWORD}, headers=EN)
    assert refused.status_code == 400
    assert not logged_in(csrf_client)
    form = csrf_client.get("/login", headers=EN)
    accepted = csrf_client.post("/login", data={"email": worker.email, "password": PASSWORD,
                                                "csrf_token": csrf_token_of(form)})
    assert accepted.status_code == 302
    assert logged_in(csrf_client)


def csrf_login(client, user):
    form = client.get("/login", headers=EN)
    client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": csrf_token_of(form)})


def test_logging_out_without_the_csrf_token_is_refused(csrf_client, worker):
    csrf_login(csrf_client, worker)
    assert csrf_client.post("/logout").status_code == 400
    assert logged_in(csrf_client)
    page = csrf_client.get("/account")
    assert csrf_client.post("/logout", data={"csrf_token": csrf_token_of(page)}).status_code == 302
    assert not logged_in(csrf_client)


def test_changing_my_account_without_the_csrf_token_is_refused(csrf_client, worker):
    csrf_login(csrf_client, worker)
    data = {"profile-name": "Someone else", "profile-locale": "de", "profile-submit": "Save"}
    assert csrf_client.post("/account", data=data).status_code == 400
    db.session.expire_all()
    assert worker.name == "Lies"
    page = csrf_client.get("/account")
    accepted = csrf_client.post("/account", data={**data, "profile-csrf_token": csrf_token_of(page,
                                                                                             "profile-csrf_token")})
    assert accepted.status_code == 302
    db.session.expire_all()
    assert worker.name == "Someone else"


def test_an_admin_form_without_the_csrf_token_is_refused(csrf_client, make_user):
    admin = make_user(email="admin@example.org", role=Role.ADMIN, locale="en")
    db.session.commit()
    csrf_login(csrf_client, admin)
    assert csrf_client.post("/admin/centres/new", data={"name": "Centre Noord"}).status_code == 400
    assert db.session.scalar(select(Organisation).where(Organisation.name == "Centre Noord")) is None
    page = csrf_client.get("/admin/centres/new")
    accepted = csrf_client.post("/admin/centres/new", data={"name": "Centre Noord",
                                                            "csrf_token": csrf_token_of(page)})
    assert accepted.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Organisation).where(Organisation.name == "Centre Noord")) is not None

