"""A project's results: what the group thinks, how far to trust it, with small groups hidden.

Responses are counted in batches of at least K (see kiosk/tallies.py); a round's figures are the
sum of its batches, each shown or hidden on its own: a unit is one batch of one round. Rounds
with fewer than K counted responses are left out of every figure (a whole small round could
otherwise be found by comparing periods). Breakdowns and round-by-round figures go through
complementary suppression, and a filter can only pick a group that its breakdown shows.

A figure over several units adds up what each unit shows on its own: periods select whole
rounds, and a round grows a batch at a time, so two views that differ by one unit would otherwise
give that unit's figures by subtraction. In each unit, a language, a way of answering or both is
shown only where its table (with complementary suppression) shows it, and a question's answers of
a group only where at least K of them answered it (again with complementary suppression);
elsewhere that unit is left out of the group's figures, and the page says so.
"""

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlalchemy import func, select

import surveys
from analysis.quality import Trust
from analysis.stats import scale_score
from analysis.summaries import Summary, summarise
from analysis.suppression import shown_groups, suppress_small_cells
from surveys import SummaryKind

from ..centres.models import Project
from ..extensions import db
from ..responses.models import Answer, Response
from ..responses.tallies import ANSWERED, release_waiting, waiting_responses
from ..rounds.models import Round
from .queries import Selection, Unit, answered_by, answers_by, responses_by, trust_by, units_of, where

#: a group of respondents: (language or None, mode or None); (None, None) is everyone
Group = tuple[str | None, str | None]


@dataclass(frozen=True)
class Filters:
    start: date | None = None
    end: date | None = None
    language: str | None = None
    mode: str | None = None


@dataclass
class RoundFigures:
    round: Round
    #: None when hidden (too few, or protecting another hidden round)
    responses: int | None
    withheld: bool = False

    @property
    def response_rate(self) -> float | None:
        if self.responses is None or not self.round.attendance:
            return None
        return self.responses / self.round.attendance


@dataclass
class QuestionReport:
    question: surveys.Question
    summary: Summary
    #: (round, mean 0-100 or None) for scale questions
    trend: list[tuple[Round, float | None]] = field(default_factory=list)
    #: rounds left out of this question's figures: too few of the group answered it there
    left_out: int = 0


@dataclass
class Section:
    """The rounds of one questionnaire within the project, and its questions."""

    survey: surveys.Questionnaire
    rounds: list[RoundFigures]
    questions: list[QuestionReport]


@dataclass
class ProjectReport:
    project: Project
    k: int
    filters: Filters
    respondents: int | None
    rounds: list[RoundFigures]
    sections: list[Section]
    trust: Trust | None
    languages: dict[str, int | None]
    modes: dict[str, int | None]
    satisfaction_by_mode: dict[str, float] | None
    satisfaction: float | None
    comments: list[tuple[Round, str]]
    #: the filter that was asked for but names a group too small to show
    refused_filter: str | None = None
    #: languages and modes counted only in the rounds that show them (left out of the others)
    partial_groups: set[str] = field(default_factory=set)
    #: rounds left out of a filtered view: the group is too small to show in them
    left_out_rounds: int = 0
    #: rounds with comments that are not shown yet: responses can still come in (see Round.is_final)
    comments_waiting: int = 0
    #: responses of the period not counted yet: fewer than K have come in since the last batch
    waiting: int = 0

    @property
    def notes(self) -> list[str]:
        return self.trust.notes() if self.trust else []


