"""Kiosk mode: a staff browser locked to one round's respondent page until someone types the round's PIN.

The lock lives in the browser's signed session. While it holds, every staff page sends the
browser back to the respondent page, so a respondent on the tablet cannot reach anyone's data.
Wrong PINs are counted per round in the database, not in the session: a copy of the cookie from
before the wrong PINs gives no more tries. After a few in a row, unlocking the round waits a while
on every tablet locked to it.
"""

import math
from datetime import datetime, timedelta

from flask import redirect, request, session, url_for
from sqlalchemy import case, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from werkzeug.security import check_password_hash

from ..extensions import db
from ..timeutil import utcnow
from .models import PinTries, Round

LOCKED_ROUND = "kiosk_round"
#: wrong PINs in a row before unlocking is refused for a while
MAX_FAILED_PINS = 5
WAIT_SECONDS = 5 * 60
#: what a locked browser may still open: the respondent pages, their files, and the PIN page
OPEN_WHILE_LOCKED = {"static", "kiosk.static", "rounds.unlock"}


def lock(round_: Round) -> None:
    session[LOCKED_ROUND] = round_.id


def locked_round_id() -> int | None:
    return session.get(LOCKED_ROUND)


def locked_round() -> Round | None:
    """The round this browser is locked to. Its id was put in the signed session by a staff member allowed to."""
    round_id = locked_round_id()
    return db.session.get(Round, round_id) if round_id is not None else None


def is_locked_to(round_: Round) -> bool:
    return locked_round_id() == round_.id


def keep_kiosk_locked():
    """Before every request: a locked browser asking for a staff page goes back to the respondent page."""
    if locked_round_id() is None or request.endpoint in OPEN_WHILE_LOCKED or request.blueprint == "kiosk":
        return None
    round_ = locked_round()
    if round_ is None:
        session.pop(LOCKED_ROUND, None)
        return None
    if not round_.is_open():
        return redirect(url_for("rounds.unlock"))
    return redirect(url_for("kiosk.respond", token=round_.token))


def seconds_to_wait(round_: Round) -> int:
    """How long the round's tablets must wait before a PIN is checked again (0: they may try now)."""
    wait_until = db.session.scalar(select(PinTries.wait_until).where(PinTries.round_id == round_.id))
    return _remaining(wait_until, utcnow())


def _remaining(wait_until: datetime | None, now: datetime) -> int:
    return 0 if wait_until is None else max(0, math.ceil((wait_until - now).total_seconds()))


def try_unlock(round_: Round, pin: str) -> bool:
    """Leave kiosk mode with the round's PIN; too many wrong ones in a row make every tablet of the round wait.

    The try is counted before the PIN is checked, in one statement, so that PINs sent at once get
    no more checks than PINs sent one by one. The caller commits, whatever the outcome.
    """
    now = utcnow()
    tries, wait_until = _count_try(round_, now)
    if wait_until is not None or tries > MAX_FAILED_PINS:
        _wait_from(round_, now)  # for a try that came in between the last allowed one and its wait
        return False
    if round_.pin_hash and check_password_hash(round_.pin_hash, pin):
        db.session.execute(delete(PinTries).where(PinTries.round_id == round_.id))
        release()
        return True
    if tries == MAX_FAILED_PINS:
        _wait_from(round_, now)
    return False


def _count_try(round_: Round, now: datetime) -> tuple[int, datetime | None]:
    """One more try; a wait that has run out starts the count again. Returns the count and the wait, if any."""
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    over = PinTries.wait_until.is_not(None) & (PinTries.wait_until <= now)
    counted = dialect.insert(PinTries).values(round_id=round_.id, tries=1, wait_until=None)
    counted = counted.on_conflict_do_update(index_elements=["round_id"], set_={
        "tries": case((over, 1), else_=PinTries.tries + 1),
        "wait_until": case((over, None), else_=PinTries.wait_until),
    }).returning(PinTries.tries, PinTries.wait_until)
    tries, wait_until = db.session.execute(counted).one()
    return tries, wait_until


def _wait_from(round_: Round, now: datetime) -> None:
    db.session.execute(update(PinTries).where(PinTries.round_id == round_.id, PinTries.wait_until.is_(None))
                       .values(wait_until=now + timedelta(seconds=WAIT_SECONDS)))


def release() -> None:
    session.pop(LOCKED_ROUND, None)
