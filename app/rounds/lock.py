"""Kiosk mode: a staff browser locked to one round's respondent page until someone types the round's PIN.

The lock lives in the browser's signed session. While it holds, every staff page sends the
browser back to the respondent page, so a respondent on the tablet cannot reach anyone's data.
Wrong PINs are counted in the same session: after a few in a row, unlocking waits a while.
"""

import time

from flask import redirect, request, session, url_for
from werkzeug.security import check_password_hash

from ..extensions import db
from .models import Round

LOCKED_ROUND = "kiosk_round"
FAILED_PINS = "kiosk_failed_pins"
WAIT_UNTIL = "kiosk_wait_until"
#: wrong PINs in a row before unlocking is refused for a while
MAX_FAILED_PINS = 5
WAIT_SECONDS = 5 * 60
#: what a locked browser may still open: the respondent pages, their files, and the PIN page
OPEN_WHILE_LOCKED = {"static", "kiosk.static", "rounds.unlock"}


def lock(round_: Round) -> None:
    session[LOCKED_ROUND] = round_.id
    session.pop(FAILED_PINS, None)
    session.pop(WAIT_UNTIL, None)


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


def seconds_to_wait() -> int:
    """How long this browser must wait before trying a PIN again (0: it may try now)."""
    return max(0, int(session.get(WAIT_UNTIL, 0) - time.time()))


def try_unlock(round_: Round, pin: str) -> bool:
    """Leave kiosk mode with the round's PIN; a wrong one is counted, and too many make the browser wait."""
    if round_.pin_hash and check_password_hash(round_.pin_hash, pin):
        release()
        return True
    failed = session.get(FAILED_PINS, 0) + 1
    if failed >= MAX_FAILED_PINS:
        session[WAIT_UNTIL] = time.time() + WAIT_SECONDS
        failed = 0
    session[FAILED_PINS] = failed
    return False


def release() -> None:
    for key in (LOCKED_ROUND, FAILED_PINS, WAIT_UNTIL):
        session.pop(key, None)