def project_report(project: Project, filters: Filters, k: int, with_comments: bool) -> ProjectReport:
    rounds = rounds_in_period(project, filters)
    release_waiting(rounds, k)
    units = units_of(Selection(tuple(r.id for r in rounds)), k)
    counted = [r for r in rounds if any(round_id == r.id for round_id, _ in units)]
    base = Selection(tuple(r.id for r in counted), units=frozenset(units))
    shown = UnitGroups(base, k)
    languages, partial_languages = breakdown(shown, "language")
    modes, partial_modes = breakdown(shown, "mode")
    selection, refused = apply_filters(base, filters, shown)
    group = (selection.language, selection.mode)
    per_round = responses_by(selection, "round_id").set_index("round_id")
    shown_rounds = suppress_small_cells({i: int(per_round["responses"].get(i, 0)) for i in selection.round_ids}, k)
    figures = [RoundFigures(r, shown_rounds.get(r.id), withheld=r not in counted) for r in rounds]
    respondents = shown_rounds.get("total") or None
    counts = AnswerCounts(answers_by(selection, "round_id", "batch", "mode"), shown, group, selection)
    per_unit = responses_by(selection, "round_id", "batch").set_index(["round_id", "batch"])["responses"]
    final = [r for r in counted if r.is_final()]
    return ProjectReport(
        project=project, k=k, filters=filters, respondents=respondents, rounds=figures,
        sections=sections(counted, figures, counts, per_unit, k) if respondents else [],
        trust=trust_by(selection).get((), None) if respondents else None,
        languages=languages, modes=modes,
        satisfaction_by_mode=satisfaction_by_mode(counted, counts, shown, selection, k) if respondents else None,
        satisfaction=satisfaction(counted, counts) if respondents else None,
        comments=comments(final, selection) if with_comments and respondents else [],
        comments_waiting=sum(1 for r in counted if not r.is_final() and comment_keys([r])) if with_comments else 0,
        refused_filter=refused, partial_groups=partial_languages | partial_modes,
        left_out_rounds=len({round_id for round_id, batch in shown.units
                             if (round_id, batch) not in selection.units and shown.count((round_id, batch), group)}),
        waiting=waiting_responses(rounds),
    )


def rounds_in_period(project: Project, filters: Filters) -> list[Round]:
    """Whole rounds, by the day they opened: a period never splits a round into smaller groups."""
    query = select(Round).where(Round.project_id == project.id).order_by(Round.opens_on, Round.id)
    if filters.start:
        query = query.where(Round.opens_on >= filters.start)
    if filters.end:
        query = query.where(Round.opens_on <= filters.end)
    return list(db.session.scalars(query))


class UnitGroups:
    """Per unit, which groups it may show: of its respondents, and of those who answered each question.

    Each unit's table of people per language and mode (for a question: of those who answered it) goes
    through complementary suppression on its own. A figure over several units only adds up what each
    unit shows, so subtracting one view from another never gives more than one unit shows alone.
    """

    def __init__(self, base: Selection, k: int):
        self.k = k
        self.units: list[Unit] = sorted(base.units or ())
        self.cells: dict[tuple[Unit, str | None], dict[tuple[str, str], int]] = {}
        people = responses_by(base, "round_id", "batch", "language", "mode")
        for round_id, batch, language, mode, n in zip(people["round_id"], people["batch"], people["language"],
                                                      people["mode"], people["responses"], strict=True):
            self.cells.setdefault(((int(round_id), int(batch)), None), {})[(language, mode)] = int(n)
        answered = answered_by(base, "round_id", "batch", "language", "mode")
        for round_id, batch, language, mode, key, n in zip(
                answered["round_id"], answered["batch"], answered["language"], answered["mode"],
                answered["question_key"], answered["n"], strict=True):
            self.cells.setdefault(((int(round_id), int(batch)), key), {})[(language, mode)] = int(n)
        self._shown: dict[tuple[Unit, str | None], set] = {}

    def count(self, unit: Unit, group: Group, key: str | None = None) -> int:
        """People of the group in the unit (key: who answered that question)."""
        language, mode = group
        return sum(n for (its_language, its_mode), n in self.cells.get((unit, key), {}).items()
                   if language in (None, its_language) and mode in (None, its_mode))

    def shows(self, unit: Unit, group: Group, key: str | None = None) -> bool:
        """Whether the unit shows the group (an empty group shows, as 0)."""
        if not self.count(unit, group, key):
            return True
        if (unit, key) not in self._shown:
            self._shown[(unit, key)] = shown_groups(self.cells[(unit, key)], self.k)
        return group in self._shown[(unit, key)]


