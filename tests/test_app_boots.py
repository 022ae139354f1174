"""The app starts, its schema comes from the migrations, and the home page says what to do next."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.extensions import db


def test_home_page_says_what_to_do_next(client):
    page = client.get("/", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert "What to do next" in page.text
    assert 'href="/login"' in page.text


def test_migrations_build_the_schema_the_models_describe(app):
    with db.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert differences == []


def test_unknown_page_answers_a_clear_404_without_traceback(client):
    page = client.get("/no-such-page", headers={"Accept-Language": "en"})
    assert page.status_code == 404
    assert "Traceback" not in page.text
    assert "Page not found" in page.text


def test_a_404_is_said_in_the_user_s_language(client):
    page = client.get("/no-such-page", headers={"Accept-Language": "nl"})
    assert page.status_code == 404 and "Pagina niet gevonden" in page.text
    assert "was not found on the server" not in page.text
