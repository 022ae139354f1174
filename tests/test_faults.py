"""Nothing lost, nothing doubled: two app instances on one PostgreSQL, a worker killed, connections dropped."""

import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.extensions import db
from app.models import Answer, Response, ResponseTally
from app.responses.tallies import release_waiting

ROOT = Path(__file__).parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
APPLICATION = "vox-faults"


@pytest.fixture
def postgres_url(database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("the fault test needs PostgreSQL: set TEST_DATABASE_URL (make test does in CI)")
    return database_url + ("&" if "?" in database_url else "?") + f"application_name={APPLICATION}"


def start_instance(url: str) -> tuple[subprocess.Popen, int]:
    from bench.common import free_port

    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "faults", "VOX_SUBMISSIONS_PER_MINUTE": "100000"}
    process = subprocess.Popen([str(GUNICORN), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
                                "--workers", "2", "--threads", "2", "--access-logfile", "/dev/null", "wsgi:app"],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_up(process, port)
    return process, port


def wait_until_up(process: subprocess.Popen, port: int, seconds: float = 60) -> None:
    """Wait until gunicorn answers on ``port``: loading the app takes seconds, more on a busy machine."""
    deadline = time.monotonic() + seconds
    while post_or_get(port, "GET", "/health") != 200:
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn did not start on port {port} (exit code {process.poll()})")
        time.sleep(0.05)


def post_or_get(port: int, method: str, path: str, body: str | None = None) -> int:
    """The status of one request on a new connection; 0 when the connection failed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request(method, path, body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return 0
    finally:
        connection.close()


def kiosk(ports: list[int], path: str, stop: threading.Event, acknowledged: list, attempts: list) -> None:
    """Like the kiosk page: a response is sent again, with the same id, until the server acknowledges it."""
    while not stop.is_set():
        body = json.dumps({"id": str(uuid.uuid4()), "language": "nl",
                           "answers": {"liked_today": "3", "understood": "yes", "too_long": "too_long"}})
        for attempt in range(50):
            status = post_or_get(ports[attempt % len(ports)], "POST", path, body)
            attempts.append(status)
            if status in (200, 201):
                acknowledged.append(json.loads(body)["id"])
                break
            time.sleep(0.05)


def workers_of(master: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def test_every_acknowledged_response_is_stored_exactly_once_through_crashes(postgres_url, make_round):
    round_ = make_round(languages=["nl"])
    db.session.commit()
    instances = [start_instance(postgres_url), start_instance(postgres_url)]
    ports = [port for _, port in instances]
    stop, acknowledged, attempts = threading.Event(), [], []
    path = f"/api/rounds/{round_.token}/responses"
    kiosks = [threading.Thread(target=kiosk, args=(ports[i % 2:] + ports[:i % 2], path, stop, acknowledged,
                                                   attempts)) for i in range(12)]
    try:
        for thread in kiosks:
            thread.start()
        time.sleep(1.5)
        os.kill(workers_of(instances[0][0])[0], signal.SIGKILL)
        time.sleep(1.0)
        with db.engine.connect() as connection:
            dropped = connection.execute(text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = :name"),
                {"name": APPLICATION}).scalar()
        time.sleep(1.5)
    finally:
        stop.set()
        for thread in kiosks:
            thread.join(30)
        for process, _ in instances:
            process.terminate()
            process.wait(10)
    assert dropped >= 1, "the database connections of the app servers were dropped"
    assert any(status not in (200, 201) for status in attempts), "the faults made some requests fail"
    db.session.expire_all()
    stored = [str(i) for i in db.session.scalars(select(Response.id))]
    assert len(acknowledged) > 20
    assert set(acknowledged) <= set(stored), "an acknowledged response was lost"
    # a response sent again cannot make a second row (its id is the key): "once" is checked by the tallies below
    incomplete = db.session.scalar(select(func.count()).select_from(
        select(Answer.response_id).group_by(Answer.response_id).having(func.count() != 3).subquery()))
    assert incomplete == 0, "a response was stored without all its answers"
    release_waiting([round_], k=1)  # as reading the figures does
    assert db.session.scalar(select(func.sum(ResponseTally.responses))) == len(stored)
