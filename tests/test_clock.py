"""One clock for the whole app (app.timeutil): a test that sets the time sets it everywhere at once."""

import re
from datetime import timedelta
from pathlib import Path

from app import timeutil
from app.accounts import throttle
from app.ops import retention
from app.rounds import lock

ROOT = Path(__file__).parent.parent
#: reading the system's date or time anywhere but in app/timeutil.py (durations by perf_counter are no clock)
SYSTEM_CLOCK = re.compile(r"\b(time\.time|datetime\.(now|utcnow|today)|date\.today|time\.(localtime|gmtime))\(")


def test_only_app_timeutil_reads_the_system_clock():
    readers = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
               for folder in ("app", "surveys", "analysis") for path in sorted((ROOT / folder).rglob("*.py"))
               if path != ROOT / "app" / "timeutil.py"
               for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if SYSTEM_CLOCK.search(line)]
    assert readers == []


def test_the_clock_fixture_moves_the_time_of_every_part_of_the_app(clock):
    start = timeutil.utcnow()
    clock.advance(days=1, minutes=5)
    assert timeutil.utcnow() - start == timedelta(days=1, minutes=5)
    assert timeutil.today() == (start + timedelta(days=1, minutes=5)).date()
    # modules that imported the clock's functions read the moved time as well
    assert throttle.utcnow() == lock.utcnow() == timeutil.utcnow() and retention.today() == timeutil.today()
