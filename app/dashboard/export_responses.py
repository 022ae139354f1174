"""Anonymous response-level data for coordinators: one row per response, in random order, never an id or a time.

Only rounds that are over are exported, and of them the responses the dashboard counts: the
released batches of at least K (see kiosk/tallies.py). Day, language and mode are what a member
of staff may know about a person ("she came on Tuesday, speaks Tigrinya, answered on paper"), so
within each batch they are shown by the rule every figure follows (analysis/suppression.py): a
language or mode only where the dashboard shows it for that batch, a day only where its breakdown
shows it, and a column whose combination with the others would still single out fewer than K
responses is left empty for the whole batch. So the rows left without a language are exactly the
groups the dashboard hides, which together are at least K people. The rows are read from the
database in random order, a chunk at a time.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from typing import Any

import pandas as pd
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

import surveys
from analysis.suppression import shown_groups, shown_values
from surveys import SummaryKind

from ..centres.models import Project
from ..extensions import db
from ..responses.models import Answer, Mode, Response, ResponseTally
from ..responses.tallies import release_waiting
from ..rounds.models import Round
from ..timeutil import today
from .charts import language_name, mode_name, text_in
from .export_results import round_names
from .queries import Selection, Unit, responses_by, units_of, where
from .report import Filters, rounds_in_period
from .spreadsheets import Column, Dictionary, suppression_notes

#: what staff may know about a respondent, most identifying first: left empty in this order when needed
QUASI_IDENTIFIERS = ("day", "mode", "language")
#: responses read from the database at a time
CHUNK = 500
#: several values of one multiple-choice answer in one cell
SEPARATOR = ";"
#: a round without tallies shows no day, language or mode
NOTHING_SHOWN = {column: set() for column in QUASI_IDENTIFIERS}


@dataclass
class ResponseExport:
    project: Project
    k: int
    rounds: list[Round]
    #: the batches of those rounds in the file
    units: frozenset[Unit]
    #: (round id, batch) -> column -> values that may be shown
    shown: dict[Unit, dict[str, set]]
    questions: list[tuple[str, list[tuple[surveys.Questionnaire, surveys.Question]]]] = field(default_factory=list)
    #: rounds of the period left out because responses can still come in (see Round.is_final)
    waiting: int = 0

    @property
    def total(self) -> int:
        return int(responses_by(Selection(tuple(r.id for r in self.rounds), units=self.units))["responses"].sum())


def response_export(project: Project, filters: Filters, k: int) -> ResponseExport:
    """Whole rounds of the period with at least k responses that are over; language and mode filters do not apply.

    A round that can still get responses is left out: a row seen appearing between two downloads would tell
    what the person who had just used the tablet answered.

    A filter on a value that is left empty would tell which rows have it, so the file always holds every
    response of its rounds: filter in the spreadsheet instead.
    """
    rounds = rounds_in_period(project, Filters(start=filters.start, end=filters.end))
    release_waiting(rounds, k)
    units = units_of(Selection(tuple(r.id for r in rounds)), k)
    big_enough = [r for r in rounds if any(round_id == r.id for round_id, _ in units)]
    counted = [r for r in big_enough if r.is_final()]
    units = frozenset(u for u in units if u[0] in {r.id for r in counted})
    return ResponseExport(project, k, counted, units, disclosure(units, k), question_columns(counted),
                          waiting=len(big_enough) - len(counted))


def question_columns(rounds: list[Round]) -> list[tuple[str, list[tuple[surveys.Questionnaire, surveys.Question]]]]:
    """One column per question key, in the order first met; each with the questionnaires that ask it."""
    found: dict[str, list] = {}
    seen: set[int] = set()
    for round_ in rounds:
        if round_.questionnaire_id in seen:
            continue
        seen.add(round_.questionnaire_id)
        survey = round_.questionnaire.survey
        for question in survey.answerable_questions:
            found.setdefault(question.key, []).append((survey, question))
    return list(found.items())


def disclosure(units: frozenset[Unit], k: int) -> dict[Unit, dict[str, set]]:
    """Per batch, the days, languages and modes that may be shown (see the module)."""
    columns = ["round_id", "batch", *QUASI_IDENTIFIERS, "responses"]
    query = (select(*(getattr(ResponseTally, name) for name in columns))
             .where(*where(ResponseTally, Selection(tuple({r for r, _ in units}), units=units))))
    groups = pd.DataFrame(db.session.execute(query).all(), columns=columns)
    return {(int(round_id), int(batch)): unit_disclosure(mine, k)
            for (round_id, batch), mine in groups.groupby(["round_id", "batch"])}


def unit_disclosure(groups: pd.DataFrame, k: int) -> dict[str, set]:
    """Languages and modes as the dashboard shows them for this batch, days by the same rule, then whole columns
    left empty while a combination of the values shown would single out fewer than k responses."""
    people = groups.groupby(["language", "mode"])["responses"].sum().to_dict()
    groups_shown = shown_groups(people, k)
    shown = {"day": shown_values(groups.groupby("day")["responses"].sum().to_dict(), k),
             "language": {language for language, mode in groups_shown if language is not None and mode is None},
             "mode": {mode for language, mode in groups_shown if language is None and mode is not None}}
    while smallest_class(groups, shown) < k:
        column = next(c for c in QUASI_IDENTIFIERS if shown[c])
        shown[column] = set()
    return shown


def smallest_class(groups: pd.DataFrame, shown: dict[str, set]) -> int:
    """The fewest responses that share the same day, language and mode as they appear in the file."""
    shown_as = groups.assign(**{column: groups[column].map(lambda v, c=column: v if v in shown[c] else None)
                                for column in QUASI_IDENTIFIERS})
    return int(shown_as.groupby(list(QUASI_IDENTIFIERS), dropna=False)["responses"].sum().min())


def response_columns(export: ResponseExport) -> list[Column]:
    """The fixed columns, then per question its answer's code and, for pictures, faces and thumbs, its words."""
    columns = [
        Column("round", _("The round: the day it opened and its questionnaire."), header=_("Round")),
        Column("questionnaire", _("The questionnaire's short name."), header=_("Questionnaire")),
        Column("day", _("The day the response was given (never the time). Empty when fewer than %(k)s responses "
                        "of the round were given that day, or to protect such a day.", k=export.k),
               header=_("Day")),
        Column("language", _("The language the respondent chose. Empty when fewer than %(k)s responses of the "
                             "round are in that language, or to protect such a language.", k=export.k),
               header=_("Language code")),
        Column("language_name", _("The language, by its own name; empty when the code is."), header=_("Language")),
        Column("mode", _("How the respondent answered: kiosk (alone on the tablet), phone (own phone), assisted "
                         "(helped by staff), paper (typed in later). Empty when fewer than %(k)s responses of "
                         "the round share it, or to protect such a group.", k=export.k),
               header=_("Way of answering (code)")),
        Column("mode_name", _("The way of answering in words; empty when the code is."),
               header=_("Way of answering")),
    ]
    with_words = worded(export)
    for key, asked in export.questions:
        question = text_in(asked[0][1].text)
        columns.append(Column(key, question_meaning(asked), header=question))
        if key in with_words:
            columns.append(Column(f"{key}{IN_WORDS}", _("The answer to %(key)s in words.", key=key),
                                  header=_("%(question)s (in words)", question=question)))
    return columns


