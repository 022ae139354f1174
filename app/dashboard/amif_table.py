"""The AMIF indicator table: per project and year, how many said the project helped their integration.

"Helped" counts the respondents whose answer to a question tagged ``amif_helped_integration`` is a
face above the middle (or yes); "answered" counts those who answered that question at all. Both
come from the tallies of released batches (see kiosk/tallies.py). Batches with fewer than K
responses are left out, and so are batches in which fewer than K answered the indicator question
(as on the project page: a project's page for one year, subtracted from this table, would otherwise
give those few answers). The "answered" cells (project x year, with a total per project, per year
and overall) go through complementary suppression, so that no hidden cell can be computed from a
total and the cells shown. A year filter only shows one column of that same table: two views of
the table never hide different cells.

Each line carries the trust flags of the answers it counts (analysis.quality.Trust): the best face
to every question, the same answer many times in a row, answers given with a member of staff
beside the respondent. The "trusted" version leaves out the project-years whose answers look too
good to be true; it hides every cell the full table hides, so the two side by side reveal nothing.
"""

from dataclasses import dataclass

import pandas as pd
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

import surveys
from analysis.indicators import AMIF_INDICATOR, IndicatorRow, helped_values, indicator_questions, indicator_row
from analysis.quality import Trust
from analysis.stats import wilson_interval
from analysis.suppression import suppress_table, with_totals

from ..centres.models import Project
from ..extensions import db
from ..library.models import Questionnaire
from ..responses.tallies import ANSWERED, release_waiting
from ..rounds.models import Round
from .queries import Selection, answers_by, trust_by, units_of

#: where a line of the table stands: a project in a year, or one of the totals
PROJECT, PROJECT_TOTAL, PERIOD_TOTAL, TOTAL = "project", "project_total", "period_total", "total"


@dataclass(frozen=True)
class AmifLine:
    level: str
    centre: str
    row: IndicatorRow
    #: the trust counts of the answers the line counts (None on totals and hidden lines)
    trust: Trust | None = None
    #: left out of the trusted version: its answers look too good to be true
    left_out: bool = False

    @property
    def flags(self) -> list[str]:
        return self.trust.flags() if self.trust else []

    @property
    def hidden(self) -> bool:
        return self.row.answered is None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson_interval(self.row.helped, self.row.answered) if self.row.answered else None


@dataclass
class AmifTable:
    k: int
    #: every year with answers, for the year filter
    years: list[int]
    #: the year shown, or None for all years
    year: int | None
    lines: list[AmifLine]
    #: True for network coordinators: only rounds of the shared library questionnaires count
    shared_only: bool = False
    #: the version that leaves out project-years whose answers look too good to be true
    trusted: bool = False

    @property
    def too_good(self) -> int:
        """Lines of a project in a year whose answers look too good to be true (left out or not)."""
        return sum(1 for line in self.lines if line.level == PROJECT and (line.left_out or (line.trust is not None
                                                                                          and line.trust.too_good)))


def indicator_rounds(projects: list[Project], k: int, shared_only: bool) -> list[tuple[Round, surveys.Question]]:
    """Rounds that asked the indicator question, each with that question (their waiting responses released)."""
    query = (select(Round).where(Round.project_id.in_([p.id for p in projects]))
             .options(selectinload(Round.questionnaire)).order_by(Round.opens_on, Round.id))
    if shared_only:
        query = query.join(Round.questionnaire).where(Questionnaire.organisation_id.is_(None))
    rounds = [r for r in db.session.scalars(query) if indicator_questions(r.questionnaire.survey, AMIF_INDICATOR)]
    release_waiting(rounds, k)
    return [(r, indicator_questions(r.questionnaire.survey, AMIF_INDICATOR)[0]) for r in rounds]


def indicator_counts(rounds: list[tuple[Round, surveys.Question]], k: int) -> pd.DataFrame:
    """Per batch of a round that at least k answered the question: project, year (of the day the round opened),
    helped and answered."""
    selection = Selection(tuple(r.id for r, _ in rounds))
    answers = answers_by(selection.narrowed(units=frozenset(units_of(selection, k))), "round_id", "batch",
                         keys=sorted({question.key for _, question in rounds}))
    n = answers.groupby(["round_id", "batch", "question_key", "value"])["n"].sum().to_dict()
    batches = answers.groupby("round_id")["batch"].unique().to_dict()
    trust = trust_by(selection, "round_id", "batch")
    rows = []
    for round_, question in rounds:
        for batch in sorted(int(b) for b in batches.get(round_.id, [])):
            answered = int(n.get((round_.id, batch, question.key, ANSWERED), 0))
            if answered < k:
                continue
            helped = sum(n.get((round_.id, batch, question.key, value), 0) for value in helped_values(question))
            rows.append({"project_id": round_.project_id, "year": round_.opens_on.year, "helped": int(helped),
                         "answered": answered, "trust": trust[(round_.id, batch)]})
    return pd.DataFrame(rows, columns=["project_id", "year", "helped", "answered", "trust"])