def breakdown(shown: UnitGroups, dimension: str) -> tuple[dict[str, int | None], set[str]]:
    """People per language (or mode), adding up only the units that show it; None where no unit does.

    Also the values counted in some units only (a unit where the group is too small leaves it out).
    """
    values = sorted({language if dimension == "language" else mode
                     for (unit, key), cells in shown.cells.items() if key is None
                     for (language, mode), n in cells.items() if n})
    counts: dict[str, int | None] = {}
    partial: set[str] = set()
    for value in values:
        group = (value, None) if dimension == "language" else (None, value)
        n = sum(shown.count(u, group) for u in shown.units if shown.shows(u, group))
        counts[value] = n or None
        if n and any(not shown.shows(u, group) for u in shown.units):
            partial.add(value)
    return counts, partial


def apply_filters(base: Selection, filters: Filters, shown: UnitGroups) -> tuple[Selection, str | None]:
    """Narrow to the asked language and mode, in the units that show that group; refuse a group none shows."""
    language, mode = filters.language, filters.mode
    asked = [((language, None), language)] if language else []
    asked += [((None, mode), mode)] if mode else []
    asked += [((language, mode), f"{language} + {mode}")] if language and mode else []
    for group, name in asked:
        if not any(shown.count(u, group) for u in shown.units if shown.shows(u, group)):
            return base, name
    if not asked:
        return base, None
    units = frozenset(u for u in shown.units if shown.shows(u, (language, mode)))
    rounds = tuple(i for i in base.round_ids if any(round_id == i for round_id, _ in units))
    return Selection(rounds, language=language, mode=mode, units=units), None


class AnswerCounts:
    """Answer tallies of a selection, looked up by question, units and mode.

    Only what a unit shows counts: a unit where too few of the group answered a question is left out of
    that question's figures (see UnitGroups).
    """

    def __init__(self, answers: pd.DataFrame, shown: UnitGroups, group: Group, selection: Selection):
        self.shown, self.group = shown, group
        self.units: list[Unit] = sorted(selection.units or ())
        grouped = answers.groupby(["question_key", "round_id", "batch", "mode", "value"])["n"].sum()
        self.counts: dict[str, dict[Unit, dict[str, dict[str, int]]]] = {}
        for (key, round_id, batch, mode, value), n in grouped.items():
            unit = (int(round_id), int(batch))
            self.counts.setdefault(key, {}).setdefault(unit, {}).setdefault(mode, {})[value] = int(n)

    def units_in(self, round_ids) -> list[Unit]:
        """The selection's units of these rounds."""
        wanted = set(round_ids)
        return [unit for unit in self.units if unit[0] in wanted]

    def included(self, key: str, units, mode: str | None = None) -> list[Unit]:
        """The units whose answers to the question count: those that show the group and its answers."""
        group = (self.group[0], mode or self.group[1])
        return [u for u in units if self.shown.shows(u, group) and self.shown.shows(u, group, key)]

    def values(self, key: str, units, mode: str | None = None) -> dict[str, int]:
        """value -> respondents, summed over the units that show them ("" = answered at all)."""
        total: dict[str, int] = {}
        for unit in self.included(key, units, mode):
            for each, values in self.counts.get(key, {}).get(unit, {}).items():
                if mode in (None, each):
                    for value, n in values.items():
                        total[value] = total.get(value, 0) + n
        return total

    def left_out(self, key: str, units) -> int:
        """Rounds in which some of the group answered the question but too few to show (in one of its units)."""
        shown = set(self.included(key, units))
        return len({u[0] for u in units if u not in shown and self.shown.count(u, self.group, key)})


def sections(rounds: list[Round], figures: list[RoundFigures], counts: AnswerCounts, per_unit: pd.Series,
             k: int) -> list[Section]:
    by_slug: dict[str, list[Round]] = {}
    for round_ in rounds:
        by_slug.setdefault(round_.questionnaire.slug, []).append(round_)
    hidden = {f.round.id for f in figures if f.responses is None}
    found = []
    for group in by_slug.values():
        survey = max(group, key=lambda r: r.questionnaire.version).questionnaire.survey
        ids = [r.id for r in group]
        questions = [question_report(q, counts, per_unit, group, hidden, k)
                     for q in survey.questions if q.kind.summary in (SummaryKind.SCALE, SummaryKind.CHOICE)]
        found.append(Section(survey, [f for f in figures if f.round.id in ids], questions))
    return found


