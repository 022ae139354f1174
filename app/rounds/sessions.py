"""Sessions inside a round, each with how many people were present."""

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


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
