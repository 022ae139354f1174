"""Loading a questionnaire from YAML, reporting every problem at once with file, line and field."""

import os
import re
from pathlib import Path as FilePath
from typing import Any

from .labels import references as references_in
from .languages import LANGUAGES
from .messages import N_, Message
from .model import Intro, Option, Question, Questionnaire, Text
from .pictures import pictogram_names
from .problems import Problem, QuestionnaireError
from .source import MAX_BYTES, LineMap, Path, format_path, parse_yaml, read_text, too_big
from .types import QUESTION_TYPES

TOP_KEYS = {"id", "version", "title", "description", "languages", "intro", "questions"}
INTRO_KEYS = {"text", "audio"}
QUESTION_KEYS = {"key", "type", "text", "audio", "indicator", "picture"}
OPTION_KEYS = {"key", "text", "picture", "audio"}
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
KEY = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
#: the highest version number a questionnaire can have (the database stores it as an integer)
MAX_VERSION = 1_000_000
#: half a surrogate pair: no character, and no database or page can hold it
SURROGATE = re.compile("[\ud800-\udfff]")


class Checker:
    """Collects problems while a questionnaire is built, so that all of them are reported together."""

    def __init__(self, file: str, lines: LineMap, languages: list[str], base_dir: FilePath | None):
        self.file = file
        self.lines = lines
        self.languages = languages
        self.base_dir = base_dir
        self.problems: list[Problem] = []

    def problem(self, path: Path, message: Message) -> None:
        self.problems.append(Problem(self.file, self.lines.line(path), format_path(path), message))

    def mapping(self, value: Any, path: Path, allowed: set[str], what: str) -> dict:
        if not isinstance(value, dict):
            self.problem(path, what)
            return {}
        for key in value:
            if key == "required":
                self.problem((*path, key), N_("every question can be skipped in Vox; remove 'required'"))
            elif key not in allowed:
                self.problem((*path, key), N_("unknown key; expected one of %(keys)s", keys=sorted(allowed)))
        return value

    def text(self, value: Any, path: Path, question: str | None = None) -> Text:
        """A text per language: every language of the questionnaire, no other; ``question`` is the key of
        the question it belongs to, named when the text shows another answer."""
        if value is None:
            self.problem(path, N_("missing; give the text in every language"))
            return {}
        if not isinstance(value, dict):
            self.problem(path, N_("must give the text per language, e.g. 'en: ...'"))
            return {}
        text: Text = {}
        for lang, words in value.items():
            if lang not in self.languages:
                self.problem((*path, lang), N_("'%(code)s' is not one of the questionnaire's languages", code=lang))
            elif not isinstance(words, str) or not words.strip():
                self.problem((*path, lang), N_("empty %(language)s text", language=LANGUAGES[lang]))
            elif self.words((*path, lang), words, question):
                text[lang] = words.strip()
        for lang in self.languages:
            if lang not in value:
                self.problem(path, N_("no %(language)s text", language=LANGUAGES[lang]))
        return text

    def words(self, path: Path, words: str, question: str | None) -> bool:
        """Whether a text can be shown as it is: no half characters, no other answers to fill in."""
        if found := SURROGATE.search(words):
            self.problem(path, N_("contains a character that is not text (U+%(code)s); type the text again",
                                  code=format(ord(found.group()), "04X")))
            return False
        references = references_in(words)
        if references and question:
            self.problem(path, N_("the text of '%(question)s' shows %(references)s, an answer Vox cannot fill in; "
                                  "write the text out", question=question, references=references))
        elif references:
            self.problem(path, N_("shows %(references)s, an answer Vox cannot fill in; write the text out",
                                  references=references))
        return not references

    def audio(self, value: Any, path: Path) -> Text:
        """Audio files per language, relative to the questionnaire file."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(path, N_("must give an audio file per language, e.g. 'en: audio/en/q1.mp3'"))
            return {}
        audio: Text = {}
        for lang, ref in value.items():
            if lang not in self.languages:
                self.problem((*path, lang), N_("'%(code)s' is not one of the questionnaire's languages", code=lang))
            elif not isinstance(ref, str) or not ref.strip() or SURROGATE.search(ref):
                self.problem((*path, lang), N_("must be the name of an audio file"))
            elif self.base_dir and not _is_file(self.base_dir, ref):
                self.problem((*path, lang), N_("audio file '%(file)s' does not exist", file=ref))
            else:
                audio[lang] = ref.strip()
        return audio

    def picture(self, value: Any, path: Path, required: bool) -> str | None:
        if value is None:
            if required:
                self.problem(path, N_("missing; every option needs a pictogram"))
            return None
        if not isinstance(value, str) or value not in pictogram_names():
            self.problem(path, N_("picture '%(picture)s' does not exist in the pictogram set", picture=_shown(value)))
            return None
        return value

    def slug(self, value: Any, path: Path, pattern: re.Pattern, what: Message) -> str:
        if not isinstance(value, str) or not pattern.match(value):
            self.problem(path, N_("missing or not %(what)s", what=what) if value is None
                         else N_("'%(value)s' is not %(what)s", value=_shown(value), what=what))
            return str(value or "")
        return value


def _shown(value: Any) -> str:
    """A value as a problem quotes it: short, and only characters a page can show."""
    text = SURROGATE.sub("\ufffd", str(value))
    return text if len(text) <= 80 else text[:79] + "…"


def _is_file(base_dir: FilePath, ref: str) -> bool:
    """Whether an audio file is there; a name no file system takes (a NUL, too long) is not."""
    try:
        return (base_dir / ref).is_file()
    except (OSError, ValueError):
        return False


def load_questionnaire(source: str | FilePath | bytes, *, name: str | None = None,
                       base_dir: FilePath | None = None) -> Questionnaire:
    """Load a questionnaire from a path, or from bytes/text named ``name``.

    Raises QuestionnaireError listing every problem. Audio files are looked up under
    ``base_dir`` (the file's own folder when loading from a path).
    """
    if isinstance(source, FilePath):
        name = name or str(source)
        base_dir = base_dir or source.parent
        source = _read_file(source, name)
    name = name or "questionnaire.yaml"
    text, problems = read_text(source, name)
    if text is None:
        raise QuestionnaireError(problems)
    data, lines, problems = parse_yaml(text, name)
    if data is None and problems:
        raise QuestionnaireError(problems)
    return questionnaire_from_dict(data, name=name, lines=lines, base_dir=base_dir, problems=problems)


def _read_file(path: FilePath, name: str) -> bytes:
    """The file's bytes; a file bigger than a questionnaire may be is refused without reading it whole
    (it may never end: a device, a pipe)."""
    try:
        with path.open("rb") as handle:
            content = handle.read(MAX_BYTES + 1)
            if len(content) > MAX_BYTES:
                raise QuestionnaireError([too_big(name, max(len(content), os.fstat(handle.fileno()).st_size))])
            return content
    except OSError as exc:
        raise QuestionnaireError([Problem(name, None, "", N_("cannot read the file: %(reason)s",
                                                             reason=exc.strerror or str(exc)))]) from None


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
        checker.problem((), N_("must be a questionnaire: a mapping with id, title, languages, intro and questions"))
        raise QuestionnaireError(checker.problems)
    checker.mapping(data, (), TOP_KEYS, N_("must be a mapping"))
    if "languages" in data:
        _check_languages(data["languages"], checker)
    else:
        checker.problem(("languages",), N_("missing; list the language codes, e.g. [nl, fr, en]"))
    questionnaire = Questionnaire(
        id=checker.slug(data.get("id"), ("id",), SLUG, N_("a short name of lower-case letters, digits and -")),
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
    return [lang for lang in dict.fromkeys(lang for lang in raw if isinstance(lang, str)) if lang in LANGUAGES]


def _check_languages(raw: Any, checker: Checker) -> None:
    if not isinstance(raw, list) or not raw:
        checker.problem(("languages",), N_("must be a list of language codes, e.g. [nl, fr, en]"))
        return
    seen = set()
    for index, lang in enumerate(raw):
        if not isinstance(lang, str):
            checker.problem(("languages", index), N_("must be a language code such as nl, fr or en"))
        elif lang not in LANGUAGES:
            checker.problem(("languages", index), N_("'%(code)s' is not a language Vox knows (%(known)s)",
                                                     code=_shown(lang), known=list(LANGUAGES)))
        elif lang in seen:
            checker.problem(("languages", index), N_("'%(code)s' is listed twice", code=lang))
        else:
            seen.add(lang)


def _version(value: Any, checker: Checker) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_VERSION:
        checker.problem(("version",), N_("must be a whole number from 1 to %(highest)s", highest=MAX_VERSION))
        return 1
    return value


def _intro(raw: Any, checker: Checker) -> Intro:
    if raw is None:
        checker.problem(("intro",), N_("missing; say why we ask and that answers are anonymous"))
        return Intro(text={})
    raw = checker.mapping(raw, ("intro",), INTRO_KEYS, N_("must be a mapping with text (and audio)"))
    return Intro(text=checker.text(raw.get("text"), ("intro", "text")),
                 audio=checker.audio(raw.get("audio"), ("intro", "audio")))


def _questions(raw: Any, checker: Checker) -> list[Question]:
    if not isinstance(raw, list) or not raw:
        checker.problem(("questions",), N_("must be a list with at least one question"))
        return []
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(raw):
        question = _question(item, ("questions", index), checker)
        if question is None:
            continue
        if question.key in seen:
            first = seen[question.key]
            checker.problem(("questions", index, "key"), N_("key '%(key)s' is already used by questions[%(first)s]",
                                                            key=question.key, first=first))
        seen.setdefault(question.key, index)
        questions.append(question)
    return questions


def _question(raw: Any, path: Path, checker: Checker) -> Question | None:
    if not isinstance(raw, dict):
        checker.problem(path, N_("must be a question: a mapping with key, type and text"))
        return None
    kind = _question_type(raw.get("type"), (*path, "type"), checker)
    if kind is None:
        return None
    allowed = QUESTION_KEYS | set(kind.settings) | ({"options"} if kind.has_options else set())
    checker.mapping(raw, path, allowed, N_("must be a mapping"))
    settings = {}
    for key, setting in kind.settings.items():
        settings[key] = raw.get(key, setting.default)
        if (error := setting.check(settings[key])) is not None:
            checker.problem((*path, key), error)
    key = checker.slug(raw.get("key"), (*path, "key"), KEY, N_("a key of lower-case letters, digits and _"))
    question = Question(
        key=key,
        type=kind.name,
        text=checker.text(raw.get("text"), (*path, "text"), question=key),
        audio=checker.audio(raw.get("audio"), (*path, "audio")),
        indicator=_indicator(raw.get("indicator"), (*path, "indicator"), checker),
        picture=checker.picture(raw.get("picture"), (*path, "picture"), required=False),
        options=_options(raw.get("options"), (*path, "options"), checker, key) if kind.has_options else [],
        settings=settings,
    )
    kind.check(question, checker, path)
    return question


def _question_type(value: Any, path: Path, checker: Checker):
    """The type a question names; None (and a problem) when it names none or one Vox does not have."""
    if not isinstance(value, str) and value is not None:
        checker.problem(path, N_("must be one question type (%(types)s)", types=list(QUESTION_TYPES)))
        return None
    kind = QUESTION_TYPES.get(value) if value is not None else None
    if kind is None:
        checker.problem(path, N_("'%(type)s' is not a question type (%(types)s)", type=_shown(value),
                                 types=list(QUESTION_TYPES)))
    return kind


def _indicator(value: Any, path: Path, checker: Checker) -> str | None:
    return None if value is None else checker.slug(value, path, KEY,
                                                   N_("an indicator name of lower-case letters and _"))


def _options(raw: Any, path: Path, checker: Checker, question: str) -> list[Option]:
    if not isinstance(raw, list):
        checker.problem(path, N_("must be a list of options, each with key, picture and text"))
        return []
    options, seen = [], set()
    for index, item in enumerate(raw):
        at = (*path, index)
        item = checker.mapping(item, at, OPTION_KEYS, N_("must be an option: a mapping with key, picture and text"))
        if not item:
            continue
        key = checker.slug(item.get("key"), (*at, "key"), KEY, N_("a key of lower-case letters, digits and _"))
        if key in seen:
            checker.problem((*at, "key"), N_("option key '%(key)s' is used twice", key=key))
        seen.add(key)
        options.append(Option(key=key, text=checker.text(item.get("text"), (*at, "text"), question=question),
                              picture=checker.picture(item.get("picture"), (*at, "picture"), required=True),
                              audio=checker.audio(item.get("audio"), (*at, "audio"))))
    return options