def question_report(question: surveys.Question, counts: AnswerCounts, per_unit: pd.Series, rounds: list[Round],
                    hidden_rounds: set[int], k: int) -> QuestionReport:
    """A question over the units that show its answers; respondents (for the skipped share) of those units."""
    units = counts.units_in(r.id for r in rounds if r.id not in hidden_rounds)
    included = counts.included(question.key, units)
    respondents = sum(int(per_unit.get(unit, 0)) for unit in included)
    values = counts.values(question.key, units)
    answered = values.pop(ANSWERED, 0)
    report = QuestionReport(question, summarise(question, values, answered, respondents, k),
                            left_out=counts.left_out(question.key, units))
    if question.kind.summary is SummaryKind.SCALE:
        report.trend = [(r, None if r.id in hidden_rounds else
                         round_mean(counts.values(question.key, counts.units_in([r.id])), k)) for r in rounds]
    return report


def round_mean(values: dict[str, int], k: int) -> float | None:
    answered = values.get(ANSWERED, 0)
    if answered < k:
        return None
    return sum(scale_score(int(value)) * n for value, n in values.items() if value != ANSWERED) / answered


def faces_keys(rounds: list[Round]) -> set[str]:
    return {q.key for r in rounds for q in r.questionnaire.survey.questions if q.kind.summary is SummaryKind.SCALE}


def mean_of_faces(counts: AnswerCounts, keys: set[str], units, mode: str | None = None) -> tuple[float, int]:
    """Mean of the faces given (0-100) and how many, in the units that show each question's answers."""
    total, n = 0.0, 0
    for key in keys:
        for value, count in counts.values(key, units, mode).items():
            if value != ANSWERED:
                total += scale_score(int(value)) * count
                n += count
    return (total / n if n else 0.0), n


def satisfaction(rounds: list[Round], counts: AnswerCounts) -> float | None:
    """Mean of every face given in the selection, 0 (worst) to 100 (best)."""
    mean, n = mean_of_faces(counts, faces_keys(rounds), counts.units)
    return mean if n else None


def satisfaction_by_mode(rounds: list[Round], counts: AnswerCounts, shown: UnitGroups, selection: Selection,
                         k: int) -> dict[str, float] | None:
    """Satisfaction per mode, only when every mode in the selection has at least k responses shown."""
    per_mode = responses_by(selection, "mode")
    if len(per_mode) < 2:
        return None
    language = selection.language
    for mode in per_mode["mode"]:
        group = (language, mode)
        if sum(shown.count(u, group) for u in counts.units if shown.shows(u, group)) < k:
            return None
    keys = faces_keys(rounds)
    return {mode: mean_of_faces(counts, keys, counts.units, mode)[0] for mode in per_mode["mode"]}


def comment_keys(rounds: list[Round]) -> set[str]:
    return {q.key for r in rounds for q in r.questionnaire.survey.questions if q.kind.summary is SummaryKind.COMMENTS}


def comments(rounds: list[Round], selection: Selection, limit: int = 200) -> list[tuple[Round, str]]:
    """Free comments of ``rounds`` (those of the selection that are over), in random order (never the order they
    came in), from the units the selection counts. A round that can still get responses shows none: a comment
    seen appearing right after someone used the tablet would tell who wrote it."""
    keys = comment_keys(rounds)
    if not keys:
        return []
    ids = tuple(round_id for round_id in selection.round_ids if round_id in {r.id for r in rounds})
    query = (select(Response.round_id, Answer.value).join(Answer.response)
             .where(*where(Response, selection.narrowed(round_ids=ids)), Answer.question_key.in_(keys))
             .order_by(func.random()).limit(limit))
    by_id = {r.id: r for r in rounds}
    return [(by_id[round_id], text) for round_id, text in db.session.execute(query)]
