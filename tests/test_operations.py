"""Running Vox for real: health, hardening headers, rate limits, retention, backup and restore."""

import re
import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app import create_app
from app.config import ConfigError
from app.extensions import db
from app.models import Response, ResponseTally


def test_health_says_ok_when_the_database_answers(client):
    reply = client.get("/health")
    assert reply.status_code == 200 and reply.json == {"status": "ok", "database": "ok"}


def test_health_says_503_when_the_database_does_not_answer(app_config, tmp_path):
    broken = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/missing/dir/db.sqlite"})
    with broken.app_context():
        reply = broken.test_client().get("/health")
    assert reply.status_code == 503 and reply.json["database"] == "unreachable"


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.setenv("VOX_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        create_app()


@pytest.mark.parametrize("path", ["/", "/login", "/health"])
def test_every_page_has_a_strict_content_security_policy(client, path):
    policy = client.get(path).headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_respondent_pages_send_no_referrer_and_inline_only_what_the_nonce_allows(client, make_round):
    round_ = make_round()
    db.session.commit()
    page = client.get(f"/r/{round_.token}")
    assert page.headers["Referrer-Policy"] == "no-referrer"
    nonce = re.search(r"'nonce-([^']+)'", page.headers["Content-Security-Policy"]).group(1)
    scripts = re.findall(r"<script([^>]*)>", page.text)
    assert scripts and all(f'nonce="{nonce}"' in attributes or "application/json" in attributes
                           for attributes in scripts)


def test_hsts_is_sent_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    assert "max-age" in client.get("/", base_url="https://vox.test").headers["Strict-Transport-Security"]


def test_a_flood_of_submissions_to_one_round_is_slowed_down(app, client, make_round):
    app.config["VOX_SUBMISSIONS_PER_MINUTE"] = 3
    round_ = make_round(languages=["nl"])
    db.session.commit()
    statuses = [client.post(f"/api/rounds/{round_.token}/responses",
                            json={"id": str(uuid.uuid4()), "language": "nl", "answers": {}}).status_code
                for _ in range(4)]
    assert statuses == [201, 201, 201, 429]
    assert db.session.scalar(select(func.count()).select_from(Response)) == 3


def test_purge_deletes_responses_older_than_the_retention_period_and_says_how_many(app, make_round, make_response):
    round_ = make_round(opens_on=date.today() - timedelta(days=400))
    round_.project.retention_days = 365
    for days_ago in (399, 380, 10):
        make_response(round_, {"liked_today": "4"}, day=date.today() - timedelta(days=days_ago))
    db.session.commit()
    from app.responses.tallies import release_waiting

    assert release_waiting([round_], k=3) == 1
    output = app.test_cli_runner().invoke(args=["purge", "--dry-run"]).output
    assert "2 response(s) would be deleted." in output
    output = app.test_cli_runner().invoke(args=["purge"]).output
    assert "2 response(s) deleted." in output
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Response)) == 1
    assert db.session.scalar(select(func.sum(ResponseTally.responses))) == 1, "dashboards count what is left"


def test_a_project_without_retention_keeps_everything(app, make_round, make_response):
    round_ = make_round()
    make_response(round_, {"liked_today": "4"}, day=date.today() - timedelta(days=3000))
    db.session.commit()
    assert "0 response(s) deleted." in app.test_cli_runner().invoke(args=["purge"]).output


def test_backup_and_restore_bring_back_what_was_there(app, make_round, make_response, tmp_path):
    round_ = make_round()
    make_response(round_, {"liked_today": "2"})
    db.session.commit()
    target = tmp_path / "vox.backup"
    result = app.test_cli_runner().invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    db.session.execute(Response.__table__.delete())
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["restore", "--yes", str(target)])
    assert result.exit_code == 0, result.output
    db.session.remove()
    assert db.session.scalar(select(func.count()).select_from(Response)) == 1
