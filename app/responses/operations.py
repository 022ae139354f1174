"""Storing responses: exactly once, whatever the network did. Nothing here commits: the view does, once."""

from typing import TYPE_CHECKING

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from .models import Answer, Response
from .submission import Submission, SubmissionError

if TYPE_CHECKING:
    from ..rounds.models import Round


def store_response(round_: "Round", submission: Submission, mode: str) -> bool:
    """Store a submission once; True when it is new, False when this id was stored before. The caller commits.

    A browser that lost the acknowledgement sends again with the same id: it gets success and
    nothing is doubled. Two identical requests racing each other are settled by the primary key.
    The response and its answers are written in a savepoint of two statements, so that an id stored
    before undoes only them, never the rest of the caller's transaction; they are counted later, with
    at least K others (see tallies.release_waiting).
    """
    try:
        with db.session.begin_nested():
            db.session.execute(insert(Response.__table__).values(
                id=submission.id, round_id=round_.id, day=submission.day, language=submission.language, mode=mode))
            if submission.values:
                db.session.execute(insert(Answer.__table__), [
                    {"response_id": submission.id, "question_key": key, "position": position, "value": value}
                    for key, position, value in submission.values])
    except IntegrityError:
        if _already_stored(round_, submission):
            return False
        raise
    return True


def _already_stored(round_: "Round", submission: Submission) -> bool:
    existing_round = db.session.scalar(select(Response.round_id).where(Response.id == submission.id))
    if existing_round is None:
        return False
    if existing_round != round_.id:
        raise SubmissionError("id", "belongs to another round")
    return True
