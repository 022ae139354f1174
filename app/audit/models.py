"""What staff did, and when: never anything about respondents."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow


class AuditEvent(db.Model):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: kept as text so the record survives the account
    actor: Mapped[str] = mapped_column(String(254))
    #: the centre the action concerns; empty for actions across centres
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"),
                                                        index=True)
    #: what was done, e.g. ``round.launch``, ``round.close``, ``responses.delete``, ``export.csv``
    action: Mapped[str] = mapped_column(String(64))
    #: what it was done to, in words, e.g. ``round 12 (after-activity) of project "Taalcafé"``
    subject: Mapped[str] = mapped_column(String(500))

    def __repr__(self) -> str:
        return f"<AuditEvent {self.id} {self.action}>"
