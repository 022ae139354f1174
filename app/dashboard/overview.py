"""All of a user's projects at a glance: how many answered, how satisfied, trend, and trust."""

from dataclasses import dataclass
from datetime import timedelta

import pandas as pd
from sqlalchemy import select

from analysis.quality import Trust
from analysis.stats import scale_score
from surveys import SummaryKind

from ..centres.models import Project
from ..extensions import db
from ..responses.tallies import release_waiting
from ..rounds.models import Round
from ..timeutil import today
from .queries import Selection, answers_by, enough_answered, responses_by, trust_by, units_of

#: the overview looks at rounds opened in the last year
PERIOD = timedelta(days=365)


@dataclass
class ProjectRow:
    project: Project
    respondents: int | None
    satisfaction: float | None
    #: change of satisfaction from the previous round to the latest, in points
    change: float | None
    #: trust counts of the answers counted (ceiling, straight-lining, answers given with staff beside)
    trust: Trust | None

    @property
    def ceiling_share(self) -> float | None:
        return self.trust.ceiling_share if self.trust else None

    @property
    def too_good(self) -> bool:
        return bool(self.trust and self.trust.too_good)


def project_overview(projects: list[Project], k: int) -> list[ProjectRow]:
    rounds = db.session.scalars(select(Round).where(Round.project_id.in_([p.id for p in projects]),
                                                    Round.opens_on >= today() - PERIOD)
                                .order_by(Round.opens_on)).all()
    release_waiting(rounds, k)
    selection = Selection(tuple(r.id for r in rounds))
    selection = selection.narrowed(units=frozenset(units_of(selection, k)))
    per_round = responses_by(selection, "round_id").set_index("round_id")
    trust = {round_id: each for (round_id,), each in trust_by(selection, "round_id").items()}
    faces = enough_answered(answers_by(selection, "round_id", "batch", keys=scale_keys(rounds)), k)
    faces = faces.assign(score=faces["value"].astype(int).map(scale_score) * faces["n"])
    return [project_row(p, [r for r in rounds if r.project_id == p.id], per_round, trust, faces) for p in projects]


def scale_keys(rounds: list[Round]) -> list[str]:
    return sorted({q.key for r in rounds for q in r.questionnaire.survey.questions
                   if q.kind.summary is SummaryKind.SCALE})


def project_row(project: Project, rounds: list[Round], per_round: pd.DataFrame, trust: dict[int, Trust],
                faces: pd.DataFrame) -> ProjectRow:
    counted = [r.id for r in rounds if r.id in per_round.index]
    if not counted:
        return ProjectRow(project, None, None, None, None)
    return ProjectRow(project, int(per_round.loc[counted]["responses"].sum()), mean_score(faces, counted),
                      change(faces, counted), sum((trust[i] for i in counted), Trust(0, 0, 0, 0)))


def mean_score(faces: pd.DataFrame, round_ids: list[int]) -> float | None:
    mine = faces[faces["round_id"].isin(round_ids)]
    n = mine["n"].sum()
    return float(mine["score"].sum() / n) if n else None


def change(faces: pd.DataFrame, round_ids: list[int]) -> float | None:
    if len(round_ids) < 2:
        return None
    latest, previous = mean_score(faces, round_ids[-1:]), mean_score(faces, round_ids[-2:-1])
    return latest - previous if latest is not None and previous is not None else None
