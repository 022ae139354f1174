"""Running counts kept at insert time, so that dashboards never read individual answers.

Response counts are kept per round, day, language and mode (the day for the response rate of
each session); answer counts per round, language and mode, the smallest groups a dashboard
filter can ask for (periods select whole rounds). Storing a response adds to them in the same
transaction; deleting responses rebuilds them for the rounds concerned.
"""

from collections import Counter, defaultdict
from datetime import date
from functools import cache

from sqlalchemy import Date, ForeignKey, String, delete, func, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, mapped_column

import surveys
from analysis.quality import response_flags

from ..extensions import db

#: value of the answer tally row that counts respondents who answered the question at all
ANSWERED = ""


class ResponseTally(db.Model):
    """How many responses, and how many with each trust flag, per round, day, language and mode."""

    __tablename__ = "response_tallies"

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    mode: Mapped[str] = mapped_column(String(16), primary_key=True)
    responses: Mapped[int] = mapped_column(default=0)
    #: responses with at least one answer on a scale
    scale_responses: Mapped[int] = mapped_column(default=0)
    #: responses with the best answer to every scale question answered
    ceiling: Mapped[int] = mapped_column(default=0)
    #: responses with the same answer to three or more scale questions in a row
    straightlining: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<ResponseTally {self.round_id} {self.day} {self.language} {self.mode} {self.responses}>"


class AnswerTally(db.Model):
    """How many respondents gave each value to each question (value "" = answered at all)."""

    __tablename__ = "answer_tallies"

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    mode: Mapped[str] = mapped_column(String(16), primary_key=True)
    question_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(64), primary_key=True)
    n: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<AnswerTally {self.round_id} {self.question_key}={self.value!r} {self.n}>"


def count_response(round_id: int, day: date, language: str, mode: str, survey: surveys.Questionnaire,
                   values: list[tuple[str, int, str]]) -> None:
    """Add one stored response to the tallies (call inside the transaction that stores it)."""
    group = {"round_id": round_id, "language": language, "mode": mode}
    response_counts, answer_counts = tallies_of(survey, values)
    _add(ResponseTally, [{**group, "day": day, **response_counts}], list(response_counts))
    _add(AnswerTally, [{**group, "question_key": key, "value": value, "n": n}
                       for (key, value), n in answer_counts.items()], ["n"])


def tallies_of(survey: surveys.Questionnaire, values: list[tuple[str, int, str]]) -> tuple[dict, Counter]:
    """What one response adds: to its response tally, and to each (question, value) answer tally."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for key, _position, value in values:
        by_key[key].append(value)
    flags = response_flags(survey, by_key)
    response_counts = {"responses": 1, "scale_responses": int(flags.scale_answered), "ceiling": int(flags.ceiling),
                       "straightlining": int(flags.straightlining)}
    answer_counts: Counter = Counter()
    for key, answers in by_key.items():
        answer_counts[(key, ANSWERED)] += 1
        if survey.question(key).kind.summary != "comments":
            answer_counts.update((key, value) for value in answers)
    return response_counts, answer_counts


def _add(model, rows: list[dict], counts: list[str]) -> None:
    """INSERT ... ON CONFLICT DO UPDATE: adding to counts is one atomic statement on both databases.

    The statement has no values of its own (they go as parameters), so it is compiled once per process.
    """
    if rows:
        db.session.execute(_upsert(model, db.session.get_bind().dialect.name, tuple(counts)), rows)


@cache
def _upsert(model, dialect: str, counts: tuple[str, ...]):
    table = model.__table__
    statement = (pg_insert if dialect == "postgresql" else sqlite_insert)(table)
    return statement.on_conflict_do_update(
        index_elements=[column.name for column in table.primary_key],
        set_={name: table.c[name] + statement.excluded[name] for name in counts})


def rebuild_tallies(round_ids: list[int]) -> None:
    """Recount the tallies of these rounds from the stored answers (after a deletion or a bulk load)."""
    from ..rounds.models import Round

    db.session.execute(delete(ResponseTally).where(ResponseTally.round_id.in_(round_ids)))
    db.session.execute(delete(AnswerTally).where(AnswerTally.round_id.in_(round_ids)))
    for round_ in db.session.scalars(select(Round).where(Round.id.in_(round_ids))):
        response_rows, answer_rows = _recount(round_)
        if response_rows:
            db.session.execute(insert(ResponseTally), response_rows)
        if answer_rows:
            db.session.execute(insert(AnswerTally), answer_rows)


def _recount(round_) -> tuple[list[dict], list[dict]]:
    from .models import Answer, Response

    survey = round_.questionnaire.survey
    groups = {response_id: (day, language, mode) for response_id, day, language, mode in db.session.execute(
        select(Response.id, Response.day, Response.language, Response.mode).where(Response.round_id == round_.id))}
    answers: dict = defaultdict(list)
    for response_id, key, position, value in db.session.execute(
            select(Answer.response_id, Answer.question_key, Answer.position, Answer.value)
            .join(Response).where(Response.round_id == round_.id)):
        answers[response_id].append((key, position, value))
    response_totals: dict = defaultdict(Counter)
    answer_totals: Counter = Counter()
    for response_id, group in groups.items():
        response_counts, answer_counts = tallies_of(survey, answers[response_id])
        response_totals[group].update(response_counts)
        answer_totals.update({(*group[1:], key, value): n for (key, value), n in answer_counts.items()})
    response_rows = [{"round_id": round_.id, **dict(zip(("day", "language", "mode"), group, strict=True)), **counts}
                     for group, counts in response_totals.items()]
    answer_rows = [{"round_id": round_.id, **dict(zip(("language", "mode", "question_key", "value"), key,
                                                      strict=True)), "n": n}
                   for key, n in answer_totals.items()]
    return response_rows, answer_rows


def tally_totals(round_ids: list[int]) -> int:
    return db.session.scalar(select(func.coalesce(func.sum(ResponseTally.responses), 0))
                             .where(ResponseTally.round_id.in_(round_ids)))
