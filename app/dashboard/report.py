"""A project's results: what the group thinks, how far to trust it, with small groups hidden.

Rounds with fewer than K responses are left out of every figure (a whole small round could
otherwise be found by comparing periods). Breakdowns and round-by-round figures go through
complementary suppression, and a filter can only pick a group that its breakdown shows.
"""

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlalchemy import func, select

import surveys
from analysis.quality import Trust, skip_rates
from analysis.stats import scale_score
from analysis.summaries import Summary, summarise
from analysis.suppression import suppress_small_cells, suppress_table

from ..centres.models import Project
from ..extensions import db
from ..kiosk.models import Answer, Response
from ..kiosk.tallies import ANSWERED
from ..rounds.models import Round
from .queries import Selection, answered_counts, answers_by, responses_by, value_counts


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
    skips: dict[str, float | None]
    languages: dict[str, int | None]
    modes: dict[str, int | None]
    satisfaction_by_mode: dict[str, float] | None
    satisfaction: float | None
    comments: list[tuple[Round, str]]
    #: the filter that was asked for but names a group too small to show
    refused_filter: str | None = None

    @property
    def notes(self) -> list[str]:
        return self.trust.notes() if self.trust else []


def project_report(project: Project, filters: Filters, k: int, with_comments: bool) -> ProjectReport:
    rounds = rounds_in_period(project, filters)
    totals = responses_by(Selection(tuple(r.id for r in rounds)), "round_id").set_index("round_id")["responses"]
    counted = [r for r in rounds if totals.get(r.id, 0) >= k]
    base = Selection(tuple(r.id for r in counted))
    languages = visible_groups(base, "language", k)
    modes = visible_groups(base, "mode", k)
    selection, refused = apply_filters(base, filters, languages, modes, k)
    per_round = responses_by(selection, "round_id").set_index("round_id")
    shown_rounds = suppress_small_cells({r.id: int(per_round["responses"].get(r.id, 0)) for r in counted}, k)
    figures = [RoundFigures(r, shown_rounds.get(r.id), withheld=r not in counted) for r in rounds]
    respondents = shown_rounds.get("total") or None
    answers = answers_by(selection, "round_id", "mode")
    return ProjectReport(
        project=project, k=k, filters=filters, respondents=respondents, rounds=figures,
        sections=sections(counted, figures, answers, per_round, k) if respondents else [],
        trust=trust(per_round) if respondents else None,
        skips=skips(counted, answers, per_round) if respondents else {},
        languages=languages, modes=modes,
        satisfaction_by_mode=satisfaction_by_mode(counted, answers, selection, k) if respondents else None,
        satisfaction=satisfaction(counted, answers) if respondents else None,
        comments=comments(counted, selection) if with_comments and respondents else [],
        refused_filter=refused,
    )


def rounds_in_period(project: Project, filters: Filters) -> list[Round]:
    """Whole rounds, by the day they opened: a period never splits a round into smaller groups."""
    query = select(Round).where(Round.project_id == project.id).order_by(Round.opens_on, Round.id)
    if filters.start:
        query = query.where(Round.opens_on >= filters.start)
    if filters.end:
        query = query.where(Round.opens_on <= filters.end)
    return list(db.session.scalars(query))


def visible_groups(selection: Selection, dimension: str, k: int) -> dict[str, int | None]:
    counts = responses_by(selection, dimension)
    shown = suppress_small_cells(dict(zip(counts[dimension], counts["responses"], strict=True)), k)
    shown.pop("total", None)
    return shown


def apply_filters(base: Selection, filters: Filters, languages: dict, modes: dict,
                  k: int) -> tuple[Selection, str | None]:
    """Narrow to the asked language and mode, but only to groups that the breakdowns show."""
    if filters.language and languages.get(filters.language) is None:
        return base, filters.language
    if filters.mode and modes.get(filters.mode) is None:
        return base, filters.mode
    if filters.language and filters.mode and not pair_visible(base, filters.language, filters.mode, k):
        return base, f"{filters.language} + {filters.mode}"
    return base.narrowed(language=filters.language, mode=filters.mode), None


def pair_visible(base: Selection, language: str, mode: str, k: int) -> bool:
    counts = responses_by(base, "language", "mode").pivot(index="language", columns="mode", values="responses")
    shown = suppress_table(counts.fillna(0), k)
    return language in shown.index and mode in shown.columns and not pd.isna(shown.at[language, mode])


class AnswerCounts:
    """Answer tallies of a selection, grouped once, looked up by question and rounds."""

    def __init__(self, answers: pd.DataFrame):
        grouped = answers.groupby(["question_key", "round_id", "value"])["n"].sum()
        self.counts: dict[str, dict[int, dict[str, int]]] = {}
        for (key, round_id, value), n in grouped.items():
            self.counts.setdefault(key, {}).setdefault(round_id, {})[value] = int(n)

    def values(self, key: str, round_ids) -> dict[str, int]:
        """value -> respondents, summed over the rounds ("" = answered at all)."""
        total: dict[str, int] = {}
        for round_id in round_ids:
            for value, n in self.counts.get(key, {}).get(round_id, {}).items():
                total[value] = total.get(value, 0) + n
        return total


