"""Slowing down, then refusing for a while, repeated failed logins: per email address and per client.

Per email address, in the database: every try is counted *before* its password is checked, by a
compare-and-set on the count, so that tries sent at once get no more checks than tries sent one by
one, on SQLite and PostgreSQL alike. A right password forgets the count.

Per client (an address on the internet, as the reverse proxy reports it), in the rate-limit storage
(memory, or Redis shared by every app server): one client trying many email addresses is refused
for a while too.
"""

import hashlib
import math
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from flask import current_app, request
from limits import RateLimitItemPerHour, RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter, RateLimiter
from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db, limiter
from ..timeutil import epoch_seconds, utcnow
from .models import LoginThrottle

#: failures allowed before each new try must wait
FREE_FAILURES = 3
#: failures after which the address is refused for LOCK_MINUTES
LOCK_AFTER = 10
LOCK_MINUTES = 15
#: how often a try tries again to count itself when other tries change the count at the same moment
COUNT_ATTEMPTS = 5
#: failed logins one client may make, whatever the email addresses it tries
FAILURES_PER_CLIENT_PER_MINUTE = 20
FAILURES_PER_CLIENT_PER_HOUR = 100
T = TypeVar("T")
CLIENT_LIMITS = (RateLimitItemPerMinute(FAILURES_PER_CLIENT_PER_MINUTE),
                 RateLimitItemPerHour(FAILURES_PER_CLIENT_PER_HOUR))


def _key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def _delay(failures: int) -> timedelta:
    if failures < FREE_FAILURES:
        return timedelta(0)
    if failures >= LOCK_AFTER:
        return timedelta(minutes=LOCK_MINUTES)
    return timedelta(seconds=2 ** (failures - FREE_FAILURES + 1))


def _remaining(failures: int, last_failed_at: datetime, now: datetime) -> int:
    return max(0, math.ceil((last_failed_at + _delay(failures) - now).total_seconds()))


def take_try(email: str) -> int:
    """Count a try of this address before its password is checked; 0 to go on, else the seconds to wait.

    The count moves from the value read to the next one only if no other try moved it in between
    (compare-and-set), so each check of a password stands for exactly one counted try. The caller
    commits at once, before the (slow) password check: other tries need not wait for it.
    """
    key = _key(email)
    for _ in range(COUNT_ATTEMPTS):
        now = utcnow()
        row = db.session.execute(select(LoginThrottle.failures, LoginThrottle.last_failed_at)
                                 .where(LoginThrottle.key == key)).one_or_none()
        if row is None:
            if _insert_first_try(key, now):
                return 0
            continue
        if wait := _remaining(row.failures, row.last_failed_at, now):
            return wait
        counted = db.session.execute(update(LoginThrottle).where(LoginThrottle.key == key,
                                                                 LoginThrottle.failures == row.failures)
                                     .values(failures=row.failures + 1, last_failed_at=now)
                                     .returning(LoginThrottle.failures))
        if counted.first() is not None:
            return 0
    return 1  # many tries of this address at this very moment: the next one waits a second


def _insert_first_try(key: str, now: datetime) -> bool:
    """The first try of an address, unless another try inserted it first (no unique-key error either way)."""
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    inserted = db.session.execute(dialect.insert(LoginThrottle).values(key=key, failures=1, last_failed_at=now)
                                  .on_conflict_do_nothing(index_elements=["key"]).returning(LoginThrottle.key))
    return inserted.first() is not None


def note_success(email: str) -> None:
    """A right password: the address's earlier tries are forgotten."""
    db.session.execute(delete(LoginThrottle).where(LoginThrottle.key == _key(email)))


def client_seconds_to_wait() -> int:
    """How long this client must wait before its next login (0: it may try now)."""
    client = request.remote_addr or "unknown"

    def waits(counter: RateLimiter) -> list[float]:
        return [counter.get_window_stats(item, "login-failures", client).reset_time
                for item in CLIENT_LIMITS if not counter.test(item, "login-failures", client)]

    resets = _counted(waits)
    return max(1, math.ceil(max(resets) - epoch_seconds())) if resets else 0


def note_client_failure() -> None:
    client = request.remote_addr or "unknown"
    _counted(lambda counter: [counter.hit(item, "login-failures", client) for item in CLIENT_LIMITS])


#: where a client's failures are counted while the shared storage (Redis) does not answer: this process's memory
_FALLBACK = FixedWindowRateLimiter(MemoryStorage())


def _counted(operation: Callable[[RateLimiter], T]) -> T:
    """``operation`` on the shared rate-limit storage, or on this process's memory while that storage is down.

    Logging in must not fail because Redis does: the per-address count (in the database) still holds, and
    each app server still limits the clients it sees.
    """
    shared = limiter.limiter
    try:
        return operation(shared)
    except shared.storage.base_exceptions as error:
        current_app.logger.warning("rate-limit storage does not answer (%s): login failures counted in memory", error)
        return operation(_FALLBACK)
