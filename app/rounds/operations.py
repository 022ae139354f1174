"""Write actions on rounds. Each one is noted in the audit log; none of them commits (the view does, once)."""

from datetime import date, datetime, time

from flask_login import current_user
from sqlalchemy import delete, func, select
from werkzeug.security import generate_password_hash

from ..audit.models import AuditEvent
from ..audit.operations import record
from ..centres.models import Project
from ..extensions import db
from ..library.models import Questionnaire
from ..responses.models import Answer, Response
from ..responses.tallies import rebuild_tallies
from ..timeutil import today
from .models import Round, RoundSession


def describe(round_: Round) -> str:
    """How the audit log names a round: never anything about its respondents."""
    questionnaire = round_.questionnaire
    return (f'round {round_.id} ({questionnaire.slug} v{questionnaire.version}, {round_.mode}) '
            f'of project "{round_.project.name}"')


def _note(action: str, round_: Round, detail: str = "") -> None:
    record(action, describe(round_) + (f": {detail}" if detail else ""), round_.project.organisation_id)


def hash_pin(pin: str) -> str:
    return generate_password_hash(pin)


def launch_round(project: Project, questionnaire: Questionnaire, *, languages: list[str], mode: str,
                 opens_on: date, planned_last_day: date | None, reset_seconds: int, idle_seconds: int,
                 pin: str | None) -> Round:
    """A new round of ``questionnaire`` in ``project``; the PIN is kept only as a hash."""
    round_ = Round(project=project, questionnaire=questionnaire, languages=languages, mode=mode, opens_on=opens_on,
                   planned_last_day=planned_last_day, reset_seconds=reset_seconds, idle_seconds=idle_seconds,
                   pin_hash=hash_pin(pin) if pin else None)
    db.session.add(round_)
    db.session.flush()
    _note("round.launch", round_, "languages " + ", ".join(languages))
    return round_


def set_pin(round_: Round, pin: str) -> None:
    round_.pin_hash = hash_pin(pin)
    _note("round.pin", round_)


def lock_kiosk(round_: Round, pin: str | None) -> None:
    """A tablet goes into kiosk mode for the round, with a new PIN when one is given."""
    if pin:
        set_pin(round_, pin)
    _note("kiosk.lock", round_)


def note_unlock(round_: Round) -> None:
    """A tablet left kiosk mode with the round's PIN."""
    _note("kiosk.unlock", round_)


def close_round(round_: Round) -> None:
    """Closed today by hand: respondents see that the round is over."""
    round_.closed_by_hand_on = today()
    _note("round.close", round_)


def reopen_round(round_: Round) -> None:
    """Open again; a planned last day that has passed is dropped, or the round would stay closed."""
    round_.closed_by_hand_on = None
    if round_.planned_last_day is not None and round_.planned_last_day < today():
        round_.planned_last_day = None
    _note("round.reopen", round_)


def delete_responses(round_: Round) -> int:
    """Delete every response of this round (and only this round), its answers and its running counts."""
    count = db.session.scalar(select(func.count()).select_from(Response).where(Response.round_id == round_.id))
    of_round = select(Response.id).where(Response.round_id == round_.id).scalar_subquery()
    db.session.execute(delete(Answer).where(Answer.response_id.in_(of_round)), execution_options={
        "synchronize_session": False})
    db.session.execute(delete(Response).where(Response.round_id == round_.id),
                       execution_options={"synchronize_session": False})
    rebuild_tallies([round_])
    _note("responses.delete", round_, f"{count} responses deleted")
    return count


def set_attendance(round_: Round, attendance: int | None) -> None:
    round_.attendance = attendance
    _note("round.attendance", round_, "cleared" if attendance is None else f"{attendance} attended")


def save_session(round_: Round, held_on: date, present: int) -> RoundSession:
    """Add the session held on that day, or correct its count: one session per day."""
    session = db.session.scalar(select(RoundSession).where(RoundSession.round_id == round_.id,
                                                           RoundSession.held_on == held_on))
    if session is None:
        session = RoundSession(round_id=round_.id, held_on=held_on, present=present)
        db.session.add(session)
    session.present = present
    db.session.flush()
    _note("round.session", round_, f"session of {held_on.isoformat()}: {present} present")
    return session


def remove_session(round_: Round, session_id: int) -> bool:
    """Remove one of this round's sessions; False when it has no such session."""
    session = db.session.scalar(select(RoundSession).where(RoundSession.round_id == round_.id,
                                                           RoundSession.id == session_id))
    if session is None:
        return False
    db.session.delete(session)
    _note("round.session.remove", round_, f"session of {session.held_on.isoformat()}")
    return True


def note_entry(round_: Round, mode: str) -> None:
    """Audit responses typed in by staff: which round, how and how many on a day; never what was answered, nor when.

    One row per staff member, round, way of answering and day, dated to the day and counting up: a row per
    response with its time would tell when each paper was typed in.
    """
    subject = f"{describe(round_)}: {mode} responses typed in, "
    event = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "response.enter", AuditEvent.actor_id == current_user.id,
        AuditEvent.at == start_of(today()), AuditEvent.subject.startswith(subject, autoescape=True)))
    if event is None:
        event = record("response.enter", subject + "0", round_.project.organisation_id)
        event.at = start_of(today())
    event.subject = subject + str(int(event.subject.rsplit(", ", 1)[1]) + 1)


def start_of(day: date) -> datetime:
    return datetime.combine(day, time())
