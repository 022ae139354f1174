"""Sums of the tallies of released batches, computed by the database: never a row per answer.

A unit is one batch of one round, (round_id, batch): the smallest set of people a figure counts or
leaves out (see kiosk/tallies.py). Every check of "at least K" is made per unit.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import and_, case, false, func, or_, select

from analysis.quality import Trust

from ..extensions import db
from ..responses.models import AnswerTally, ResponseTally
from ..responses.tallies import ANSWERED

#: one batch of one round: (round_id, batch)
Unit = tuple[int, int]


@dataclass(frozen=True)
class Selection:
    """Which responses a figure counts: some rounds, perhaps only one language or one mode."""

    round_ids: tuple[int, ...]
    language: str | None = None
    mode: str | None = None
    #: only these batches of the rounds (None: every batch)
    units: frozenset[Unit] | None = None

    def narrowed(self, **changes) -> "Selection":
        return Selection(**{**self.__dict__, **changes})


def where(model, selection: Selection) -> list:
    conditions = [model.round_id.in_(selection.round_ids)]
    if selection.language:
        conditions.append(model.language == selection.language)
    if selection.mode:
        conditions.append(model.mode == selection.mode)
    if selection.units is not None:
        conditions.append(or_(false(), *(and_(model.round_id == round_id, model.batch.in_(batches))
                                       for round_id, batches in by_round(selection.units).items())))
    return conditions


def by_round(units) -> dict[int, list[int]]:
    """The batches of each round among these units."""
    batches: dict[int, list[int]] = {}
    for round_id, batch in sorted(units):
        batches.setdefault(round_id, []).append(batch)
    return batches


def units_of(selection: Selection, k: int) -> list[Unit]:
    """The units of the selection's rounds with at least k responses (a batch is smaller only after a deletion)."""
    sizes = responses_by(selection, "round_id", "batch")
    return [(int(r), int(b)) for r, b, n in zip(sizes["round_id"], sizes["batch"], sizes["responses"], strict=True)
            if n >= k]


RESPONSE_COLUMNS = ["responses", "scale_responses", "ceiling", "straightlining"]


def responses_by(selection: Selection, *dimensions: str) -> pd.DataFrame:
    """Responses and trust counts grouped by round_id, language and/or mode."""
    groups = [getattr(ResponseTally, name) for name in dimensions]
    sums = [func.coalesce(func.sum(getattr(ResponseTally, name)), 0).label(name) for name in RESPONSE_COLUMNS]
    rows = db.session.execute(select(*groups, *sums).where(*where(ResponseTally, selection)).group_by(*groups))
    frame = pd.DataFrame(rows.all(), columns=[*dimensions, *RESPONSE_COLUMNS])
    return frame.astype({name: "int64" for name in RESPONSE_COLUMNS})


def trust_by(selection: Selection, *dimensions: str) -> dict[tuple, Trust]:
    """Trust counts (ceiling, straight-lining, answers given with staff beside) grouped by the given dimensions."""
    groups = [getattr(ResponseTally, name) for name in dimensions]
    sums = [func.coalesce(func.sum(getattr(ResponseTally, name)), 0) for name in RESPONSE_COLUMNS]
    assisted = func.coalesce(func.sum(case((ResponseTally.mode == "assisted", ResponseTally.responses), else_=0)), 0)
    rows = db.session.execute(select(*groups, *sums, assisted).where(*where(ResponseTally, selection))
                              .group_by(*groups))
    return {tuple(row[:len(groups)]): Trust(*(int(n) for n in row[len(groups):])) for row in rows}


def answers_by(selection: Selection, *dimensions: str, keys: Sequence[str] | None = None) -> pd.DataFrame:
    """Answer counts (question_key, value, n; value "" = answered at all) grouped by the given dimensions."""
    groups = [getattr(AnswerTally, name) for name in dimensions]
    query = (select(*groups, AnswerTally.question_key, AnswerTally.value, func.sum(AnswerTally.n).label("n"))
             .where(*where(AnswerTally, selection))
             .group_by(*groups, AnswerTally.question_key, AnswerTally.value))
    if keys is not None:
        query = query.where(AnswerTally.question_key.in_(list(keys)))
    frame = pd.DataFrame(db.session.execute(query).all(), columns=[*dimensions, "question_key", "value", "n"])
    return frame.astype({"n": "int64"})


def answered_by(selection: Selection, *dimensions: str) -> pd.DataFrame:
    """Per question (question_key, n), how many answered it at all, grouped by the given dimensions."""
    groups = [getattr(AnswerTally, name) for name in dimensions]
    query = (select(*groups, AnswerTally.question_key, func.sum(AnswerTally.n).label("n"))
             .where(*where(AnswerTally, selection), AnswerTally.value == ANSWERED)
             .group_by(*groups, AnswerTally.question_key))
    frame = pd.DataFrame(db.session.execute(query).all(), columns=[*dimensions, "question_key", "n"])
    return frame.astype({"n": "int64"})


def value_counts(answers: pd.DataFrame) -> pd.DataFrame:
    return answers[answers["value"] != ANSWERED]


def enough_answered(answers: pd.DataFrame, k: int) -> pd.DataFrame:
    """The value counts (of answers grouped by round_id and batch) of each question in each unit that at least k
    answered.

    A unit where fewer answered a question is left out of that question's figures, as on the project page:
    otherwise a figure here minus the page's would give those few answers.
    """
    unit = ["round_id", "batch", "question_key"]
    answered = answers[(answers["value"] == ANSWERED) & (answers["n"] >= k)][unit]
    return value_counts(answers).merge(answered, on=unit)
