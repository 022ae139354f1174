"""Write actions on a centre's recordings of texts, noted in the audit log. Helpers flush; the view commits once."""

from sqlalchemy import delete, select

from surveys.speech import text_digest

from ..audit.operations import record
from ..extensions import db
from ..timeutil import utcnow
from .models import VoiceRecording, new_voice_token


def store_voice(organisation_id: int, language: str, text: str, content: bytes, mimetype: str) -> VoiceRecording:
    """Keep a centre's checked recording of ``text`` in ``language``, in place of an earlier one.

    A new recording gets a new public token, so that tablets which kept the old one fetch the new one.
    """
    digest = text_digest(text)
    stored = db.session.scalar(select(VoiceRecording).where(
        VoiceRecording.organisation_id == organisation_id, VoiceRecording.language == language,
        VoiceRecording.text_digest == digest))
    if stored is None:
        stored = VoiceRecording(organisation_id=organisation_id, language=language, text_digest=digest)
        db.session.add(stored)
    stored.text, stored.mimetype, stored.content = " ".join(text.split()), mimetype, content
    stored.token, stored.created_at = new_voice_token(), utcnow()
    db.session.flush()
    return stored


def remove_voice(organisation_id: int, language: str, text: str) -> bool:
    """Delete a centre's recording of ``text`` in ``language``; False when there was none."""
    removed = db.session.execute(delete(VoiceRecording).where(
        VoiceRecording.organisation_id == organisation_id, VoiceRecording.language == language,
        VoiceRecording.text_digest == text_digest(text)))
    return bool(removed.rowcount)


def record_text(organisation_id: int, language: str, text: str, content: bytes, mimetype: str) -> VoiceRecording:
    """A recording of one text made (or uploaded) by the centre's staff on the voices page."""
    stored = store_voice(organisation_id, language, text, content, mimetype)
    record("voice.record", f"{language}: {text[:120]}", organisation_id)
    return stored


def delete_text(organisation_id: int, language: str, text: str) -> bool:
    """Delete the centre's recording of one text; False, and nothing noted, when there was none."""
    if not remove_voice(organisation_id, language, text):
        return False
    record("voice.delete", f"{language}: {text[:120]}", organisation_id)
    return True


def note_export(organisation_id: int, language: str, count: int) -> None:
    """The centre's recordings of a language, downloaded as one file."""
    record("voice.export", f"{language}: {count} recording(s)", organisation_id)
