"""A centre's recordings of single texts, made by its staff (in the browser or uploaded)."""

import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow


def new_voice_token() -> str:
    return secrets.token_urlsafe(16)


class VoiceRecording(db.Model):
    """A centre's recording of one text in one language, read by a person.

    It is played wherever a respondent of that centre meets the same text: an option, a question, the
    language's name or a fixed prompt such as "I'd rather not say", in any questionnaire. It is found by
    the digest of the text, and played at a random, never reused public address.
    """

    __tablename__ = "voice_recordings"
    __table_args__ = (UniqueConstraint("organisation_id", "language", "text_digest"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the centre whose respondents hear it (the unique constraint below indexes it)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    #: digest of the text with its spaces made single (surveys.speech.text_digest)
    text_digest: Mapped[str] = mapped_column(String(32))
    #: the text that was read, as staff saw it
    text: Mapped[str] = mapped_column(Text)
    #: the public name of the recording; a new recording of the same text gets a new one
    token: Mapped[str] = mapped_column(String(32), unique=True, default=new_voice_token)
    mimetype: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<VoiceRecording {self.organisation_id} {self.language} {self.text[:30]!r}>"
