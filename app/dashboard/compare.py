"""Side by side: projects of a centre, or centres of the network, on the questions they share."""

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import select

import surveys
from analysis.quality import Trust
from analysis.stats import scale_score
from analysis.suppression import suppress_small_cells
from surveys import SummaryKind

from ..centres.models import Organisation, Project
from ..extensions import db
from ..library.models import Questionnaire
from ..responses.tallies import release_waiting
from ..rounds.models import Round
from .queries import Selection, answers_by, enough_answered, responses_by, trust_by, units_of


@dataclass
class Comparison:
    survey: surveys.Questionnaire
    #: group name -> respondents (None: hidden)
    groups: dict[str, int | None]
    #: question key -> group name -> mean 0-100 (None: hidden)
    means: dict[str, dict[str, float | None]] = field(default_factory=dict)
    #: group name -> trust counts of the answers counted (shown groups only)
    trust: dict[str, Trust] = field(default_factory=dict)


def compare(rounds: list[Round], group_of, k: int) -> list[Comparison]:
    """One comparison per questionnaire (by slug) used in more than one group; rounds under k left out."""
    release_waiting(rounds, k)
    by_slug: dict[str, list[Round]] = {}
    for round_ in rounds:
        by_slug.setdefault(round_.questionnaire.slug, []).append(round_)
    found = []
    for group_rounds in by_slug.values():
        if len({group_of(r) for r in group_rounds}) > 1:
            found.append(_comparison(group_rounds, group_of, k))
    return found


def _comparison(rounds: list[Round], group_of, k: int) -> Comparison:
    survey = max(rounds, key=lambda r: r.questionnaire.version).questionnaire.survey
    selection = Selection(tuple(r.id for r in rounds))
    selection = selection.narrowed(units=frozenset(units_of(selection, k)))
    per_round = responses_by(selection, "round_id").set_index("round_id")["responses"]
    counted = [r for r in rounds if r.id in per_round.index]
    sizes: dict[str, int] = {}
    for round_ in counted:
        sizes[group_of(round_)] = sizes.get(group_of(round_), 0) + int(per_round[round_.id])
    shown = suppress_small_cells(sizes, k)
    shown.pop("total", None)
    comparison = Comparison(survey, shown, trust=group_trust(selection, {r.id: group_of(r) for r in counted}, shown))
    keys = [q.key for q in survey.questions if q.kind.summary is SummaryKind.SCALE]
    answers = enough_answered(answers_by(selection, "round_id", "batch", keys=keys), k)
    group_by_round = {r.id: group_of(r) for r in counted}
    answers = answers.assign(group=answers["round_id"].map(group_by_round))
    for key in keys:
        comparison.means[key] = {group: (_mean(answers, key, group, k) if shown.get(group) is not None else None)
                                 for group in shown}
    return comparison


def group_trust(selection: Selection, group_by_round: dict[int, str], shown: dict[str, int | None]) -> dict[str, Trust]:
    """The trust counts of each shown group, over the units it counts."""
    found: dict[str, Trust] = {}
    for (round_id,), trust in trust_by(selection, "round_id").items():
        group = group_by_round.get(round_id)
        if group is not None and shown.get(group) is not None:
            found[group] = found.get(group, Trust(0, 0, 0, 0)) + trust
    return found


def _mean(answers: pd.DataFrame, key: str, group: str, k: int) -> float | None:
    mine = answers[(answers["question_key"] == key) & (answers["group"] == group)]
    n = int(mine["n"].sum())
    if n < k:
        return None
    return sum(scale_score(int(v)) * c for v, c in zip(mine["value"], mine["n"], strict=True)) / n


def centre_rounds(centre: Organisation) -> list[Round]:
    return list(db.session.scalars(select(Round).join(Round.project).where(Project.organisation_id == centre.id)))


def network_rounds() -> list[Round]:
    """Rounds of the shared library questionnaires only: the ones centres have in common."""
    return list(db.session.scalars(select(Round).join(Round.questionnaire)
                                   .where(Questionnaire.organisation_id.is_(None))))
