"""The demo's rounds: every project asks at the times of the schedule, with a questionnaire of the library."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

import surveys

from ..centres.models import Organisation, Project
from ..extensions import db
from ..library.models import Questionnaire
from ..rounds.models import Round
from ..timeutil import today
from .plan import ABSENCE, ABSENTEE_SLOT, ACTIVITY, SCHEDULE, CentrePlan, P, ProjectPlan, Slot


def library_questionnaires() -> dict[str, Questionnaire]:
    """The latest version of each questionnaire of the shared library, by slug."""
    found = db.session.scalars(select(Questionnaire).where(Questionnaire.organisation_id.is_(None))
                               .order_by(Questionnaire.slug, Questionnaire.version))
    return {q.slug: q for q in found}


def choose_questionnaire(slugs: tuple[str, ...], library: dict[str, Questionnaire]) -> Questionnaire | None:
    """The first of ``slugs`` the library holds; any library questionnaire when a round must ask something."""
    for slug in slugs:
        if slug in library:
            return library[slug]
    return None if slugs == ABSENCE or not library else library[min(library)]


@dataclass
class PlannedRound:
    """A round with what the demo needs to invent its responses."""

    round: Round
    plan: ProjectPlan
    centre: CentrePlan
    #: 0 at the project's first round, 1 today: where the round sits on the project's trend
    progress: float


def create_centre_rounds(rng: random.Random, plan: CentrePlan, centre: Organisation,
                         library: dict[str, Questionnaire]) -> list[PlannedRound]:
    made = []
    for project_plan, project in zip(plan.projects, sorted_projects(plan, centre), strict=True):
        for index, slot in enumerate(project_slots(project_plan)):
            questionnaire = choose_questionnaire(project_plan.activity if slot.asks == ACTIVITY else slot.asks,
                                                 library)
            if questionnaire is not None:
                round_ = new_round(rng, project, questionnaire, plan, project_plan, slot, index)
                made.append(PlannedRound(round_, project_plan, plan, progress(project_plan, slot)))
    db.session.add_all(planned.round for planned in made)
    return made


def sorted_projects(plan: CentrePlan, centre: Organisation) -> list[Project]:
    by_name = {project.name: project for project in centre.projects}
    return [by_name[p.name] for p in plan.projects]


def project_slots(plan: ProjectPlan) -> list[Slot]:
    slots = [s for s in SCHEDULE if s.days_ago <= plan.started and (plan.still_running or not s.open_now)]
    if plan.asks_absentees:
        slots.append(ABSENTEE_SLOT)
    return slots


def progress(plan: ProjectPlan, slot: Slot) -> float:
    first = max(s.days_ago for s in project_slots(plan))
    return (first - slot.days_ago) / first


def new_round(rng: random.Random, project: Project, questionnaire: Questionnaire, centre: CentrePlan,
              plan: ProjectPlan, slot: Slot, index: int) -> Round:
    opens_on = today() - timedelta(days=slot.days_ago + rng.randint(0, 4))
    planned_last_day = opens_on + timedelta(days=slot.days)
    mode = P if slot.asks == ABSENCE else plan.modes[index % len(plan.modes)]
    round_ = Round(project=project, questionnaire=questionnaire, mode=mode, opens_on=opens_on,
                   languages=offered_languages(centre, questionnaire.survey),
                   created_at=datetime.combine(opens_on - timedelta(days=2), datetime.min.time()))
    if slot.open_now:
        round_.planned_last_day = planned_last_day
    elif rng.random() < 0.25:
        round_.closed_by_hand_on = planned_last_day  # open-ended, closed by hand
    else:
        round_.planned_last_day = round_.closed_by_hand_on = planned_last_day
    return round_


def offered_languages(centre: CentrePlan, survey: surveys.Questionnaire) -> list[str]:
    offered = [code for code in centre.languages if code in survey.languages]
    return offered or list(survey.languages)
