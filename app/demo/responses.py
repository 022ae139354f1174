"""The demo's responses: who attended each round, who answered, on which day, in which language."""

import random
import uuid
from datetime import date, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import insert

from ..extensions import db
from ..responses.models import Answer, Mode, Response
from ..responses.tallies import release_waiting
from ..rounds.models import Round
from ..timeutil import today
from .answers import Respondent, draw_answers
from .plan import ABSENCE, A, K, P, W
from .rounds import PlannedRound

#: how a mode moves answers: honest alone, kinder with a social worker beside them or on paper
MODE_BIAS = {K: 0.0, P: -0.1, A: 0.35, W: 0.15}
#: share of those who attended who answer
MODE_RESPONSE_RATE = {K: 0.72, P: 0.45, A: 0.93, W: 0.8}


def store_responses(rng: random.Random, rounds: list[PlannedRound]) -> int:
    """Invent the responses of every round and insert them in two bulk statements; return how many."""
    responses: list[dict[str, Any]] = []
    answers: list[dict[str, Any]] = []
    for planned in rounds:
        planned.round.attendance = round_attendance(rng, planned)
        for _ in range(respondent_count(rng, planned.round)):
            response, given = invent_response(rng, planned)
            responses.append(response)
            answers.extend(given)
    if responses:
        db.session.execute(insert(Response), responses)
    if answers:
        db.session.execute(insert(Answer), answers)
    release_waiting([planned.round for planned in rounds], current_app.config["VOX_MIN_GROUP"])
    return len(responses)


def round_attendance(rng: random.Random, planned: PlannedRound) -> int:
    first, last = planned.plan.attendance
    if planned.round.questionnaire.slug in ABSENCE:
        first = last = max(10, first - last)  # those who stopped coming, contacted by phone
    return round((first + (last - first) * planned.progress) * rng.uniform(0.9, 1.1))


def respondent_count(rng: random.Random, round_: Round) -> int:
    rate = MODE_RESPONSE_RATE[Mode(round_.mode)] * (0.7 if round_.questionnaire.slug in ABSENCE else 1)
    return sum(rng.random() < rate for _ in range(round_.attendance or 0))


def invent_response(rng: random.Random, planned: PlannedRound) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One response and its answers, as rows to insert."""
    round_ = planned.round
    person = new_respondent(rng, planned)
    response_id = uuid.uuid4()
    response = {"id": response_id, "round_id": round_.id, "day": answer_day(rng, planned),
                "language": person.language, "mode": round_.mode}
    answers = [{"response_id": response_id, "question_key": key, "position": position, "value": value}
               for key, values in draw_answers(rng, round_.questionnaire.survey, person)
               for position, value in enumerate(values)]
    return response, answers


def new_respondent(rng: random.Random, planned: PlannedRound) -> Respondent:
    plan, mode = planned.plan, Mode(planned.round.mode)
    first, last = plan.mood
    mood = first + (last - first) * planned.progress + MODE_BIAS[mode] + rng.gauss(0, 0.75)
    acquiescence = plan.acquiescence + (0.08 if mode == A else 0)
    languages = planned.round.languages
    weights = [planned.centre.languages.get(code, 0.05) for code in languages]
    return Respondent(plan.name, mood, rng.random() < acquiescence, rng.choices(languages, weights)[0],
                      planned.centre.locale, mode)


def answer_day(rng: random.Random, planned: PlannedRound) -> date:
    """A day the round was open; answers on the tablet or on paper come on the day of the group session."""
    round_ = planned.round
    last = min(round_.last_day or today(), today())
    days = [round_.opens_on + timedelta(days=n) for n in range((last - round_.opens_on).days + 1)]
    if round_.mode != P:
        days = [d for d in days if d.weekday() == planned.plan.weekday] or days
    return rng.choice(days)
