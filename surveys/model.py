"""The questionnaire as Vox holds it in memory: plain data, no Flask, no database."""

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from .types import QuestionType

#: one text in several languages: language code -> text
Text = dict[str, str]


@dataclass
class Option:
    """One answer a respondent can pick in a ``pictures`` question."""

    key: str
    text: Text
    picture: str | None = None
    audio: Text = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return _without_empty({"key": self.key, "picture": self.picture, "text": self.text, "audio": self.audio})


@dataclass
class Choice:
    """What a respondent taps: the stored value, a picture, and its text per language."""

    value: str
    picture: str
    text: Text


@dataclass
class Question:
    key: str
    type: str
    text: Text
    audio: Text = field(default_factory=dict)
    #: an indicator this question feeds, e.g. the AMIF result indicator ``amif_helped_integration``
    indicator: str | None = None
    picture: str | None = None
    options: list[Option] = field(default_factory=list)
    #: settings of the question's type (``points`` of faces, ``multiple`` of pictures...), defaults filled in
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> "QuestionType":
        from .types import QUESTION_TYPES

        return QUESTION_TYPES[self.type]

    @property
    def answerable(self) -> bool:
        return self.kind.answerable

    def choices(self) -> list[Choice]:
        return self.kind.choices(self)

    def clean_answer(self, value: Any) -> list[str]:
        """The values to store for a submitted answer; raises InvalidAnswer when it does not fit."""
        return self.kind.clean_answer(self, value)

    def texts(self) -> list[tuple[str, Text]]:
        """Every visible text of the question with its field path."""
        found = [("text", self.text)]
        found += [(f"options[{i}].text", opt.text) for i, opt in enumerate(self.options)]
        return found

    def to_dict(self) -> dict[str, Any]:
        data = {"key": self.key, "type": self.type}
        data.update(self.kind.settings_to_dict(self))
        data.update(
            {
                "indicator": self.indicator,
                "picture": self.picture,
                "text": self.text,
                "audio": self.audio,
                "options": [opt.to_dict() for opt in self.options],
            }
        )
        return _without_empty(data)


@dataclass
class Intro:
    """The screen before the first question: why we ask, and that nobody can see who answered what."""

    text: Text
    audio: Text = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return _without_empty({"text": self.text, "audio": self.audio})


@dataclass
class Questionnaire:
    id: str
    version: int
    title: Text
    languages: list[str]
    intro: Intro
    questions: list[Question]
    description: Text = field(default_factory=dict)

    @cached_property
    def by_key(self) -> dict[str, Question]:
        return {q.key: q for q in self.questions}

    def question(self, key: str) -> Question | None:
        return self.by_key.get(key)

    @property
    def answerable_questions(self) -> list[Question]:
        return [q for q in self.questions if q.answerable]

    def texts(self) -> list[tuple[str, Text]]:
        """Every visible text with its field path, in file order."""
        found = [("title", self.title), ("intro.text", self.intro.text)]
        if self.description:
            found.append(("description", self.description))
        for index, question in enumerate(self.questions):
            found += [(f"questions[{index}].{path}", text) for path, text in question.texts()]
        return found

    def completeness(self, language: str) -> float:
        """Share of visible texts present in ``language`` (1.0 means complete)."""
        texts = self.texts()
        return sum(1 for _, text in texts if text.get(language, "").strip()) / len(texts)

    def to_dict(self) -> dict[str, Any]:
        return _without_empty(
            {
                "id": self.id,
                "version": self.version,
                "title": self.title,
                "description": self.description,
                "languages": list(self.languages),
                "intro": self.intro.to_dict(),
                "questions": [q.to_dict() for q in self.questions],
            }
        )

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False, width=100)


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, {}, [], "")}
