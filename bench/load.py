"""Submission load: 50 concurrent kiosks against gunicorn + PostgreSQL, and a bare Flask endpoint.

Starts gunicorn on 127.0.0.1 (the same settings for both), runs 50 kiosk threads for a fixed
time each, every kiosk sending complete responses with fresh random ids, then checks the
database: every acknowledged response stored exactly once. Bounded in time and count, aimed at
127.0.0.1 only.

    .venv/bin/python bench/load.py [--seconds 10] [--kiosks 50] [--url postgresql+psycopg://...]
Last line: submit_rps=<float> bare_rps=<float> ratio=<float> p95_ms=<float> lost=<int> doubled=<int>
"""

import argparse
import http.client
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from bench.common import ROOT, VENV_BIN, free_port  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/vox_load"
MAX_REQUESTS_PER_KIOSK = 100_000


def serve(target: str, env: dict, workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "--workers",
         str(workers), "--access-logfile", "/dev/null", target],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/health")
            connection.getresponse().read()
            break
        except OSError:
            time.sleep(0.05)
    return process, port


def kiosk(port: int, path: str, body_of, seconds: float, results: list) -> None:
    """One kiosk: send, wait for the answer, send the next; record latency and acknowledged ids."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    deadline = time.perf_counter() + seconds
    for _ in range(MAX_REQUESTS_PER_KIOSK):
        if time.perf_counter() >= deadline:
            break
        response_id = str(uuid.uuid4())
        started = time.perf_counter()
        try:
            connection.request("POST", path, body=json.dumps(body_of(response_id)),
                               headers={"Content-Type": "application/json"})
            reply = connection.getresponse()
            reply.read()
            results.append((time.perf_counter() - started, reply.status, response_id))
        except OSError:
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            results.append((time.perf_counter() - started, 0, response_id))


def run_load(port: int, paths: list[str], body_of, kiosks: int, seconds: float) -> list:
    results: list = []
    threads = [threading.Thread(target=kiosk, args=(port, paths[i % len(paths)], body_of, seconds, results))
               for i in range(kiosks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def prepare(url: str, kiosks: int) -> tuple[dict, list[str]]:
    """A fresh database with one open round per kiosk; returns the environment and the kiosks' paths."""
    from bench.dashboard import make_database

    make_database(url)
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "load", "VOX_SUBMISSIONS_PER_MINUTE": "1000000"}
    os.environ.update({"DATABASE_URL": url, "SECRET_KEY": "load"})
    from app import create_app
    from app.extensions import db
    from app.library.operations import latest_library_version, sync_library
    from app.models import Organisation, Project, Round

    app = create_app()
    with app.app_context():
        sync_library()
        questionnaire = latest_library_version("after-activity")
        centre = Organisation(name="Load centre", slug="load")
        rounds = [Round(project=Project(name=f"Kiosk {i}", organisation=centre), questionnaire=questionnaire,
                        languages=["nl", "ar"]) for i in range(kiosks)]
        db.session.add_all(rounds)
        db.session.commit()
        paths = [f"/api/rounds/{r.token}/responses" for r in rounds]
    return env, paths


def full_response(response_id: str) -> dict:
    return {"id": response_id, "language": "ar", "answers": {"liked_today": "4", "understood": "dont_know",
                                                             "too_long": "just_right"}}


def check_stored(url: str, acknowledged: list[str]) -> tuple[int, int]:
    """(lost, doubled): acknowledged ids missing from the database, and ids stored more than once."""
    os.environ["DATABASE_URL"] = url
    from sqlalchemy import func, select

    from app import create_app
    from app.extensions import db
    from app.models import Answer, Response

    with create_app().app_context():
        stored = {str(i) for i in db.session.scalars(select(Response.id))}
        per_response = db.session.execute(select(Answer.response_id, func.count()).group_by(Answer.response_id))
        doubled_answers = sum(1 for _, n in per_response if n != 3)
    lost = sum(1 for response_id in acknowledged if response_id not in stored)
    doubled = len(acknowledged) - len(set(acknowledged)) + doubled_answers
    return lost, doubled


def stop(server: subprocess.Popen) -> None:
    """Stop gunicorn: gracefully (it lets its workers finish their requests), else at once after 30 s."""
    server.terminate()
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def measure(results: list, seconds: float) -> tuple[float, float]:
    ok = [latency for latency, status, _ in results if status in (200, 201)]
    return len(ok) / seconds, (statistics.quantiles(ok, n=20)[18] * 1000 if len(ok) > 20 else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--kiosks", type=int, default=50)
    parser.add_argument("--workers", type=int, default=multiprocessing.cpu_count() * 4,
                        help="gunicorn workers (default: 4 per core, as the submissions mostly wait on PostgreSQL)")
    parser.add_argument("--url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    args = parser.parse_args()
    env, paths = prepare(args.url, args.kiosks)

    server, port = serve("wsgi:app", env, args.workers)
    try:
        results = run_load(port, paths, full_response, args.kiosks, args.seconds)
    finally:
        stop(server)
    submit_rps, p95_ms = measure(results, args.seconds)
    acknowledged = [response_id for _, status, response_id in results if status in (200, 201)]
    errors = sum(1 for _, status, _ in results if status not in (200, 201))

    bare, bare_port = serve("bench.bare_app:app", env, args.workers)
    try:
        bare_results = run_load(bare_port, ["/api/bare"], full_response, args.kiosks, args.seconds)
    finally:
        stop(bare)
    bare_rps, bare_p95 = measure(bare_results, args.seconds)
    lost, doubled = check_stored(args.url, acknowledged)
    print(f"{args.kiosks} kiosks, {args.seconds:.0f} s each, {args.workers} gunicorn workers; "
          f"{len(acknowledged)} acknowledged, {errors} errors; bare p95 {bare_p95:.1f} ms")
    print(f"submit_rps={submit_rps:.1f} bare_rps={bare_rps:.1f} ratio={submit_rps / bare_rps:.2f} "
          f"p95_ms={p95_ms:.1f} lost={lost} doubled={doubled}")


if __name__ == "__main__":
    main()