def amif_table(projects: list[Project], k: int, year: int | None = None, shared_only: bool = False,
               trusted: bool = False) -> AmifTable:
    counts = indicator_counts(indicator_rounds(projects, k, shared_only), k)
    counts = counts[counts["answered"] > 0]
    if counts.empty:
        return AmifTable(k, [], year, [], shared_only, trusted)
    answered = counts.pivot_table(index="project_id", columns="year", values="answered", aggfunc="sum", fill_value=0)
    helped = counts.pivot_table(index="project_id", columns="year", values="helped", aggfunc="sum", fill_value=0)
    trust = {key: sum(group, NO_ONE) for key, group in counts.groupby(["project_id", "year"])["trust"]}
    shown = suppress_table(answered, k)
    left_out: set[tuple] = set()
    if trusted:
        left_out = {cell for cell, each in trust.items() if each.too_good and not pd.isna(shown.at[cell])}
        for cell in left_out:
            answered.at[cell], helped.at[cell] = 0, 0
        hidden_before = {(r, c) for r in shown.index for c in shown.columns if pd.isna(shown.at[r, c])}
        shown = suppress_table(answered, k, hidden=hidden_before)
    cells = Cells(with_totals(helped), with_totals(answered), shown, k, trust, left_out)
    years = [int(y) for y in answered.columns]
    lines = []
    for project in (p for p in projects if p.id in answered.index):
        lines += project_lines(project, cells, years, year)
    for each in (years if year is None else [y for y in years if y == year]):
        lines.append(AmifLine(PERIOD_TOTAL, "", cells.row("total", each, _("All projects"), str(each))))
    if year is None:
        lines.append(AmifLine(TOTAL, "", cells.row("total", "total", _("All projects"), _("All years"))))
    return AmifTable(k, years, year, lines, shared_only, trusted)


#: the trust counts of nobody, to add up from
NO_ONE = Trust(0, 0, 0, 0)


@dataclass
class Cells:
    """The helped and answered tables with their totals, which answered cells may be shown, and trust."""

    helped: pd.DataFrame
    answered: pd.DataFrame
    shown: pd.DataFrame
    k: int
    #: (project id, year) -> trust counts of the answers counted there
    trust: dict[tuple, Trust]
    #: (project id, year) cells left out of the trusted version
    left_out: set[tuple]

    def row(self, project_id, year, project: str, period: str) -> IndicatorRow:
        """One cell as a line of the table: both numbers hidden when its answered count is hidden or left out."""
        if pd.isna(self.shown.at[project_id, year]) or (project_id, year) in self.left_out:
            return IndicatorRow(project, period, None, None)
        return indicator_row(project, period, int(self.helped.at[project_id, year]),
                             int(self.answered.at[project_id, year]), self.k)

    def line(self, level: str, centre: str, project_id, year, years: list, project: str, period: str) -> AmifLine:
        """A project's line, with the trust of the years it counts (none when its numbers are not shown)."""
        row = self.row(project_id, year, project, period)
        counted = [(project_id, y) for y in years if (project_id, y) not in self.left_out]
        trust = sum((self.trust.get(cell, NO_ONE) for cell in counted), NO_ONE)
        return AmifLine(level, centre, row, trust if row.answered is not None else None,
                        left_out=(project_id, year) in self.left_out)


def project_lines(project: Project, cells: Cells, years: list[int], year: int | None) -> list[AmifLine]:
    """A project's line for each year it has answers in, and its total over the years when there are several."""
    with_answers = [y for y in years if cells.answered.at[project.id, y] > 0 or (project.id, y) in cells.left_out]
    centre = project.organisation.name
    lines = [cells.line(PROJECT, centre, project.id, y, [y], project.name, str(y)) for y in with_answers
             if year in (None, y)]
    if year is None and len(with_answers) > 1:
        lines.append(cells.line(PROJECT_TOTAL, centre, project.id, "total", with_answers, project.name,
                                _("All years")))
    return lines
