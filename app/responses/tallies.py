"""Counts of released responses, so that dashboards never read individual answers, nor see one person's.

A response is stored at once but counted only once it is released. Before figures are read, the
responses that have been waiting in each round are released together as the round's next batch,
when there are at least K of them (``release_waiting``); fewer wait for more. So a round's figures
move only in steps of at least K people, and each batch is shown or hidden on its own, like a round
(see dashboard/report.py): comparing the figures before and after one person used the tablet shows
nothing. How many responded (stats of the round's page) is read from the responses, live.

Counts are kept per round, batch, day, language and mode (response tallies) and per round, batch,
language, mode, question and value (answer tallies). A batch's rows are written at once in sorted
order, and on SQLite the tables have no rowid: nothing in them tells in which order people answered.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, insert, select, update

import surveys
from analysis.quality import response_flags
from surveys import SummaryKind

from ..extensions import db
from .models import Answer, AnswerTally, Response, ResponseTally

if TYPE_CHECKING:
    from ..rounds.models import Round

#: value of the answer tally row that counts respondents who answered the question at all
ANSWERED = ""


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
        if survey.question(key).kind.summary is not SummaryKind.COMMENTS:
            answer_counts.update((key, value) for value in answers)
    return response_counts, answer_counts


def release_waiting(rounds: Iterable["Round"], k: int) -> int:
    """Release, in each of these rounds, the responses waiting to be counted, if at least k wait; commit.

    Each release is its own short transaction, so a round is locked only for the moment it takes.
    Returns how many rounds got a new batch.
    """
    by_id = {round_.id: round_ for round_ in rounds}
    ready = db.session.scalars(
        select(Response.round_id).where(Response.round_id.in_(list(by_id)), Response.batch.is_(None))
        .group_by(Response.round_id).having(func.count() >= k)).all()
    released = sum(1 for round_id in sorted(ready) if _release(by_id[round_id], k))
    if released:
        db.session.commit()
    return released


def _release(round_: "Round", k: int) -> bool:
    """The waiting responses of one round become its next batch (under a lock on the round: one releaser)."""
    round_id = round_.id
    db.session.refresh(round_, with_for_update={"key_share": True})
    waiting = db.session.scalars(select(Response.id).where(Response.round_id == round_id,
                                                           Response.batch.is_(None))).all()
    if len(waiting) < k:
        return False
    batch = (db.session.scalar(select(func.max(Response.batch)).where(Response.round_id == round_id)) or 0) + 1
    moved = db.session.execute(update(Response).where(Response.id.in_(waiting), Response.batch.is_(None))
                               .values(batch=batch).execution_options(synchronize_session=False)).rowcount
    if moved != len(waiting):  # another releaser was quicker (SQLite has no row lock): leave it to them
        db.session.rollback()
        return False
    _insert_tallies(round_, batch)
    return True


def rebuild_tallies(rounds: Iterable["Round"]) -> None:
    """Recount the tallies of these rounds' released batches from the stored answers (after a deletion)."""
    by_id = {round_.id: round_ for round_ in rounds}
    db.session.execute(delete(ResponseTally).where(ResponseTally.round_id.in_(list(by_id))))
    db.session.execute(delete(AnswerTally).where(AnswerTally.round_id.in_(list(by_id))))
    for round_id, batch in db.session.execute(
            select(Response.round_id, Response.batch).where(Response.round_id.in_(list(by_id)),
                                                            Response.batch.is_not(None)).distinct()).all():
        _insert_tallies(by_id[round_id], batch)


def _insert_tallies(round_: "Round", batch: int) -> None:
    """Count one batch from its stored answers and write its rows, sorted (never in the order people came)."""
    response_rows, answer_rows = _recount(round_, batch)
    if response_rows:
        db.session.execute(insert(ResponseTally), sorted(response_rows, key=_sort_key))
    if answer_rows:
        db.session.execute(insert(AnswerTally), sorted(answer_rows, key=_sort_key))


def _sort_key(row: dict) -> tuple:
    return tuple(str(row[name]) for name in ("day", "language", "mode", "question_key", "value") if name in row)


def _recount(round_: "Round", batch: int) -> tuple[list[dict], list[dict]]:
    round_id, survey = round_.id, round_.questionnaire.survey
    mine = (Response.round_id == round_id, Response.batch == batch)
    groups = {response_id: (day, language, mode) for response_id, day, language, mode in db.session.execute(
        select(Response.id, Response.day, Response.language, Response.mode).where(*mine))}
    answers: dict = defaultdict(list)
    for response_id, key, position, value in db.session.execute(
            select(Answer.response_id, Answer.question_key, Answer.position, Answer.value).join(Response)
            .where(*mine)):
        answers[response_id].append((key, position, value))
    response_totals: dict = defaultdict(Counter)
    answer_totals: Counter = Counter()
    for response_id, group in groups.items():
        response_counts, answer_counts = tallies_of(survey, answers[response_id])
        response_totals[group].update(response_counts)
        answer_totals.update({(*group[1:], key, value): n for (key, value), n in answer_counts.items()})
    unit = {"round_id": round_id, "batch": batch}
    response_rows = [{**unit, **dict(zip(("day", "language", "mode"), group, strict=True)), **counts}
                     for group, counts in response_totals.items()]
    answer_rows = [{**unit, **dict(zip(("language", "mode", "question_key", "value"), key, strict=True)), "n": n}
                   for key, n in answer_totals.items()]
    return response_rows, answer_rows


def waiting_responses(rounds: Iterable["Round"]) -> int:
    """Responses stored but not counted yet: fewer than K have come in since the last release."""
    return db.session.scalar(select(func.count()).select_from(Response).where(
        Response.round_id.in_([round_.id for round_ in rounds]), Response.batch.is_(None))) or 0
