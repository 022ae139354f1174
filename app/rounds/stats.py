"""How many responses a round has, against how many people attended: counted by the database."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..extensions import db
from ..responses.models import Response
from .models import Round, RoundSession


def rate(responses: int, present: int | None) -> float | None:
    """Responses per person present, or None when nobody counted the people present."""
    return responses / present if present else None


@dataclass(frozen=True)
class RoundFigures:
    responses: int
    #: the round's attendance as entered, else the people present at its sessions added up
    attendance: int | None

    @property
    def response_rate(self) -> float | None:
        return rate(self.responses, self.attendance)


def round_figures(rounds: list[Round]) -> dict[int, RoundFigures]:
    """Responses and attendance of each round, in two GROUP BY queries whatever the number of rounds."""
    ids = [round_.id for round_ in rounds]
    responses = dict(db.session.execute(
        select(Response.round_id, func.count()).where(Response.round_id.in_(ids)).group_by(Response.round_id)).all())
    present = dict(db.session.execute(
        select(RoundSession.round_id, func.sum(RoundSession.present)).where(RoundSession.round_id.in_(ids))
        .group_by(RoundSession.round_id)).all())
    return {round_.id: RoundFigures(responses.get(round_.id, 0),
                                    round_.attendance if round_.attendance is not None else present.get(round_.id))
            for round_ in rounds}


def response_count(round_: Round) -> int:
    return db.session.scalar(select(func.count()).select_from(Response).where(Response.round_id == round_.id))


def responses_per_day(round_: Round) -> dict[date, int]:
    return dict(db.session.execute(select(Response.day, func.count()).where(Response.round_id == round_.id)
                                   .group_by(Response.day)).all())


@dataclass(frozen=True)
class SessionFigures:
    session: RoundSession
    responses: int

    @property
    def response_rate(self) -> float | None:
        return rate(self.responses, self.session.present)


def round_sessions(round_: Round) -> list[SessionFigures]:
    """The round's sessions, by day, each with the responses given that day."""
    per_day = responses_per_day(round_)
    sessions = db.session.scalars(select(RoundSession).where(RoundSession.round_id == round_.id)
                                  .order_by(RoundSession.held_on)).all()
    return [SessionFigures(session, per_day.get(session.held_on, 0)) for session in sessions]