#: the code of a question's column of answers in words: its key and this
IN_WORDS = "_words"


def worded(export: ResponseExport) -> dict[str, dict[str, str]]:
    """Per question with options (faces, thumbs, pictures): each option's code and its words."""
    return {key: {choice.value: text_in(choice.text) for _survey, question in asked for choice in question.choices()}
            for key, asked in export.questions if any(question.choices() for _survey, question in asked)}


def question_meaning(asked: list[tuple[surveys.Questionnaire, surveys.Question]]) -> str:
    parts = []
    for survey, question in asked:
        values = "; ".join(f"{c.value} = {text_in(c.text)}" for c in question.choices())
        if question.kind.summary is SummaryKind.COMMENTS:
            values = _("free text written by the respondent")
        elif question.settings.get("multiple"):
            values += " " + _("(several, separated by \"%(separator)s\")", separator=SEPARATOR)
        parts.append(f"{text_in(survey.title)}: {text_in(question.text)} [{values}]")
    return " | ".join(parts) + " " + _("Empty: skipped or not asked.")


def response_rows(export: ResponseExport) -> Iterator[list[Any]]:
    """The rows, in an order drawn at random by the database, read CHUNK responses at a time.

    Everything taken from the round records is gathered now, while the request runs: a streamed file is
    written after the view has returned, when those records are no longer attached to a session.
    """
    names = round_names(export.rounds)
    slugs = {r.id: r.questionnaire.slug for r in export.rounds}
    keys = [key for key, _asked in export.questions]
    faces = {key for key, asked in export.questions if all(q.kind.summary is SummaryKind.SCALE for _, q in asked)}
    words = Words(worded(export), {code: language_name(code) for r in export.rounds for code in r.languages},
                  {mode: mode_name(mode) for mode in Mode})
    return _rows(names, slugs, keys, faces, export.units, export.shown, words)


