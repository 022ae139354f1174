"""Question types: one class each, in one registry.

A type knows its own settings, how to check its definition, what a respondent can tap, and
which submitted values it accepts. The kiosk renders from ``choices()``, the submission API
stores what ``clean_answer()`` returns, and ``analysis/`` summarises by type.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from .messages import N_, Message
from .model import Choice, Question
from .problems import InvalidAnswer
from .scales import FACE_LABELS, FACES_FOR_POINTS, THUMB_TEXTS

if TYPE_CHECKING:
    from .loader import Checker


@dataclass(frozen=True)
class Setting:
    """A type-specific key of a question, e.g. ``points: 5`` of a faces question."""

    default: Any
    allowed: tuple = ()
    kind: type = int

    def check(self, value: Any) -> Message | None:
        if self.kind is bool and not isinstance(value, bool):
            return N_("must be true or false")
        if self.kind is int and (not isinstance(value, int) or isinstance(value, bool)):
            return N_("must be a whole number")
        if self.allowed and value not in self.allowed:
            return N_("must be one of %(values)s", values=[str(a) for a in self.allowed])
        return None


class QuestionType:
    name: ClassVar[str]
    #: False for screens that show something and ask nothing
    answerable: ClassVar[bool] = True
    #: an ordered scale, used by the quality indicators (ceiling, straight-lining)
    scale: ClassVar[bool] = False
    #: whether the file lists the options (``options:``)
    has_options: ClassVar[bool] = False
    #: how analysis/ summarises the answers: "scale", "choice", "comments", or None for no answers
    summary: ClassVar[str | None] = "choice"
    settings: ClassVar[dict[str, Setting]] = {}

    def check(self, question: Question, checker: "Checker", path: tuple) -> None:
        """Report problems of a definition beyond the common keys."""

    def choices(self, question: Question) -> list[Choice]:
        return []

    def clean_answer(self, question: Question, value: Any) -> list[str]:
        values = value if isinstance(value, list) else [value]
        allowed = {choice.value for choice in self.choices(question)}
        if len(values) != 1:
            raise InvalidAnswer("expects exactly one value")
        if not isinstance(values[0], str | int) or isinstance(values[0], bool) or str(values[0]) not in allowed:
            raise InvalidAnswer(f"{values[0]!r} is not one of the options ({', '.join(sorted(allowed))})")
        return [str(values[0])]

    def settings_to_dict(self, question: Question) -> dict[str, Any]:
        """The settings that differ from the defaults, for writing the file back."""
        return {k: v for k, v in question.settings.items() if v != self.settings[k].default}


class Faces(QuestionType):
    """A scale of 3 or 5 faces, worst to best; stored as "1".."5" (3 points use faces 1, 3 and 5).

    ``labels: extent`` words the faces "not at all" to "very much", for questions about how much something
    helped; the default words them "very bad" to "very good".
    """

    name = "faces"
    scale = True
    summary = "scale"
    settings = {"points": Setting(5, (3, 5)), "labels": Setting("quality", tuple(FACE_LABELS), kind=str)}

    def choices(self, question):
        words = FACE_LABELS[question.settings["labels"]]
        return [Choice(str(face), f"face-{face}", words[face])
                for face in FACES_FOR_POINTS[question.settings["points"]]]


class Thumbs(QuestionType):
    """Yes or no, with an optional "don't know"."""

    name = "thumbs"
    settings = {"dont_know": Setting(False, kind=bool)}

    def choices(self, question):
        found = [Choice("yes", "thumb-up", THUMB_TEXTS["yes"]), Choice("no", "thumb-down", THUMB_TEXTS["no"])]
        if question.settings["dont_know"]:
            found.append(Choice("dont_know", "dont-know", THUMB_TEXTS["dont_know"]))
        return found


class Pictures(QuestionType):
    """Pick one (or, with ``multiple: true``, several) options, each a pictogram with a label."""

    name = "pictures"
    has_options = True
    settings = {"multiple": Setting(False, kind=bool)}

    def check(self, question, checker, path):
        if len(question.options) < 2:
            checker.problem((*path, "options"), N_("a pictures question needs at least two options"))

    def choices(self, question):
        return [Choice(opt.key, opt.picture or "", opt.text) for opt in question.options]

    def clean_answer(self, question, value):
        if not question.settings["multiple"]:
            return super().clean_answer(question, value)
        values = value if isinstance(value, list) else [value]
        allowed = [choice.value for choice in self.choices(question)]
        if not values:
            raise InvalidAnswer("expects at least one option")
        for item in values:
            if not isinstance(item, str) or item not in allowed:
                raise InvalidAnswer(f"{item!r} is not one of the options ({', '.join(allowed)})")
        if len(set(values)) != len(values):
            raise InvalidAnswer("an option is given twice")
        return [v for v in allowed if v in values]


class FreeText(QuestionType):
    """An optional free comment."""

    name = "text"
    summary = "comments"
    settings = {"max_length": Setting(500, kind=int)}

    def check(self, question, checker, path):
        if not 1 <= question.settings["max_length"] <= 2000:
            checker.problem((*path, "max_length"), N_("must be between 1 and 2000"))

    def clean_answer(self, question, value):
        if not isinstance(value, str):
            raise InvalidAnswer("expects text")
        text = value.strip()
        if not text:
            raise InvalidAnswer("is empty; leave the question out to skip it")
        if len(text) > question.settings["max_length"]:
            raise InvalidAnswer(f"is longer than {question.settings['max_length']} characters")
        if any(ord(ch) < 32 and ch not in "\n\t" for ch in text):
            raise InvalidAnswer("contains control characters")
        return [text]


class Info(QuestionType):
    """A screen with a text and a picture; asks nothing."""

    name = "info"
    answerable = False
    summary = None

    def clean_answer(self, question, value):
        raise InvalidAnswer("is an information screen and takes no answer")


QUESTION_TYPES: dict[str, QuestionType] = {cls.name: cls() for cls in (Faces, Thumbs, Pictures, FreeText, Info)}
