"""The logs keep no trace of when a respondent answered: the access lines of answers have no time and no round."""

import json
import logging
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from app.extensions import db
from app.logs import DropClientAddress
from tests.test_faults import ROOT, post_or_get, wait_until_up

GUNICORN = Path(sys.executable).parent / "gunicorn"


def test_gunicorns_access_log_says_neither_when_nor_where_an_answer_came(database_url, make_round, tmp_path):
    round_ = make_round(languages=["nl"])
    db.session.commit()
    from bench.common import free_port

    port, log = free_port(), tmp_path / "access.log"
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "logs"}
    server = subprocess.Popen([str(GUNICORN), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "--workers",
                               "1", "--access-logfile", str(log), "wsgi:app"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(server, port)
        body = json.dumps({"id": str(uuid.uuid4()), "language": "nl", "answers": {"liked_today": "4"}})
        assert post_or_get(port, "POST", f"/api/rounds/{round_.token}/responses", body) == 201
        assert post_or_get(port, "GET", f"/r/{round_.token}") == 200
    finally:
        server.terminate()
        server.wait(10)
    lines = log.read_text().splitlines()
    (answer,) = [line for line in lines if "POST" in line]
    assert answer.startswith('- - - [-] "POST (a respondent\'s answers)" 201'), answer
    assert round_.token not in answer and time.strftime("%Y") not in answer
    page = [line for line in lines if f"GET /r/{round_.token}" in line]
    assert page and time.strftime("%Y") in page[0], "other lines keep their time, for the people running Vox"


def development_server_line(request_line: str) -> logging.LogRecord:
    """An access line as Werkzeug's development server hands it to logging."""
    return logging.LogRecord("werkzeug", logging.INFO, __file__, 1, '127.0.0.1 - - [03/Dec/2026 10:41:07] "%s" %s %s\n',
                             (request_line, "201", "-"), None)


def test_the_development_server_leaves_out_answers_and_client_addresses():
    keep = DropClientAddress()
    assert not keep.filter(development_server_line("POST /api/rounds/abc123/responses HTTP/1.1"))
    assert not keep.filter(development_server_line("POST /projects/4/rounds/9/enter HTTP/1.1"))
    page = development_server_line("GET /r/abc123 HTTP/1.1")
    assert keep.filter(page) and page.getMessage().startswith("- - - [03/Dec/2026")
