"""Rounds: one questionnaire asked in one project for a while, in one mode."""

import secrets
from datetime import date, datetime, timedelta

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..responses.models import MODES_SQL, Mode
from ..timeutil import today, utcnow


def new_token() -> str:
    """The random public part of a round's kiosk URL."""
    return secrets.token_urlsafe(12)


class Round(db.Model):
    __tablename__ = "rounds"
    __table_args__ = (
        CheckConstraint(f"mode IN ({MODES_SQL})", name="mode_known"),
        CheckConstraint("attendance IS NULL OR attendance >= 0", name="attendance_not_negative"),
        CheckConstraint("reset_seconds BETWEEN 2 AND 120", name="reset_seconds_range"),
        CheckConstraint("idle_seconds BETWEEN 20 AND 900", name="idle_seconds_range"),
        CheckConstraint("grace_days BETWEEN 0 AND 60", name="grace_days_range"),
        CheckConstraint("planned_last_day IS NULL OR planned_last_day >= opens_on", name="last_day_after_opening"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaires.id", ondelete="RESTRICT"), index=True)
    #: random public token in the kiosk and QR URL; says nothing about the project
    token: Mapped[str] = mapped_column(String(32), unique=True, default=new_token)
    mode: Mapped[str] = mapped_column(String(16), default=Mode.KIOSK)
    #: language codes offered to respondents, in the order shown
    languages: Mapped[list[str]] = mapped_column(JSON)
    opens_on: Mapped[date] = mapped_column(Date, default=today)
    #: planned last day; empty while open-ended
    planned_last_day: Mapped[date | None] = mapped_column(Date)
    #: the day staff closed it by hand; empty while not closed by hand
    closed_by_hand_on: Mapped[date | None] = mapped_column(Date)
    #: how many people attended, entered by staff, for the response rate
    attendance: Mapped[int | None]
    #: seconds the thank-you screen stays before the kiosk resets
    reset_seconds: Mapped[int] = mapped_column(default=8)
    #: seconds without a touch before "Are you still there?"
    idle_seconds: Mapped[int] = mapped_column(default=90)
    #: days after closing during which responses made offline while open are still accepted
    grace_days: Mapped[int] = mapped_column(default=7)
    #: hash of the PIN that leaves kiosk mode
    pin_hash: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    project: Mapped["Project"] = relationship(back_populates="rounds")  # noqa: F821
    questionnaire: Mapped["Questionnaire"] = relationship()  # noqa: F821

    @property
    def last_day(self) -> date | None:
        """The last day on which respondents can answer, or None while open-ended."""
        ends = [d for d in (self.planned_last_day, self.closed_by_hand_on) if d is not None]
        return min(ends) if ends else None

    def is_open(self, on: date | None = None) -> bool:
        on = on or today()
        return self.opens_on <= on and (self.last_day is None or on <= self.last_day)

    def accepts_response_made_on(self, day: date, on: date | None = None) -> bool:
        """Whether a response made on ``day`` (perhaps offline) may still be stored ``on`` a later day."""
        on = on or today()
        if not self.is_open(day) or day > on:
            return False
        return self.last_day is None or on <= self.last_day + timedelta(days=self.grace_days)

    def is_final(self, on: date | None = None) -> bool:
        """Whether its responses can no longer change: closed, and past the days late answers are accepted.

        Only then are its comments and single responses shown: a comment or a row seen appearing right after
        someone used the tablet would tell what that person said.
        """
        last = self.last_day
        return last is not None and (on or today()) > last + timedelta(days=self.grace_days)

    def __repr__(self) -> str:
        return f"<Round {self.id} project={self.project_id} {self.mode}>"


class RoundSession(db.Model):
    """One meeting of a round that spans several sessions, with its attendance."""

    __tablename__ = "round_sessions"
    __table_args__ = (UniqueConstraint("round_id", "held_on"),
                      CheckConstraint("present >= 0", name="present_not_negative"))

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    #: how many people were present, as counted by staff
    present: Mapped[int]

    def __repr__(self) -> str:
        return f"<RoundSession {self.round_id} {self.held_on} {self.present}>"


class PinTries(db.Model):
    """The PINs tried on a round's tablets since the last right one, and until when unlocking waits."""

    __tablename__ = "kiosk_pin_tries"

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True)
    #: tries counted, each before its PIN was checked
    tries: Mapped[int] = mapped_column(default=0)
    #: no PIN of this round is checked before this moment (UTC); empty when unlocking need not wait
    wait_until: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<PinTries round={self.round_id} {self.tries}>"
