"""Checking a respondent's submission before anything of it is stored."""

import json
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import surveys

#: the largest submission body accepted; a full response with long comments stays far below it
MAX_SUBMISSION_BYTES = 64 * 1024
ALLOWED_KEYS = {"id", "language", "day", "answers"}


class SubmissionError(ValueError):
    """A submission that cannot be stored; ``field`` says which part is wrong."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class Submission:
    id: uuid.UUID
    language: str
    day: date
    #: (question key, position, value) for every value to store
    values: list[tuple[str, int, str]]


def parse_submission(body: bytes, survey: surveys.Questionnaire, languages: list[str], today: date) -> Submission:
    """Parse and check a submission against the round's questionnaire; raise SubmissionError naming the field."""
    data = _json_object(body)
    unknown = sorted(set(data) - ALLOWED_KEYS)
    if unknown:
        raise SubmissionError(unknown[0], "unknown field")
    return Submission(
        id=_response_id(data.get("id")),
        language=_language(data.get("language"), languages),
        day=_day(data.get("day"), today),
        values=_answers(data.get("answers"), survey),
    )


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise SubmissionError("body", "is not valid JSON") from None
    if not isinstance(data, dict):
        raise SubmissionError("body", "must be a JSON object")
    return data


def _response_id(value: Any) -> uuid.UUID:
    try:
        parsed = uuid.UUID(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.version != 4 or str(parsed) != value.lower():
        raise SubmissionError("id", "must be a random UUID (version 4) made by the browser")
    return parsed


def _language(value: Any, languages: list[str]) -> str:
    if value not in languages:
        raise SubmissionError("language", "is not a language offered in this round")
    return value


def _day(value: Any, today: date) -> date:
    """The day the response was made; absent means today. A day far from today is refused."""
    if value is None:
        return today
    try:
        day = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise SubmissionError("day", "must be a date like 2026-05-31")
    if not today - timedelta(days=366) <= day <= today + timedelta(days=1):
        raise SubmissionError("day", "is too far from today")
    return min(day, today)


def _answers(value: Any, survey: surveys.Questionnaire) -> list[tuple[str, int, str]]:
    if value is None:
        return []
    if not isinstance(value, dict):
        raise SubmissionError("answers", "must be an object of question keys and answers")
    values = []
    for key, answer in value.items():
        question = survey.question(key)
        if question is None or not question.answerable:
            raise SubmissionError(f"answers.{key}", "is not a question of this round")
        try:
            cleaned = question.clean_answer(answer)
        except surveys.InvalidAnswer as exc:
            raise SubmissionError(f"answers.{key}", str(exc)) from None
        values += [(key, position, item) for position, item in enumerate(cleaned)]
    return values
