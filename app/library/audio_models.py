"""Recordings that staff add to a centre's questionnaire (recorded in the browser or uploaded)."""

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class QuestionnaireAudio(db.Model):
    """One recording: kept in the database so that every app server can play it."""

    __tablename__ = "questionnaire_audio"
    __table_args__ = (UniqueConstraint("questionnaire_id", "ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaires.id", ondelete="CASCADE"), index=True)
    #: the reference used in the questionnaire's ``audio:``, e.g. ``audio/ar/liked.webm``
    ref: Mapped[str] = mapped_column(String(200))
    mimetype: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)

    def __repr__(self) -> str:
        return f"<QuestionnaireAudio {self.questionnaire_id} {self.ref}>"
