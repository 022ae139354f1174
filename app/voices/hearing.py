"""Which languages of a questionnaire have texts that a centre's respondents cannot hear.

Pashto, Tigrinya and Somali have no computer voice: until a centre records them, respondents who cannot read
those texts hear nothing (unless their own device has a voice for the language). Staff are told so when they
launch a round and on the round's page, with a way to the page where the texts are recorded.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from ..library.audio import recorded_screens
from ..library.models import Questionnaire
from .speech import Coverage, Voices, coverage, every_text, silent_texts, voice_centre


@dataclass(frozen=True)
class Silence:
    """In ``language``, ``silent`` of the questionnaire's ``total`` texts cannot be heard."""

    language: str
    silent: int
    total: int


def silent_languages(found: Questionnaire, languages: Iterable[str], voices: Voices) -> list[Silence]:
    """The languages among ``languages`` in which some text has no sound for the centre whose ``voices`` these are."""
    survey = found.survey
    recorded = recorded_screens(found)
    gaps = []
    for language in languages:
        if language not in survey.languages:
            continue
        silent = silent_texts(survey, language, {key for key, of in recorded if of == language}, voices)
        if silent:
            gaps.append(Silence(language, len(silent), len(every_text(survey, language))))
    return gaps


def heard_by_language(found: Questionnaire, recorded: set[tuple[str, str]]) -> dict[str, Coverage]:
    """How many of the questionnaire's texts can be heard in each of its languages, by the viewer's centre;
    ``recorded`` holds the (screen, language) pairs with a recording (``recorded_screens``, read once by the page)."""
    survey = found.survey
    voices = Voices.of_centre(voice_centre(found))
    return {language: coverage(survey, language, {key for key, of in recorded if of == language}, voices)
            for language in survey.languages}
