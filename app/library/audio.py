"""The recordings that read a question (or the intro) aloud: finding them, checking uploads, serving them.

The shared library's recordings are files next to its questionnaires; a centre's recordings
(recorded in the browser or uploaded by staff) are kept in the database as QuestionnaireAudio,
so that every app server can play them.
"""

import hashlib
import io
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from flask import send_file
from flask_babel import _
from sqlalchemy import select

from surveys import LIBRARY_DIR

from ..extensions import db
from .models import Questionnaire, QuestionnaireAudio

#: the largest recording staff may upload: a question read aloud takes a few hundred kilobytes at most
MAX_AUDIO_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Recording:
    """A recording to play: a library file (``path``) or a centre's stored recording (``content``)."""

    ref: str
    mimetype: str
    path: Path | None = None
    content: bytes | None = None


class AudioRefused(ValueError):
    """An upload that is not a recording Vox accepts; the message says why, for staff."""


def audio_ref(questionnaire: Questionnaire, key: str, language: str) -> str | None:
    """The audio reference of question ``key`` (or ``intro``) in ``language``, if the questionnaire has one."""
    survey = questionnaire.survey
    if key == "intro":
        return survey.intro.audio.get(language)
    question = survey.question(key)
    return question.audio.get(language) if question else None


def audio_file(questionnaire: Questionnaire, key: str, language: str) -> Path | None:
    """The file of a shared library questionnaire's recording (centre recordings are not files)."""
    ref = audio_ref(questionnaire, key, language)
    if ref is None or questionnaire.organisation_id is not None:
        return None
    return library_file(ref)


def library_file(ref: str) -> Path | None:
    """A file under the library folder, never outside it."""
    path = (LIBRARY_DIR / ref).resolve()
    return path if path.is_file() and LIBRARY_DIR.resolve() in path.parents else None


def recording(questionnaire: Questionnaire, key: str, language: str) -> Recording | None:
    """The recording of question ``key`` (or ``intro``) in ``language``, wherever it is kept."""
    ref = audio_ref(questionnaire, key, language)
    return None if ref is None else recording_by_ref(questionnaire, ref)


def recording_by_ref(questionnaire: Questionnaire, ref: str) -> Recording | None:
    if questionnaire.organisation_id is None:
        path = library_file(ref)
        mimetype = mimetypes.guess_type(ref)[0] or "application/octet-stream"
        return Recording(ref, mimetype, path=path) if path else None
    stored = stored_audio(questionnaire, ref)
    return Recording(ref, stored.mimetype, content=stored.content) if stored else None


def recorded_screens(found: Questionnaire) -> set[tuple[str, str]]:
    """(screen key, language) of every recording that can be played."""
    survey = found.survey
    screens = [("intro", survey.intro.audio)] + [(q.key, q.audio) for q in survey.questions]
    if found.organisation_id is None:
        return {(key, lang) for key, audio in screens for lang, ref in audio.items() if library_file(ref)}
    stored = set(db.session.scalars(select(QuestionnaireAudio.ref).where(
        QuestionnaireAudio.questionnaire_id == found.id)))
    return {(key, lang) for key, audio in screens for lang, ref in audio.items() if ref in stored}


def stored_audio(questionnaire: Questionnaire, ref: str) -> QuestionnaireAudio | None:
    return db.session.scalar(select(QuestionnaireAudio).where(QuestionnaireAudio.questionnaire_id == questionnaire.id,
                                                              QuestionnaireAudio.ref == ref))


def send_recording(found: Recording, max_age: int):
    """Send a recording; browsers ask for audio in ranges, which send_file answers for both kinds."""
    # from memory (a recording is small): a player that stops mid-way leaves no file open
    content = found.content if found.path is None else found.path.read_bytes()
    etag = hashlib.sha256(content).hexdigest()[:32]
    return send_file(io.BytesIO(content), mimetype=found.mimetype, max_age=max_age, etag=etag,
                     download_name=Path(found.ref).name)


def _is_wav(head: bytes) -> bool:
    return head[:4] == b"RIFF" and head[8:12] == b"WAVE"


def _is_mp3_frame(head: bytes) -> bool:
    """An MPEG audio frame header: 11 sync bits, a known version and a layer (AAC's ADTS has layer 0)."""
    return len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x18 != 0x08 \
        and head[1] & 0x06 != 0


#: (test of the first bytes, mimetype, file extension) of every kind of recording accepted
AUDIO_KINDS = (
    (_is_wav, "audio/wav", "wav"),
    (lambda head: head[:4] == b"OggS", "audio/ogg", "ogg"),
    (lambda head: head[:3] == b"ID3" or _is_mp3_frame(head), "audio/mpeg", "mp3"),
    (lambda head: head[:4] == b"\x1a\x45\xdf\xa3", "audio/webm", "webm"),
    (lambda head: head[4:8] == b"ftyp", "audio/mp4", "m4a"),
)


def audio_kind(content: bytes) -> tuple[str, str]:
    """The mimetype and file extension of an uploaded recording, judged by its content, never its name.

    Raises AudioRefused with a message for staff when it is empty, too big or not audio.
    """
    if not content:
        raise AudioRefused(_("The file is empty: record again or choose another file."))
    if len(content) > MAX_AUDIO_BYTES:
        raise AudioRefused(_("The recording is too big (%(size)s MB); at most %(limit)s MB is accepted. "
                             "Keep it short, or save it as MP3.",
                             size=f"{len(content) / 1024 / 1024:.1f}", limit=MAX_AUDIO_BYTES // 1024 // 1024))
    for test, mimetype, extension in AUDIO_KINDS:
        if test(content[:16]):
            return mimetype, extension
    raise AudioRefused(_("This file is not a recording Vox can play (whatever its name says). "
                         "Use WAV, MP3, OGG, WebM or M4A."))
