"""Dashboard speed at scale: a million responses of ten answers, 50 projects in 5 centres.

Fills a benchmark database (by default PostgreSQL database ``vox_bench`` on 127.0.0.1, made
anew each run; ``--url`` to choose another, e.g. a SQLite file), keeping the running tallies as
the app does, then times in a fresh process the project dashboard data (project_report) and
the centre overview (project_overview), and that process's peak memory.

    .venv/bin/python bench/dashboard.py [--responses 1000000] [--url URL]
Last line: responses=<int> project_ms=<int> centre_ms=<int> peak_rss_mb=<int>
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/vox_bench"
CENTRES, PROJECTS_PER_CENTRE, ROUNDS_PER_PROJECT = 5, 10, 4
LANGUAGES, MODES = ["nl", "fr", "ar", "prs", "uk", "ti"], ["kiosk", "phone", "assisted", "paper"]
FACES = [f"q{i}" for i in range(1, 9)]
#: every response is counted, in the first batch of its round (as if figures were read once, at the end)
BATCH = 1
THUMBS = ["t1", "t2"]


def bench_questionnaire() -> dict:
    text = {"en": "Question"}
    questions = [{"key": key, "type": "faces", "text": text} for key in FACES]
    questions += [{"key": key, "type": "thumbs", "dont_know": True, "text": text} for key in THUMBS]
    return {"id": "bench-ten", "version": 1, "languages": ["en"],
            "title": {"en": "Ten questions"}, "intro": {"text": {"en": "Intro"}}, "questions": questions}


def make_database(url: str) -> None:
    """A new, empty benchmark database with the app's schema (migrations)."""
    if url.startswith("postgresql"):
        import psycopg

        name = url.rsplit("/", 1)[1]
        admin = url.rsplit("/", 1)[0].replace("postgresql+psycopg", "postgresql") + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    elif url.startswith("sqlite:///"):
        Path(url[len("sqlite:///"):]).unlink(missing_ok=True)
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench"}
    subprocess.run([sys.executable, "-m", "flask", "--app", "app", "db", "upgrade"], env=env, check=True,
                   capture_output=True)


