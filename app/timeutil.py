"""The app's clock: every date and time the app reads comes from here.

Modules import ``utcnow`` and ``today`` (also as column defaults: callables, never values computed at import);
both read ``now()``, so a test sets the time of the whole app in one place (the ``clock`` fixture of
tests/conftest.py) and never touches the process-wide ``time.time``.
"""

import time
from datetime import UTC, date, datetime


def now() -> datetime:
    """This moment, in UTC (timezone-aware)."""
    return datetime.now(UTC)


def utcnow() -> datetime:
    """This moment in UTC without a timezone, as the database stores it."""
    return now().replace(tzinfo=None)


def today() -> date:
    """Today's date in UTC."""
    return utcnow().date()


def epoch_seconds() -> float:
    """Seconds since 1970 on the system clock, the one the rate limits (flask-limiter's storage) count their windows
    with: a wait they report is measured on the clock that ends it, whatever time a test gave ``now()``."""
    return time.time()
