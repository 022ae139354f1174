"""Problems found in a questionnaire file: each says where (file, line, field path) and what."""

from dataclasses import dataclass

from .messages import Message


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    #: the field path inside the questionnaire, e.g. ``questions[2].options[1].text``
    path: str
    #: what is wrong, in English when printed; the app translates it (see surveys/messages.py)
    message: Message

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where} {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class QuestionnaireError(Exception):
    """A questionnaire could not be loaded; ``problems`` lists every reason at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class InvalidAnswer(ValueError):
    """A submitted answer does not fit its question; the message says why."""
