"""Loading a questionnaire from YAML, reporting every problem at once with file, line and field."""

import re
from pathlib import Path as FilePath
from typing import Any

from .languages import LANGUAGES, language_name
from .model import Intro, Option, Question, Questionnaire, Text
from .pictures import pictogram_names
from .problems import Problem, QuestionnaireError
from .source import LineMap, Path, format_path, parse_yaml, read_text
from .types import QUESTION_TYPES

TOP_KEYS = {"id", "version", "title", "description", "languages", "intro", "questions"}
INTRO_KEYS = {"text", "audio"}
QUESTION_KEYS = {"key", "type", "text", "audio", "indicator", "picture"}
OPTION_KEYS = {"key", "text", "picture", "audio"}
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
KEY = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


class Checker:
    """Collects problems while a questionnaire is built, so that all of them are reported together."""

    def __init__(self, file: str, lines: LineMap, languages: list[str], base_dir: FilePath | None):
        self.file = file
        self.lines = lines
        self.languages = languages
        self.base_dir = base_dir
        self.problems: list[Problem] = []

    def problem(self, path: Path, message: str) -> None:
        self.problems.append(Problem(self.file, self.lines.line(path), format_path(path), message))

    def mapping(self, value: Any, path: Path, allowed: set[str], what: str) -> dict:
        if not isinstance(value, dict):
            self.problem(path, f"must be {what}")
            return {}
        for key in value:
            if key == "required":
                self.problem((*path, key), "every question can be skipped in Vox; remove 'required'")
            elif key not in allowed:
                self.problem((*path, key), f"unknown key; expected one of {', '.join(sorted(allowed))}")
        return value

    def text(self, value: Any, path: Path) -> Text:
        """A text per language: every language of the questionnaire, no other."""
        if value is None:
            self.problem(path, "missing; give the text in every language")
            return {}
        if not isinstance(value, dict):
            self.problem(path, "must give the text per language, e.g. 'en: ...'")
            return {}
        text: Text = {}
        for lang, words in value.items():
            if lang not in self.languages:
                self.problem((*path, lang), f"'{lang}' is not one of the questionnaire's languages")
            elif not isinstance(words, str) or not words.strip():
                self.problem((*path, lang), f"empty {language_name(lang)} text")
            else:
                text[lang] = words.strip()
        for lang in self.languages:
            if lang not in value:
                self.problem(path, f"no {language_name(lang)} text")
        return text

    def audio(self, value: Any, path: Path) -> Text:
        """Audio files per language, relative to the questionnaire file."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(path, "must give an audio file per language, e.g. 'en: audio/en/q1.mp3'")
            return {}
        audio: Text = {}
        for lang, ref in value.items():
            if lang not in self.languages:
                self.problem((*path, lang), f"'{lang}' is not one of the questionnaire's languages")
            elif not isinstance(ref, str) or not ref.strip():
                self.problem((*path, lang), "must be the name of an audio file")
            elif self.base_dir and not (self.base_dir / ref).is_file():
                self.problem((*path, lang), f"audio file '{ref}' does not exist")
            else:
                audio[lang] = ref.strip()
        return audio

    def picture(self, value: Any, path: Path, required: bool) -> str | None:
        if value is None:
            if required:
                self.problem(path, "missing; every option needs a pictogram")
            return None
        if not isinstance(value, str) or value not in pictogram_names():
            self.problem(path, f"picture '{value}' does not exist in the pictogram set")
            return None
        return value

    def slug(self, value: Any, path: Path, pattern: re.Pattern, what: str) -> str:
        if not isinstance(value, str) or not pattern.match(value):
            self.problem(path, f"missing or not {what}" if value is None else f"'{value}' is not {what}")
            return str(value or "")
        return value


def load_questionnaire(source: str | FilePath | bytes, *, name: str | None = None,
                       base_dir: FilePath | None = None) -> Questionnaire:
    """Load a questionnaire from a path, or from bytes/text named ``name``.

    Raises QuestionnaireError listing every problem. Audio files are looked up under
    ``base_dir`` (the file's own folder when loading from a path).
    """
    if isinstance(source, FilePath):
        name = name or str(source)
        base_dir = base_dir or source.parent
        try:
            source = source.read_bytes()
        except OSError as exc:
            raise QuestionnaireError([Problem(name, None, "", f"cannot read the file: {exc.strerror}")]) from None
    name = name or "questionnaire.yaml"
    text, problems = read_text(source, name)
    if text is None:
        raise QuestionnaireError(problems)
    data, lines, problems = parse_yaml(text, name)
    if data is None and problems:
        raise QuestionnaireError(problems)
    return questionnaire_from_dict(data, name=name, lines=lines, base_dir=base_dir, problems=problems)


def check_questionnaire(source: str | FilePath | bytes, **kwargs) -> list[Problem]:
    """Every problem of a questionnaire file; an empty list when it is fine."""
    try:
        load_questionnaire(source, **kwargs)
    except QuestionnaireError as exc:
        return exc.problems
    return []


def questionnaire_from_dict(data: Any, *, name: str = "questionnaire", lines: LineMap | None = None,
                            base_dir: FilePath | None = None, problems: list[Problem] | None = None) -> Questionnaire:
    """Build and check a questionnaire from plain data (parsed YAML, an import, the database)."""
    lines = lines or LineMap()
    languages = _languages(data, name, lines)
    checker = Checker(name, lines, languages, base_dir)
    checker.problems = list(problems or [])
    if not isinstance(data, dict):
        checker.problem((), "must be a questionnaire: a mapping with id, title, languages, intro and questions")
        raise QuestionnaireError(checker.problems)
    checker.mapping(data, (), TOP_KEYS, "a mapping")
    if "languages" in data:
        _check_languages(data["languages"], checker)
    else:
        checker.problem(("languages",), "missing; list the language codes, e.g. [nl, fr, en]")
    questionnaire = Questionnaire(
        id=checker.slug(data.get("id"), ("id",), SLUG, "a short name of lower-case letters, digits and -"),
        version=_version(data.get("version", 1), checker),
        title=checker.text(data.get("title"), ("title",)),
        description=checker.text(data["description"], ("description",)) if "description" in data else {},
        languages=languages,
        intro=_intro(data.get("intro"), checker),
        questions=_questions(data.get("questions"), checker),
    )
    if checker.problems:
        raise QuestionnaireError(checker.problems)
    return questionnaire


def _languages(data: Any, name: str, lines: LineMap) -> list[str]:
    raw = data.get("languages") if isinstance(data, dict) else None
    if not isinstance(raw, list):
        return []
    return [lang for lang in dict.fromkeys(raw) if isinstance(lang, str) and lang in LANGUAGES]


def _check_languages(raw: Any, checker: Checker) -> None:
    if not isinstance(raw, list) or not raw:
        checker.problem(("languages",), "must be a list of language codes, e.g. [nl, fr, en]")
        return
    seen = set()
    for index, lang in enumerate(raw):
        if lang not in LANGUAGES:
            known = ", ".join(LANGUAGES)
            checker.problem(("languages", index), f"'{lang}' is not a language Vox knows ({known})")
        elif lang in seen:
            checker.problem(("languages", index), f"'{lang}' is listed twice")
        seen.add(lang)


def _version(value: Any, checker: Checker) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        checker.problem(("version",), "must be a whole number from 1 up")
        return 1
    return value


def _intro(raw: Any, checker: Checker) -> Intro:
    if raw is None:
        checker.problem(("intro",), "missing; say why we ask and that answers are anonymous")
        return Intro(text={})
    raw = checker.mapping(raw, ("intro",), INTRO_KEYS, "a mapping with text (and audio)")
    return Intro(text=checker.text(raw.get("text"), ("intro", "text")),
                 audio=checker.audio(raw.get("audio"), ("intro", "audio")))


def _questions(raw: Any, checker: Checker) -> list[Question]:
    if not isinstance(raw, list) or not raw:
        checker.problem(("questions",), "must be a list with at least one question")
        return []
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(raw):
        question = _question(item, ("questions", index), checker)
        if question is None:
            continue
        if question.key in seen:
            first = seen[question.key]
            checker.problem(("questions", index, "key"), f"key '{question.key}' is already used by questions[{first}]")
        seen.setdefault(question.key, index)
        questions.append(question)
    return questions


def _question(raw: Any, path: Path, checker: Checker) -> Question | None:
    if not isinstance(raw, dict):
        checker.problem(path, "must be a question: a mapping with key, type and text")
        return None
    kind = QUESTION_TYPES.get(raw.get("type"))
    if kind is None:
        checker.problem((*path, "type"), f"'{raw.get('type')}' is not a question type ({', '.join(QUESTION_TYPES)})")
        return None
    allowed = QUESTION_KEYS | set(kind.settings) | ({"options"} if kind.has_options else set())
    checker.mapping(raw, path, allowed, "a mapping")
    settings = {}
    for key, setting in kind.settings.items():
        settings[key] = raw.get(key, setting.default)
        if (error := setting.check(settings[key])) is not None:
            checker.problem((*path, key), error)
    question = Question(
        key=checker.slug(raw.get("key"), (*path, "key"), KEY, "a key of lower-case letters, digits and _"),
        type=kind.name,
        text=checker.text(raw.get("text"), (*path, "text")),
        audio=checker.audio(raw.get("audio"), (*path, "audio")),
        indicator=_indicator(raw.get("indicator"), (*path, "indicator"), checker),
        picture=checker.picture(raw.get("picture"), (*path, "picture"), required=False),
        options=_options(raw.get("options"), (*path, "options"), checker) if kind.has_options else [],
        settings=settings,
    )
    kind.check(question, checker, path)
    return question


def _indicator(value: Any, path: Path, checker: Checker) -> str | None:
    return None if value is None else checker.slug(value, path, KEY, "an indicator name of lower-case letters and _")


def _options(raw: Any, path: Path, checker: Checker) -> list[Option]:
    if not isinstance(raw, list):
        checker.problem(path, "must be a list of options, each with key, picture and text")
        return []
    options, seen = [], set()
    for index, item in enumerate(raw):
        at = (*path, index)
        item = checker.mapping(item, at, OPTION_KEYS, "an option: a mapping with key, picture and text")
        if not item:
            continue
        key = checker.slug(item.get("key"), (*at, "key"), KEY, "a key of lower-case letters, digits and _")
        if key in seen:
            checker.problem((*at, "key"), f"option key '{key}' is used twice")
        seen.add(key)
        options.append(Option(key=key, text=checker.text(item.get("text"), (*at, "text")),
                              picture=checker.picture(item.get("picture"), (*at, "picture"), required=True),
                              audio=checker.audio(item.get("audio"), (*at, "audio"))))
    return options
