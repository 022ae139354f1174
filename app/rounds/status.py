"""Where a round stands, in the words shown to staff."""

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from ..timeutil import today
from .models import Round


class Status(StrEnum):
    OPEN = "open"
    #: opens on a later day
    SCHEDULED = "scheduled"
    CLOSED = "closed"


LABELS = {Status.OPEN: _l("Open"), Status.SCHEDULED: _l("Not open yet"), Status.CLOSED: _l("Closed")}


def status(round_: Round) -> Status:
    """Closed by hand counts as closed at once for staff, even while its last day lasts for respondents."""
    if round_.closed_by_hand_on is not None:
        return Status.CLOSED
    if round_.opens_on > today():
        return Status.SCHEDULED
    return Status.OPEN if round_.is_open() else Status.CLOSED


def closed_today(round_: Round) -> bool:
    """Closed by hand today: the respondent page still answers until the day is over."""
    return round_.closed_by_hand_on == today() and round_.is_open()


def open_first(rounds: list[Round]) -> list[Round]:
    """Open rounds, then rounds not open yet, then closed ones; the most recent first within each."""
    order = {Status.OPEN: 0, Status.SCHEDULED: 1, Status.CLOSED: 2}
    return sorted(rounds, key=lambda round_: (order[status(round_)], -round_.opens_on.toordinal(), -round_.id))
