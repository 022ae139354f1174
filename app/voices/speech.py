"""The spoken versions of the respondent's texts: where the clips are, which exist, and how they are made.

``flask speech generate`` (run by ``make run`` and at deploy) makes a clip, with espeak-ng, of every fixed
prompt and every text of every questionnaire in the database, for each language that has a voice. The
respondent page plays, for each text, a recording staff made of it (of the whole screen in the questionnaire, or
of that text for their centre), else these clips, else the browser's own speech synthesis.
"""

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from babel.support import Translations
from flask import current_app, url_for
from flask_login import current_user
from sqlalchemy import select

import surveys
from surveys.speech import clip_name, has_voice, survey_screens, survey_texts, text_digest

from ..cli import TRANSLATIONS
from ..extensions import db
from ..library.models import Questionnaire
from ..locale import babel_locale
from .models import VoiceRecording

#: the fixed prompts of the respondent pages that are read aloud (msgids of the respondent catalogue)
PROMPTS = (
    "I'd rather not say",
    "Ready? Send your answers.",
    "Send",
    "Thank you!",
    "Your answers help us do better. Nobody can see who gave them.",
    "Are you still there?",
    "Yes, I want to continue",
    "You can choose more than one.",
)


def folder() -> Path:
    return Path(current_app.config["VOX_SPEECH_DIR"])


@cache
def _catalogue(language: str) -> Translations:
    return Translations.load(str(TRANSLATIONS), [babel_locale(language)], domain="respondent")


def prompt_texts(language: str) -> list[str]:
    """The fixed prompts and the language's own name, as the respondent sees them in ``language``."""
    catalogue = _catalogue(language)
    return [surveys.LANGUAGES[language].endonym] + [catalogue.gettext(prompt) for prompt in PROMPTS]


_listing: dict[str, tuple[int, frozenset[str]]] = {}


def present() -> frozenset[str]:
    """The names of the clips in the folder, read again only when the folder changed."""
    path = folder()
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return frozenset()
    known = _listing.get(str(path))
    if known is None or known[0] != stamp:
        known = (stamp, frozenset(os.listdir(path)))
        _listing[str(path)] = known
    return known[1]


def clip_url(text: str | None, language: str) -> str | None:
    """The address of the clip that says ``text`` in ``language``, or None when there is none."""
    name = clip_name(language, text or "")
    if name is None or name not in present():
        return None
    return url_for("voices.clip", name=name)


class Voices:
    """What one centre's respondents hear: a recording its staff made of a text, else the computer voice's clip.

    A centre's recording of a text is played wherever that text appears, in any of its questionnaires.
    """

    def __init__(self, recorded: dict[tuple[str, str], str]):
        #: (language, text digest) -> public token of the centre's recording
        self.recorded = recorded

    @classmethod
    def of_centre(cls, organisation_id: int | None, languages: list[str] | None = None) -> "Voices":
        """The recordings of a centre (none without one), in ``languages`` or all; their sound is not loaded."""
        if organisation_id is None:
            return cls({})
        query = select(VoiceRecording.language, VoiceRecording.text_digest, VoiceRecording.token).where(
            VoiceRecording.organisation_id == organisation_id)
        if languages is not None:
            query = query.where(VoiceRecording.language.in_(languages))
        return cls({(language, digest): token for language, digest, token in db.session.execute(query)})

    def has(self, text: str | None, language: str) -> bool:
        return (language, text_digest(text or "")) in self.recorded

    def human(self, text: str | None, language: str) -> str | None:
        """The address of the centre's recording of ``text``, or None."""
        token = self.recorded.get((language, text_digest(text or "")))
        return url_for("voices.recording", token=token) if token else None

    def url(self, text: str | None, language: str) -> str | None:
        """What plays ``text`` in ``language``: the centre's recording, else the clip, else None."""
        return self.human(text, language) or clip_url(text, language)


def voice_centre(found: Questionnaire) -> int | None:
    """Whose recordings of texts go with a questionnaire: its centre's, or for the shared library the user's own."""
    return found.organisation_id or current_user.organisation_id


def clip_path(name: str) -> Path | None:
    if name not in present():
        return None
    return folder() / name


def latest_questionnaires() -> list[Questionnaire]:
    """The newest version of every questionnaire in the database, of the library and of each centre."""
    newest: dict[tuple, Questionnaire] = {}
    for found in db.session.scalars(select(Questionnaire).order_by(Questionnaire.version)):
        newest[(found.organisation_id, found.slug)] = found
    return list(newest.values())


def wanted_texts(questionnaires: list[Questionnaire]) -> Iterator[tuple[str, str]]:
    """(language, text) of every fixed prompt in every language, and of every questionnaire text."""
    for language in surveys.LANGUAGES:
        if has_voice(language):
            for text in prompt_texts(language):
                yield language, text
    for found in questionnaires:
        survey = found.survey
        for language in survey.languages:
            if has_voice(language):
                for text in survey_texts(survey, language):
                    yield language, text


@dataclass
class Coverage:
    """How much of a questionnaire a respondent can hear in one language."""

    language: str
    total: int = 0
    heard: int = 0
    #: the texts nobody can hear: no human recording of their screen and no clip
    missing: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.heard / self.total if self.total else 0.0


def coverage(survey: surveys.Questionnaire, language: str, recorded: set[str],
             voices: Voices | None = None) -> Coverage:
    """Texts of ``survey`` that can be heard in ``language``; ``recorded`` holds the screen keys with a recording.

    A recording of a screen covers its text (the intro's, or a question's); ``voices`` (a centre's recordings of
    single texts) and the clips cover any text.
    """
    result = Coverage(language)
    if language not in survey.languages:
        return result
    have = present()
    voices = voices or Voices({})
    for key, texts in survey_screens(survey, language):
        for index, said in enumerate(texts):
            if not said.strip():
                continue
            result.total += 1
            name = clip_name(language, said)
            if (index == 0 and key in recorded) or (name is not None and name in have) \
                    or voices.has(said, language):
                result.heard += 1
            else:
                result.missing.append(said)
    return result


def every_text(survey: surveys.Questionnaire, language: str) -> list[tuple[str | None, str]]:
    """Each text a respondent may hear in ``language``, once, in the order of the screens, then the fixed prompts.

    Paired with the key of its screen when it is that screen's own text (the intro's or a question's), which a
    recording of the whole screen says.
    """
    seen, texts = set(), []
    said_on_screens = [(key if index == 0 else None, said) for key, said_here in survey_screens(survey, language)
                       for index, said in enumerate(said_here)]
    for key, said in said_on_screens + [(None, said) for said in prompt_texts(language)]:
        digest = text_digest(said)
        if said.strip() and digest not in seen:
            seen.add(digest)
            texts.append((key, said))
    return texts


def silent_texts(survey: surveys.Questionnaire, language: str, recorded: set[str], voices: Voices) -> list[str]:
    """The texts of ``every_text`` that nothing says: no recording of their screen or of them, and no clip.

    ``recorded`` holds the keys of the screens recorded in the questionnaire. Only the device's own voice, where a
    device has one for the language, may still say them.
    """
    have = present()
    return [said for key, said in every_text(survey, language)
            if not ((key is not None and key in recorded) or clip_name(language, said) in have
                    or voices.has(said, language))]
