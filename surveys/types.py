"""Question types: one class each, in one registry.

A type knows its own settings, how to check its definition, what a respondent can tap, and
which submitted values it accepts. The kiosk renders from ``choices()``, the submission API
stores what ``clean_answer()`` returns, and ``analysis/`` summarises by its ``summary``. It also
carries what staff call it, the questions the editor offers to add, its XLSForm type, and the name
of its template partials in the app (``app/kiosk/templates/kiosk/types/<partial>.html`` and the
like): a new type is one class here and its partials there.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
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


class SummaryKind(StrEnum):
    """How analysis/ summarises a type's answers. The values are strings, so a template may compare with "scale"."""

    #: ordered faces: their distribution, a mean score and the share of happy faces
    SCALE = "scale"
    #: the distribution of the options
    CHOICE = "choice"
    #: free texts, listed as they are
    COMMENTS = "comments"
    #: a screen that asks nothing
    NONE = "none"


@dataclass(frozen=True)
class Preset:
    """A question the editor's "Add a question" offers: how staff see it, and the settings it starts with."""

    #: the value the editor's form sends (``faces5``)
    key: str
    #: the English label, translated by the app (``N_``)
    label: Message
    settings: Mapping[str, Any] = field(default_factory=dict)


class QuestionType:
    name: ClassVar[str]
    #: what staff call the type, in English (translated by the app)
    label: ClassVar[Message]
    #: the questions of this type the editor offers to add, in the order it lists them
    presets: ClassVar[tuple[Preset, ...]] = ()
    #: False for screens that show something and ask nothing
    answerable: ClassVar[bool] = True
    #: an ordered scale, used by the quality indicators (ceiling, straight-lining)
    scale: ClassVar[bool] = False
    #: whether the file lists the options (``options:``)
    has_options: ClassVar[bool] = False
    #: how analysis/ summarises the answers
    summary: ClassVar[SummaryKind] = SummaryKind.CHOICE
    settings: ClassVar[dict[str, Setting]] = {}

    @property
    def partial(self) -> str:
        """The name of the type's template partials in the app: the kiosk's screen, the paper form, data entry."""
        return self.name

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

    def tap_moves_on(self, question: Question) -> bool:
        """Whether tapping an answer answers the question and shows the next screen (else a "Next" button does)."""
        return True

    def positive_values(self, question: Question) -> set[str]:
        """The answers that say something is good or helped (the AMIF indicator counts them); none by default."""
        return set()

    def xlsform_list(self, question: Question) -> str | None:
        """The name of the XLSForm choice list of the question, or None for a type without choices."""
        return None

    def xlsform_type(self, question: Question) -> str:
        """The question's XLSForm type: ``select_one <list>`` unless the type says otherwise."""
        return f"select_one {self.xlsform_list(question)}"


class Faces(QuestionType):
    """A scale of 3 or 5 faces, worst to best; stored as "1".."5" (3 points use faces 1, 3 and 5).

    ``labels: extent`` words the faces "not at all" to "very much", for questions about how much something
    helped; the default words them "very bad" to "very good".
    """

    name = "faces"
    label = N_("Faces")
    presets = (
        Preset("faces5", N_("Faces, 5 points (very bad to very good)"), {"points": 5}),
        Preset("faces3", N_("Faces, 3 points (bad, so-so, good)"), {"points": 3}),
        Preset("extent5", N_("Faces, 5 points (not at all to very much)"), {"points": 5, "labels": "extent"}),
    )
    scale = True
    summary = SummaryKind.SCALE
    settings = {"points": Setting(5, (3, 5)), "labels": Setting("quality", tuple(FACE_LABELS), kind=str)}
    #: the words of the XLSForm list names: ``vox_faces5``, ``vox_extent3``
    LIST_WORDS = {"quality": "faces", "extent": "extent"}

    def choices(self, question):
        words = FACE_LABELS[question.settings["labels"]]
        return [Choice(str(face), f"face-{face}", words[face])
                for face in FACES_FOR_POINTS[question.settings["points"]]]

    def positive_values(self, question):
        """Faces above the middle one: the two best of five, the best of three."""
        values = [choice.value for choice in self.choices(question)]
        return set(values[len(values) // 2 + 1:])

    def xlsform_list(self, question):
        return f"vox_{self.LIST_WORDS.get(question.settings['labels'], 'faces')}{question.settings['points']}"

    def list_settings(self, list_name: str) -> dict[str, Any] | None:
        """The points and words of a Vox list name (``vox_extent3``: 3 points, "extent"), or None for another."""
        found = re.fullmatch(r"vox_([a-z]+)([1-9][0-9]*)", list_name)
        labels = {word: labels for labels, word in self.LIST_WORDS.items()}.get(found.group(1)) if found else None
        if labels is None or int(found.group(2)) not in self.settings["points"].allowed:
            return None
        return {"points": int(found.group(2)), "labels": labels}


class Thumbs(QuestionType):
    """Yes or no, with an optional "don't know"."""

    name = "thumbs"
    label = N_("Thumbs")
    presets = (
        Preset("thumbs", N_("Thumbs: yes or no")),
        Preset("thumbs_dont_know", N_("Thumbs: yes, no or don't know"), {"dont_know": True}),
    )
    settings = {"dont_know": Setting(False, kind=bool)}

    def choices(self, question):
        found = [Choice("yes", "thumb-up", THUMB_TEXTS["yes"]), Choice("no", "thumb-down", THUMB_TEXTS["no"])]
        if question.settings["dont_know"]:
            found.append(Choice("dont_know", "dont-know", THUMB_TEXTS["dont_know"]))
        return found

    def positive_values(self, question):
        return {"yes"}

    def xlsform_list(self, question):
        return "vox_thumbs_dk" if question.settings["dont_know"] else "vox_thumbs"


class Pictures(QuestionType):
    """Pick one (or, with ``multiple: true``, several) options, each a pictogram with a label."""

    name = "pictures"
    label = N_("Pictures")
    presets = (
        Preset("pictures", N_("Pictures: pick one")),
        Preset("pictures_multiple", N_("Pictures: pick one or more"), {"multiple": True}),
    )
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

    def tap_moves_on(self, question):
        return not question.settings["multiple"]

    def xlsform_list(self, question):
        return f"options_{question.key}"

    def xlsform_type(self, question):
        return f"{'select_multiple' if question.settings['multiple'] else 'select_one'} {self.xlsform_list(question)}"


class FreeText(QuestionType):
    """An optional free comment."""

    name = "text"
    label = N_("Free comment")
    presets = (Preset("text", N_("Free comment (typed)")),)
    summary = SummaryKind.COMMENTS
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

    def tap_moves_on(self, question):
        return False

    def xlsform_type(self, question):
        return "text"


class Info(QuestionType):
    """A screen with a text and a picture; asks nothing."""

    name = "info"
    label = N_("Information screen")
    presets = (Preset("info", N_("Information screen (asks nothing)")),)
    answerable = False
    summary = SummaryKind.NONE

    def clean_answer(self, question, value):
        raise InvalidAnswer("is an information screen and takes no answer")

    def tap_moves_on(self, question):
        return False

    def xlsform_type(self, question):
        return "note"


QUESTION_TYPES: dict[str, QuestionType] = {cls.name: cls() for cls in (Faces, Thumbs, Pictures, FreeText, Info)}
#: every question the editor offers to add, by its key, in the order of the types
PRESETS: dict[str, tuple[QuestionType, Preset]] = {
    preset.key: (kind, preset) for kind in QUESTION_TYPES.values() for preset in kind.presets}