@dataclass(frozen=True)
class Words:
    """What the codes of a response file say, in the staff member's language, gathered while the request runs."""

    answers: dict[str, dict[str, str]]
    languages: dict[str, str]
    modes: dict[str, str]

    def of_answer(self, key: str, values: list[str] | None) -> str | None:
        return "; ".join(self.answers[key].get(value, value) for value in values) if values else None


def _rows(names: dict[int, str], slugs: dict[int, str], keys: list[str], faces: set[str], units: frozenset[Unit],
          shown: dict[Unit, dict[str, set]], words: Words) -> Iterator[list[Any]]:
    query = (select(Response.id, Response.round_id, Response.batch, Response.day, Response.language, Response.mode)
             .where(*where(Response, Selection(tuple(names), units=units))).order_by(func.random())
             .execution_options(yield_per=CHUNK))
    for chunk in db.session.execute(query).partitions():
        answers = answers_of([row.id for row in chunk])
        for row in chunk:
            visible = shown.get((row.round_id, row.batch), NOTHING_SHOWN)
            given = answers.get(row.id, {})
            day, language, mode = (value if value in visible[column] else None for column, value in
                                   (("day", row.day), ("language", row.language), ("mode", row.mode)))
            yield [names[row.round_id], slugs[row.round_id], shown_as_text(day),
                   language, words.languages.get(language), mode, words.modes.get(mode),
                   *chain.from_iterable(answer_cells(key, given.get(key), key in faces, words) for key in keys)]


def answer_cells(key: str, values: list[str] | None, face: bool, words: Words) -> list:
    """A question's cells: the answer's code, then its words when the question has options."""
    if key in words.answers:
        return [cell(values, face), words.of_answer(key, values)]
    return [cell(values, face)]


def shown_as_text(value: Any) -> str:
    """The day as 2024-03-04 (text, so that no spreadsheet shows it with a time of 00:00)."""
    return value.isoformat() if isinstance(value, date) else value


def cell(values: list[str] | None, face: bool) -> str | int | None:
    """One answer: a face as a number, several options joined with SEPARATOR, a skipped question empty."""
    if not values:
        return None
    return int(values[0]) if face and values[0].isdigit() else SEPARATOR.join(values)


def answers_of(response_ids: list) -> dict:
    """The answers of some responses: response id -> question key -> values in the order picked."""
    found: dict = defaultdict(lambda: defaultdict(list))
    query = (select(Answer.response_id, Answer.question_key, Answer.value)
             .where(Answer.response_id.in_(response_ids)).order_by(Answer.position))
    for response_id, key, value in db.session.execute(query):
        found[response_id][key].append(value)
    return found


def responses_dictionary(export: ResponseExport) -> Dictionary:
    notes = [
        _("Anonymous answers of the project %(project)s (%(centre)s): one row per response.",
          project=export.project.name, centre=export.project.organisation.name),
        _("The rows are in random order, drawn again for every download: nothing in this file tells in which "
          "order people answered. There is no response number and no time, only the day."),
        _("Rounds with fewer than %(k)s responses are withheld entirely; the other rounds of the period hold the "
          "responses the dashboard counts (the language and mode filters of the dashboard do not apply to this "
          "file).", k=export.k),
        _("Responses are counted in batches of at least %(k)s, so that the figures never move by one person: the "
          "last responses of a round, fewer than %(k)s, are in no figure and no file.", k=export.k),
        _("Only rounds that are over are here: closed, and past the days in which answers given offline may "
          "still arrive. Two downloads of a running round would show the rows added in between, and so what the "
          "person who had just answered said."),
        *([ngettext("%(num)s round of the period is not in this file yet for that reason.",
                    "%(num)s rounds of the period are not in this file yet for that reason.", export.waiting)]
          if export.waiting else []),
        _("Free-text answers are written by respondents: they may name people. Keep this file safe and delete "
          "it when you no longer need it."),
        _("Made on %(day)s.", day=today().isoformat()),
        *suppression_notes(export.k)[:1],
    ]
    return Dictionary(_("Anonymous responses"), notes, [(_("Responses"), response_columns(export))])
