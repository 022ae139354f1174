"""All of a user's projects at a glance: how many answered, how satisfied, trend, and trust."""

from dataclasses import dataclass
from datetime import timedelta

import pandas as pd
from sqlalchemy import select

from analysis.quality import CEILING_WARNING
from analysis.stats import scale_score

from ..centres.models import Project
from ..extensions import db
from ..kiosk.tallies import release_waiting
from ..rounds.models import Round
from ..timeutil import today
from .queries import Selection, answers_by, enough_answered, responses_by, units_of

#: the overview looks at rounds opened in the last year
PERIOD = timedelta(days=365)


@dataclass
class ProjectRow:
    project: Project
    respondents: int | None
    satisfaction: float | None
    #: change of satisfaction from the previous round to the latest, in points
    change: float | None
    ceiling_share: float | None

    @property
    def too_good(self) -> bool:
        return (self.ceiling_share or 0) >= CEILING_WARNING


def project_overview(projects: list[Project], k: int) -> list[ProjectRow]:
    rounds = db.session.scalars(select(Round).where(Round.project_id.in_([p.id for p in projects]),
                                                    Round.opens_on >= today() - PERIOD)
                                .order_by(Round.opens_on)).all()
    release_waiting([r.id for r in rounds], k)
    selection = Selection(tuple(r.id for r in rounds))
    selection = selection.narrowed(units=frozenset(units_of(selection, k)))
    per_round = responses_by(selection, "round_id").set_index("round_id")
    faces = enough_answered(answers_by(selection, "round_id", "batch", keys=scale_keys(rounds)), k)
    faces = faces.assign(score=faces["value"].astype(int).map(scale_score) * faces["n"])
    return [project_row(p, [r for r in rounds if r.project_id == p.id], per_round, faces, k) for p in projects]


def scale_keys(rounds: list[Round]) -> list[str]:
    return sorted({q.key for r in rounds for q in r.questionnaire.survey.questions if q.kind.summary == "scale"})


def project_row(project: Project, rounds: list[Round], per_round: pd.DataFrame, faces: pd.DataFrame,
                k: int) -> ProjectRow:
    counted = [r.id for r in rounds if r.id in per_round.index]
    if not counted:
        return ProjectRow(project, None, None, None, None)
    mine = per_round.loc[counted]
    return ProjectRow(project, int(mine["responses"].sum()), mean_score(faces, counted),
                      change(faces, counted), share(mine["ceiling"].sum(), mine["scale_responses"].sum()))


def mean_score(faces: pd.DataFrame, round_ids: list[int]) -> float | None:
    mine = faces[faces["round_id"].isin(round_ids)]
    n = mine["n"].sum()
    return float(mine["score"].sum() / n) if n else None


def change(faces: pd.DataFrame, round_ids: list[int]) -> float | None:
    if len(round_ids) < 2:
        return None
    latest, previous = mean_score(faces, round_ids[-1:]), mean_score(faces, round_ids[-2:-1])
    return latest - previous if latest is not None and previous is not None else None


def share(part, whole) -> float | None:
    return float(part / whole) if whole else None
