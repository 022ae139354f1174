"""Spoken versions of every text a respondent sees, made offline with espeak-ng.

A clip is named after its language and a digest of the voice and the text, so a text that changes gets a new
clip and an unchanged one is never made twice; the folder can be shared by every app server or made on each.
Where espeak-ng has no voice for a language (Pashto, Tigrinya and Somali at the time of writing), no clip is
made: staff see those as missing, and a human recording fills the gap.
"""

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .model import Questionnaire

#: Vox language code -> espeak-ng voice. Dari is read by the Persian voice, its closest relative in espeak-ng.
VOICES = {
    "nl": "nl", "fr": "fr-be", "de": "de", "en": "en-gb", "ar": "ar", "prs": "fa", "fa": "fa",
    "uk": "uk", "ru": "ru", "tr": "tr", "es": "es", "kmr": "ku",
}
#: words per minute: slower than espeak-ng's default (175), for listeners who learn the language
SPEED = 140


def has_voice(language: str) -> bool:
    return language in VOICES


def clip_name(language: str, text: str) -> str | None:
    """The file name of the clip that says ``text`` in ``language``, or None when there is no voice for it."""
    voice = VOICES.get(language)
    if voice is None or not text.strip():
        return None
    digest = hashlib.sha256(f"{voice}|{SPEED}|{' '.join(text.split())}".encode()).hexdigest()[:20]
    return f"{language}-{digest}"


def text_digest(text: str) -> str:
    """What identifies a text for a person's recording of it: the same words, spaced otherwise, are the same."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:32]


def survey_screens(survey: Questionnaire, language: str) -> list[tuple[str, list[str]]]:
    """(screen key, texts) of every screen in ``language``: the intro, then each question's text and options."""
    screens = [("intro", [survey.intro.text.get(language, "")])]
    for question in survey.questions:
        screens.append((question.key, [question.text.get(language, "")]
                        + [choice.text.get(language, "") for choice in question.choices()]))
    return screens


def survey_texts(survey: Questionnaire, language: str) -> list[str]:
    """Every text of a questionnaire a respondent may hear in ``language``: intro, questions and options."""
    return [text for _key, texts in survey_screens(survey, language) for text in texts if text.strip()]


def speaker_available() -> str | None:
    """Why clips cannot be made on this machine, or None when they can."""
    if shutil.which("espeak-ng") is None:
        return "espeak-ng is not installed (Debian: apt-get install espeak-ng opus-tools)"
    return None


@dataclass
class Made:
    made: int = 0
    present: int = 0
    failed: list[str] = field(default_factory=list)


def generate(wanted: Iterable[tuple[str, str]], folder: Path, jobs: int | None = None) -> Made:
    """Make the clip of every (language, text) that has a voice and no clip yet in ``folder``.

    Clips are Ogg Opus when opusenc is installed (a few kilobytes a sentence), WAV otherwise. Each is written
    to a temporary file and renamed, so a reader never sees half a clip.
    """
    folder.mkdir(parents=True, exist_ok=True)
    todo: dict[str, tuple[str, str]] = {}
    result = Made()
    for language, text in wanted:
        name = clip_name(language, text)
        if name is None or name in todo:
            continue
        if (folder / name).exists():
            result.present += 1
        else:
            todo[name] = (language, text)
    encode = shutil.which("opusenc")

    def make(item: tuple[str, tuple[str, str]]) -> str | None:
        name, (language, text) = item
        with tempfile.TemporaryDirectory(dir=folder) as work:
            wav = Path(work) / "clip.wav"
            said = subprocess.run(["espeak-ng", "-v", VOICES[language], "-s", str(SPEED), "-w", str(wav), "--", text],
                                  capture_output=True)
            if said.returncode or not wav.exists():
                return f"{language}: {text[:40]}: {said.stderr.decode(errors='replace').strip()}"
            out = wav
            if encode:
                out = Path(work) / "clip.ogg"
                coded = subprocess.run([encode, "--quiet", "--bitrate", "24", "--speech", str(wav), str(out)],
                                       capture_output=True)
                if coded.returncode:
                    out = wav
            os.replace(out, folder / name)
        return None

    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 2) as pool:
        for problem in pool.map(make, todo.items()):
            if problem:
                result.failed.append(problem)
            else:
                result.made += 1
    return result
