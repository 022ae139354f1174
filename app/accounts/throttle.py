"""Slowing down, then refusing for a while, repeated failed logins for one email address."""

import hashlib
import math
from datetime import datetime, timedelta

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow

#: failures allowed before each new try must wait
FREE_FAILURES = 3
#: failures after which the address is refused for LOCK_MINUTES
LOCK_AFTER = 10
LOCK_MINUTES = 15


class LoginThrottle(db.Model):
    """Failed logins per email address (hashed: the table does not list who tried)."""

    __tablename__ = "login_throttles"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failed_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<LoginThrottle {self.key[:8]} {self.failures}>"


def _key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def seconds_to_wait(email: str, now: datetime | None = None) -> int:
    """How long this address must wait before its next try; 0 when it may try now."""
    throttle = db.session.get(LoginThrottle, _key(email))
    if throttle is None or throttle.failures < FREE_FAILURES:
        return 0
    delay = timedelta(minutes=LOCK_MINUTES) if throttle.failures >= LOCK_AFTER else \
        timedelta(seconds=2 ** (throttle.failures - FREE_FAILURES + 1))
    remaining = throttle.last_failed_at + delay - (now or utcnow())
    return max(0, math.ceil(remaining.total_seconds()))


def note_failure(email: str) -> None:
    throttle = db.session.get(LoginThrottle, _key(email)) or LoginThrottle(key=_key(email), failures=0)
    throttle.failures += 1
    throttle.last_failed_at = utcnow()
    db.session.add(throttle)


def note_success(email: str) -> None:
    throttle = db.session.get(LoginThrottle, _key(email))
    if throttle is not None:
        db.session.delete(throttle)