def sections(rounds: list[Round], figures: list[RoundFigures], answers: pd.DataFrame, per_round: pd.DataFrame,
             k: int) -> list[Section]:
    by_slug: dict[str, list[Round]] = {}
    for round_ in rounds:
        by_slug.setdefault(round_.questionnaire.slug, []).append(round_)
    counts = AnswerCounts(answers)
    hidden = {f.round.id for f in figures if f.responses is None}
    found = []
    for group in by_slug.values():
        survey = max(group, key=lambda r: r.questionnaire.version).questionnaire.survey
        ids = [r.id for r in group]
        respondents = int(per_round["responses"].reindex(ids).fillna(0).sum())
        questions = [question_report(q, counts, respondents, group, hidden, k)
                     for q in survey.questions if q.kind.summary in ("scale", "choice")]
        found.append(Section(survey, [f for f in figures if f.round.id in ids], questions))
    return found


def question_report(question: surveys.Question, counts: AnswerCounts, respondents: int, rounds: list[Round],
                    hidden_rounds: set[int], k: int) -> QuestionReport:
    values = counts.values(question.key, [r.id for r in rounds])
    answered = values.pop(ANSWERED, 0)
    report = QuestionReport(question, summarise(question, values, answered, respondents, k))
    if question.kind.summary == "scale":
        report.trend = [(r, None if r.id in hidden_rounds else round_mean(counts.values(question.key, [r.id]), k))
                        for r in rounds]
    return report


def round_mean(values: dict[str, int], k: int) -> float | None:
    answered = values.get(ANSWERED, 0)
    if answered < k:
        return None
    return sum(scale_score(int(value)) * n for value, n in values.items() if value != ANSWERED) / answered


def trust(per_round: pd.DataFrame) -> Trust:
    sums = per_round[["responses", "scale_responses", "ceiling", "straightlining"]].sum()
    return Trust(int(sums["responses"]), int(sums["scale_responses"]), int(sums["ceiling"]),
                 int(sums["straightlining"]))


def skips(rounds: list[Round], answers: pd.DataFrame, per_round: pd.DataFrame) -> dict[str, float | None]:
    """Per question key, the share of respondents (of rounds that asked it) who skipped it."""
    asked: dict[str, int] = {}
    for round_ in rounds:
        for question in round_.questionnaire.survey.answerable_questions:
            asked[question.key] = asked.get(question.key, 0) + int(per_round["responses"].get(round_.id, 0))
    return skip_rates(asked, answered_counts(answers).groupby("question_key")["n"].sum().to_dict())


def faces_keys(rounds: list[Round]) -> set[str]:
    return {q.key for r in rounds for q in r.questionnaire.survey.questions if q.kind.summary == "scale"}


def mean_of_faces(answers: pd.DataFrame, keys: set[str]) -> tuple[float, int]:
    faces = value_counts(answers[answers["question_key"].isin(keys)])
    n = int(faces["n"].sum())
    total = sum(scale_score(int(value)) * count for value, count in zip(faces["value"], faces["n"], strict=True))
    return (total / n if n else 0.0), n


def satisfaction(rounds: list[Round], answers: pd.DataFrame) -> float | None:
    """Mean of every face given in the selection, 0 (worst) to 100 (best)."""
    mean, n = mean_of_faces(answers, faces_keys(rounds))
    return mean if n else None


def satisfaction_by_mode(rounds: list[Round], answers: pd.DataFrame, selection: Selection,
                         k: int) -> dict[str, float] | None:
    """Satisfaction per mode, only when every mode in the selection has at least k responses."""
    per_mode = responses_by(selection, "mode")
    if len(per_mode) < 2 or (per_mode["responses"] < k).any():
        return None
    keys = faces_keys(rounds)
    return {mode: mean_of_faces(answers[answers["mode"] == mode], keys)[0] for mode in per_mode["mode"]}


def comments(rounds: list[Round], selection: Selection, limit: int = 200) -> list[tuple[Round, str]]:
    """Free comments of the selection, in random order (never the order they came in)."""
    keys = {q.key for r in rounds for q in r.questionnaire.survey.questions if q.kind.summary == "comments"}
    if not keys:
        return []
    query = (select(Response.round_id, Answer.value).join(Answer.response)
             .where(Response.round_id.in_(selection.round_ids), Answer.question_key.in_(keys))
             .order_by(func.random()).limit(limit))
    if selection.language:
        query = query.where(Response.language == selection.language)
    if selection.mode:
        query = query.where(Response.mode == selection.mode)
    by_id = {r.id: r for r in rounds}
    return [(by_id[round_id], text) for round_id, text in db.session.execute(query)]
