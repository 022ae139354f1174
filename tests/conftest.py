"""Fixtures: an app on SQLite (or on PostgreSQL when TEST_DATABASE_URL is set), a client, and factories."""

import itertools
import os
import uuid
from datetime import date, timedelta

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, make_url, select, text
from werkzeug.security import generate_password_hash

from app import create_app, timeutil
from app.extensions import db, limiter
from app.library.operations import latest_library_version, sync_library
from app.models import Answer, Organisation, Project, Response, Role, Round, User
from tests.clients import logged_in

pytest_plugins = ["tests.programs", "tests.browser", "pytester"]

#: werkzeug's own defaults: a slow salted hash (scrypt), as the app keeps passwords and PINs outside the tests
SLOW_HASHES = generate_password_hash.__defaults__


@pytest.fixture(scope="session", autouse=True)
def _quick_hashes():
    """Passwords and PINs hashed in a millisecond instead of 70: the suite makes hundreds. test_accounts checks that
    the app itself hashes with werkzeug's slow default."""
    generate_password_hash.__defaults__ = ("pbkdf2:sha256:1000", *SLOW_HASHES[1:])
    yield
    generate_password_hash.__defaults__ = SLOW_HASHES


@pytest.fixture
def slow_hashes(monkeypatch):
    """Passwords and PINs hashed as outside the tests."""
    monkeypatch.setattr(generate_password_hash, "__defaults__", SLOW_HASHES)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """A SQLite file of this run, or TEST_DATABASE_URL; each pytest-xdist worker (gw0, gw1...) has its own database."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'vox-test.sqlite'}"  # a folder per worker
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return worker_database(url, worker) if worker else url


def worker_database(url: str, worker: str) -> str:
    """The database ``<name>_<worker>`` on the PostgreSQL server of ``url`` (test_gw0 for test), made if missing."""
    server = make_url(url)
    name = f"{server.database}_{worker}"
    engine = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}) is None:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def app_config(database_url, tmp_path_factory) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "VOX_PUBLIC_URL": "http://vox.test",
        # no spoken clips unless a test asks for them (the ``spoken`` fixture of test_speech)
        "VOX_SPEECH_DIR": str(tmp_path_factory.mktemp("no-speech")),
    }


@pytest.fixture(scope="session")
def _schema(app_config):
    """Build the schema once per run with the real migrations, on an empty database."""
    app = create_app(app_config)
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        upgrade()
        db.engine.dispose()
    return True


@pytest.fixture
def app(app_config, _schema):
    app = create_app(app_config)
    with app.app_context():
        yield app
        db.session.rollback()
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())
        db.session.remove()
        db.engine.dispose()
        limiter.reset()


@pytest.fixture(scope="session")
def _demo_rows(app_config, _schema) -> list:
    """Every row that ``flask demo`` stores, made once per test process (it takes a second) and taken out again."""
    app = create_app(app_config)
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["demo"])
        assert result.exit_code == 0, result.output
        with db.engine.begin() as connection:
            rows = [(table, [dict(row) for row in connection.execute(table.select()).mappings()])
                    for table in db.metadata.sorted_tables]
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
        db.session.remove()
        db.engine.dispose()
    return rows


@pytest.fixture
def demo_data(app, _demo_rows):
    """The database as ``flask demo`` fills it (centres, accounts, rounds, answers), without running it again.

    Ask for it before any fixture that stores rows: it fills an empty database.
    """
    if db.session.scalar(select(func.count()).select_from(Organisation)):
        pytest.fail("demo_data fills an empty database: ask for it before the fixtures that store rows")
    # the same ids as when they were made, on this database: PostgreSQL's sequences have passed them already
    for table, rows in _demo_rows:
        if rows:
            db.session.execute(table.insert(), rows)
    db.session.commit()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def csrf_client(app, app_config):
    """A client of an app that checks CSRF tokens, as in production (the ``app`` fixture cleans up)."""
    checked = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    yield checked.test_client()
    with checked.app_context():
        db.engine.dispose()


@pytest.fixture
def make_centre(app):
    def make(name="Centre Zuid", slug=None):
        centre = Organisation(name=name, slug=slug or name.lower().replace(" ", "-"))
        db.session.add(centre)
        db.session.flush()
        return centre

    return make


@pytest.fixture
def make_project(app, make_centre):
    def make(name="Taal en werk", centre=None):
        project = Project(name=name, organisation=centre or make_centre())
        db.session.add(project)
        db.session.flush()
        return project

    return make


@pytest.fixture
def make_user(app):
    def make(email="worker@example.org", role=Role.WORKER, centre=None, password="correct horse battery", **kw):
        user = User(email=email, name=kw.pop("name", email.split("@")[0]), role=role, organisation=centre, **kw)
        user.set_password(password)
        db.session.add(user)
        db.session.flush()
        return user

    return make


@pytest.fixture
def worker(make_user, make_centre):
    """Lies, a social worker of a centre, in no project yet, in English (modules with other needs define their own)."""
    user = make_user(email="lies@example.org", role=Role.WORKER, centre=make_centre(), locale="en", name="Lies")
    db.session.commit()
    return user


@pytest.fixture
def log_in_as(app):
    """A new client, logged in as a new staff member: ``log_in_as(Role.WORKER, centre=centre, projects=[project])``."""
    made = itertools.count(1)

    def log_in(role=Role.COORDINATOR, centre=None, projects=(), locale="en"):
        user = User(email=f"{role}-{next(made)}@example.org", name=str(role).title(), role=role, locale=locale,
                    organisation=centre, password_hash="no password: logged in through the session")
        user.projects.extend(projects)
        db.session.add(user)
        return logged_in(app, user)

    return log_in


@pytest.fixture
def library(app):
    """The shared library questionnaires, stored in the database."""
    sync_library()
    db.session.flush()
    return {q.slug: q for q in map(latest_library_version, _library_slugs())}


def _library_slugs():
    from app.library.operations import library_files

    return [path.stem for path in library_files()]


@pytest.fixture
def make_round(app, library, make_project):
    def make(project=None, questionnaire="after-activity", languages=("nl", "ar"), **kw):
        round_ = Round(project=project or make_project(), questionnaire=library[questionnaire],
                       languages=list(languages), **kw)
        db.session.add(round_)
        db.session.flush()
        return round_

    return make


@pytest.fixture
def make_response(app):
    def make(round_, answers: dict, language="nl", mode=None, day=None):
        response = Response(id=uuid.uuid4(), round_id=round_.id, day=day or date.today(), language=language,
                            mode=mode or round_.mode)
        for key, value in answers.items():
            for position, item in enumerate(value if isinstance(value, list) else [value]):
                response.answers.append(Answer(question_key=key, position=position, value=str(item)))
        db.session.add(response)
        db.session.flush()
        return response

    return make


@pytest.fixture
def clock(monkeypatch):
    """The app's clock (app.timeutil), stopped at this moment and moved on by hand: ``clock.advance(minutes=5)``."""

    class Clock:
        now = timeutil.now()

        def advance(self, **delta) -> None:
            self.now += timedelta(**delta)

    stopped = Clock()
    monkeypatch.setattr(timeutil, "now", lambda: stopped.now)
    return stopped


@pytest.fixture
def send_response(client):
    """Answers sent as the respondent's page sends them (the submission API), stored: returns what was sent."""

    def send(round_, answers: dict, language="nl") -> dict:
        body = {"id": str(uuid.uuid4()), "language": language, "answers": answers}
        reply = client.post(f"/api/rounds/{round_.token}/responses", json=body)
        assert reply.status_code == 201, reply.text
        return body

    return send


@pytest.fixture
def answered_round(make_round, send_response):
    """A round answered through the submission API: ``answered_round(project, [("nl", {"liked_today": "4"}), ...])``."""

    def make(project=None, answers=(), opens_on=None, mode="kiosk", questionnaire="after-activity"):
        round_ = make_round(project=project, questionnaire=questionnaire, languages=["nl", "ar", "ti"],
                            mode=mode, opens_on=opens_on or date.today())
        db.session.commit()
        for language, given in answers:
            send_response(round_, given, language)
        return round_

    return make
