"""Upgrading a centre's database keeps every row: down to an early revision and back up, on SQLite and PostgreSQL.

SQLite changes a table by making it again; with foreign keys enforced, dropping the old one would delete every row
that refers to it (ON DELETE CASCADE): all the responses of the rounds, the members of the projects.
"""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, make_url, text

from app import create_app
from app.extensions import db

#: the tallies revision: from here on every migration keeps the data both ways (the tallies, too)
EARLY = "c55d254ea7ac"
#: tables whose rows a migration must keep, whichever way it goes
KEPT = ["organisations", "projects", "users", "project_members", "questionnaires", "questionnaire_audio", "rounds",
        "responses", "answers", "audit_events"]


@pytest.fixture
def spare_database(database_url, tmp_path):
    """An empty database beside the test one: a SQLite file, or ``<name>_migrations`` on the PostgreSQL server."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'migrations.sqlite'}"
        return
    url = make_url(database_url)
    name = f"{url.database}_migrations"
    server = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


def counts(tables) -> dict[str, int]:
    present = set(inspect(db.engine).get_table_names())
    with db.engine.connect() as connection:
        return {table: connection.scalar(text(f"SELECT count(*) FROM {table}")) for table in tables if table in present}


def figures() -> tuple:
    """What the dashboards read: the tallies, summed over their batches."""
    with db.engine.connect() as connection:
        return (connection.scalar(text("SELECT sum(responses) FROM response_tallies")),
                connection.scalar(text("SELECT sum(n) FROM answer_tallies")))


def test_the_demo_keeps_every_row_and_figure_down_to_an_early_revision_and_back_up(app_config, spare_database):
    migrated = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": spare_database})
    with migrated.app_context():
        upgrade()
        result = migrated.test_cli_runner().invoke(args=["demo"])
        assert result.exit_code == 0, result.output
        db.session.remove()  # the command's reads end their transaction: a migration waits for none
        before, shown = counts(KEPT), figures()
        assert before["responses"] > 1000 and before["project_members"] > 5 and shown[0] > 1000

        downgrade(revision=EARLY)
        assert counts(KEPT) == before
        assert figures() == shown, "the tallies, their batches folded into one"

        upgrade()
        assert counts(KEPT) == before
        assert figures() == shown
        db.engine.dispose()