def fill(url: str, total: int) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", "bench")
    from app import create_app
    from app.extensions import db
    from app.models import Organisation, Project, Questionnaire, Round

    app = create_app()
    with app.app_context():
        questionnaire = Questionnaire(slug="bench-ten", version=1, title="Ten questions",
                                      definition=bench_questionnaire())
        rounds = []
        for c in range(CENTRES):
            centre = Organisation(name=f"Bench centre {c}", slug=f"bench-{c}")
            for p in range(PROJECTS_PER_CENTRE):
                project = Project(name=f"Project {c}-{p}", organisation=centre)
                for r in range(ROUNDS_PER_PROJECT):
                    rounds.append(Round(project=project, questionnaire=questionnaire, languages=LANGUAGES,
                                        opens_on=date.today() - timedelta(days=300 - 70 * r), mode="kiosk",
                                        attendance=total // (CENTRES * PROJECTS_PER_CENTRE * ROUNDS_PER_PROJECT)))
        db.session.add_all(rounds)
        db.session.commit()
        round_ids = [r.id for r in rounds]
        with db.engine.begin() as connection:
            write_rows(connection, round_ids, total)


def invent(rng: random.Random, round_id: int, lean: float):
    day = date.today() - timedelta(days=rng.randrange(60))
    language, mode = rng.choice(LANGUAGES), rng.choice(MODES)
    response_id = uuid.UUID(int=rng.getrandbits(128), version=4)
    answers = []
    for key in FACES:
        if rng.random() < 0.92:
            answers.append((key, str(min(5, max(1, round(rng.gauss(lean, 1.1)))))))
    for key in THUMBS:
        answers.append((key, rng.choice(["yes", "yes", "no", "dont_know"])))
    return response_id, day, language, mode, answers


def write_rows(connection, round_ids: list[int], total: int) -> None:
    """Responses, answers and their tallies, written in bulk (COPY on PostgreSQL)."""
    import surveys
    from analysis.quality import response_flags

    survey = surveys.questionnaire_from_dict(bench_questionnaire())
    rng = random.Random(7)
    leans = {round_id: rng.uniform(2.3, 4.6) for round_id in round_ids}
    responses_tally: dict = {}
    answers_tally: Counter = Counter()
    writer = BulkWriter(connection)
    for index in range(total):
        round_id = round_ids[index % len(round_ids)]
        response_id, day, language, mode, answers = invent(rng, round_id, leans[round_id])
        writer.response((response_id, round_id, day, language, mode, BATCH))
        for key, value in answers:
            writer.answer((response_id, key, 0, value))
            answers_tally[(round_id, language, mode, key, "")] += 1
            answers_tally[(round_id, language, mode, key, value)] += 1
        flags = response_flags(survey, {key: [value] for key, value in answers})
        counts = responses_tally.setdefault((round_id, day, language, mode), [0, 0, 0, 0])
        counts[0] += 1
        counts[1] += flags.scale_answered
        counts[2] += flags.ceiling
        counts[3] += flags.straightlining
    writer.flush()
    writer.tallies(responses_tally, answers_tally)


class BulkWriter:
    """Buffered inserts: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self, connection, batch: int = 200_000):
        self.connection, self.batch = connection, batch
        self.responses, self.answers = [], []
        self.postgres = connection.dialect.name == "postgresql"

    def response(self, row) -> None:
        self.responses.append(row)

    def answer(self, row) -> None:
        self.answers.append(row)
        if len(self.answers) >= self.batch:
            self.flush()

    def flush(self) -> None:
        self._write("responses", ("id", "round_id", "day", "language", "mode", "batch"), self.responses)
        self._write("answers", ("response_id", "question_key", "position", "value"), self.answers)
        self.responses, self.answers = [], []

    def tallies(self, responses: dict, answers: Counter) -> None:
        self._write("response_tallies", ("round_id", "batch", "day", "language", "mode", "responses",
                                         "scale_responses", "ceiling", "straightlining"),
                    [(key[0], BATCH, *key[1:], *counts) for key, counts in responses.items()])
        self._write("answer_tallies", ("round_id", "batch", "language", "mode", "question_key", "value", "n"),
                    [(key[0], BATCH, *key[1:], n) for key, n in answers.items()])

    def _write(self, table: str, columns: tuple, rows: list) -> None:
        if not rows:
            return
        if self.postgres:
            raw = self.connection.connection.driver_connection
            with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        from sqlalchemy import text

        placeholders = ", ".join(f":{name}" for name in columns)
        rows = [{name: (value.hex if isinstance(value, uuid.UUID) else value)
                 for name, value in zip(columns, row, strict=True)} for row in rows]
        self.connection.execute(text(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"), rows)


def time_dashboards(url: str) -> dict:
    """Run in a fresh process: the timings and the peak memory of the dashboard work alone."""
    import resource
    import statistics

    os.environ["DATABASE_URL"] = url
    from sqlalchemy import select

    from app import create_app
    from app.dashboard.overview import project_overview
    from app.dashboard.report import Filters, project_report
    from app.extensions import db
    from app.models import Organisation, Project

    app = create_app()
    with app.app_context():
        projects = db.session.scalars(select(Project).order_by(Project.id)).all()
        centre = db.session.scalars(select(Organisation).order_by(Organisation.id)).first()
        mine = [p for p in projects if p.organisation_id == centre.id]
        project_times, centre_times = [], []
        for project in projects[:7]:
            started = time.perf_counter()
            report = project_report(project, Filters(), 5, with_comments=True)
            project_times.append((time.perf_counter() - started) * 1000)
            db.session.expire_all()
        for _ in range(5):
            started = time.perf_counter()
            project_overview(mine, 5)
            centre_times.append((time.perf_counter() - started) * 1000)
            db.session.expire_all()
        assert report.respondents, "the benchmark project has responses"
    return {"project_ms": round(statistics.median(project_times[1:])),
            "centre_ms": round(statistics.median(centre_times[1:])),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--time-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.time_only:
        print(json.dumps(time_dashboards(args.url)))
        return
    started = time.perf_counter()
    make_database(args.url)
    fill(args.url, args.responses)
    print(f"filled {args.url} with {args.responses} responses in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)
    result = subprocess.run([sys.executable, __file__, "--time-only", "--url", args.url], check=True,
                            capture_output=True, text=True)
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"responses={args.responses} project_ms={figures['project_ms']} centre_ms={figures['centre_ms']} "
          f"peak_rss_mb={figures['peak_rss_mb']}")


if __name__ == "__main__":
    main()
