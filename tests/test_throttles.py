"""Guessing passwords and kiosk PINs: many tries at once, from one client or from many, get no more guesses."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter
from werkzeug.security import generate_password_hash

import app.accounts.throttle as throttle
from app.accounts.models import User
from app.extensions import db
from app.models import Role
from app.rounds import lock
from tests.clients import logged_in

PASSWORD = "correct horse battery"
PIN = "2468"
#: parallel requests in one burst
BURST = 30


@pytest.fixture
def frozen_clock(clock):
    """Time stands still: no delay runs out during a burst, so every try beyond the free ones must be refused."""
    return clock


class Counter:
    def __init__(self):
        self.count, self._lock = 0, threading.Lock()

    def add(self) -> None:
        with self._lock:
            self.count += 1


@pytest.fixture
def password_checks(monkeypatch) -> Counter:
    counter, real = Counter(), User.check_password

    def counted(user, password):
        counter.add()
        return real(user, password)

    monkeypatch.setattr(User, "check_password", counted)
    return counter


def burst(send, times=BURST) -> list[int]:
    """``send(i)`` from ``times`` threads at once; the status codes."""
    start = threading.Barrier(times)

    def one(i):
        start.wait()
        return send(i)

    with ThreadPoolExecutor(times) as pool:
        return list(pool.map(one, range(times)))


def test_parallel_wrong_passwords_from_many_addresses_get_no_more_checks_than_the_throttle_allows(
        app, worker, frozen_clock, password_checks):
    email = worker.email

    def wrong_password(i):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"10.0.{i // 250}.{i % 250 + 1}"
        return client.post("/login", data={"email": email, "password": f"guess {i}"}).status_code

    statuses = burst(wrong_password)
    assert set(statuses) <= {200, 429}, statuses
    assert password_checks.count == throttle.FREE_FAILURES
    assert statuses.count(200) == throttle.FREE_FAILURES
    refused = app.test_client().post("/login", data={"email": email, "password": PASSWORD})
    assert refused.status_code == 429


def test_one_client_trying_many_addresses_is_refused_for_a_while(app, worker):
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    answers = [client.post("/login", data={"email": f"person{i}@example.org", "password": "guess"}).status_code
               for i in range(throttle.FAILURES_PER_CLIENT_PER_MINUTE + 1)]
    assert answers[:-1] == [200] * throttle.FAILURES_PER_CLIENT_PER_MINUTE
    assert answers[-1] == 429
    refused = client.post("/login", data={"email": worker.email, "password": PASSWORD})
    assert refused.status_code == 429
    assert "Too many failed attempts. Try again in" in refused.text
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.9.9.9"
    assert other.post("/login", data={"email": worker.email, "password": PASSWORD}).status_code == 302


def test_successful_logins_from_one_office_are_not_limited(app, make_user, make_centre):
    centre = make_centre()
    people = [make_user(email=f"staff{i}@example.org", centre=centre) for i in range(3)]
    db.session.commit()
    for _ in range(throttle.FAILURES_PER_CLIENT_PER_MINUTE // 3 + 2):
        for person in people:
            client = app.test_client()
            assert client.post("/login", data={"email": person.email, "password": PASSWORD}).status_code == 302


@pytest.fixture
def locked_tablet(app, make_round, make_project, make_centre, make_user):
    centre = make_centre()
    project = make_project(centre=centre)
    worker = make_user(email="lies@example.org", role=Role.WORKER, centre=centre)
    worker.projects.append(project)
    round_ = make_round(project=project, mode="kiosk", opens_on=date.today() - timedelta(days=1))
    round_.pin_hash = generate_password_hash(PIN)
    client = logged_in(app, worker)
    client.post(f"/projects/{project.id}/rounds/{round_.id}/kiosk")
    return client.get_cookie("session").value


def test_parallel_wrong_pins_from_one_copied_cookie_are_checked_no_more_than_allowed(
        app, locked_tablet, frozen_clock, monkeypatch):
    checks, real = Counter(), lock.check_password_hash

    def counted(*args):
        checks.add()
        return real(*args)

    monkeypatch.setattr(lock, "check_password_hash", counted)

    def wrong_pin(i):
        client = app.test_client()
        client.set_cookie("session", locked_tablet)
        return client.post("/kiosk/unlock", data={"pin": f"{i:04d}"}).status_code

    statuses = burst(wrong_pin)
    assert set(statuses) <= {200, 429}, statuses
    assert checks.count == lock.MAX_FAILED_PINS
    tablet = app.test_client()
    tablet.set_cookie("session", locked_tablet)
    assert tablet.post("/kiosk/unlock", data={"pin": PIN}).status_code == 429


def test_behind_two_reverse_proxies_each_client_is_limited_on_its_own(app, app_config, worker):
    from app import create_app

    proxied = create_app({**app_config, "VOX_PROXIES": 2})
    email = worker.email

    def through_the_proxy(client_address):
        """A request that passed a load balancer (10.0.0.2), then the web server of the app (REMOTE_ADDR)."""
        client = proxied.test_client()
        client.environ_base["HTTP_X_FORWARDED_FOR"] = f"{client_address}, 10.0.0.2"
        return client

    guesser = through_the_proxy("203.0.113.7")
    for i in range(throttle.FAILURES_PER_CLIENT_PER_MINUTE):
        guesser.post("/login", data={"email": f"person{i}@example.org", "password": "guess"})
    assert guesser.post("/login", data={"email": email, "password": PASSWORD}).status_code == 429
    colleague = through_the_proxy("203.0.113.8")
    assert colleague.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    with proxied.app_context():
        db.engine.dispose()


@pytest.fixture
def rate_limits_unreachable(app, monkeypatch):
    """Rate limits counted in a Redis that does not answer (nothing listens on port 1)."""
    from app.extensions import limiter

    monkeypatch.setattr(throttle, "_FALLBACK", FixedWindowRateLimiter(MemoryStorage()), raising=False)  # fresh
    monkeypatch.setitem(app.config, "RATELIMIT_STORAGE_URI", "redis://127.0.0.1:1/0")
    limiter.init_app(app)
    yield
    monkeypatch.undo()
    limiter.init_app(app)  # back to counting in memory


def test_logging_in_and_answering_go_on_when_the_rate_limit_storage_is_down(
        app, rate_limits_unreachable, worker, make_round, make_project, caplog):
    colleague = app.test_client()
    assert colleague.post("/login", data={"email": worker.email, "password": PASSWORD}).status_code == 302

    guesser = app.test_client()
    guesser.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    answers = [guesser.post("/login", data={"email": f"person{i}@example.org", "password": "guess"}).status_code
               for i in range(throttle.FAILURES_PER_CLIENT_PER_MINUTE + 1)]
    assert answers == [200] * throttle.FAILURES_PER_CLIENT_PER_MINUTE + [429], "still limited, in memory"
    assert "rate-limit storage does not answer" in caplog.text

    round_ = make_round(project=make_project(centre=worker.organisation), opens_on=date.today())
    db.session.commit()
    reply = app.test_client().post(f"/api/rounds/{round_.token}/responses", json={
        "id": "8d7e1c3a-0c55-4a0e-9a65-8f0a8c1d2e3f", "language": "nl", "answers": {"liked_today": "4"}})
    assert reply.status_code == 201, reply.text
