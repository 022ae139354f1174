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
#: the longest whole number read from a submission; a longer one cannot be an answer and is refused, not converted
MAX_NUMBER_DIGITS = 30


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
    _refuse_unreadable(data)
    unknown = sorted(set(data) - ALLOWED_KEYS)
    if unknown:
        raise SubmissionError(unknown[0], "unknown field")
    return Submission(
        id=_response_id(data.get("id")),
        language=_language(data.get("language"), languages),
        day=_day(data.get("day"), today),
        values=_answers(data.get("answers"), survey),
    )


class _HugeNumber(str):
    """A number too long to be any answer, kept as its digits so that the field holding it can be named."""


def _number(digits: str) -> int | _HugeNumber:
    return _HugeNumber(digits) if len(digits.lstrip("-")) > MAX_NUMBER_DIGITS else int(digits)


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"), parse_int=_number)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise SubmissionError("body", "is not valid JSON") from None
    if not isinstance(data, dict):
        raise SubmissionError("body", "must be a JSON object")
    return data


def _refuse_unreadable(data: dict[str, Any]) -> None:
    """Refuse a number too long to read or text that is not text (a lone surrogate), naming its field."""
    for key, value in data.items():
        _check_value("body", key)
        if key == "answers" and isinstance(value, dict):
            for question, answer in value.items():
                _check_value("answers", question)
                _check_value(f"answers.{question}", answer)
        else:
            _check_value(key, value)


def _check_value(field: str, value: Any) -> None:
    """Walk the value (a loop, not recursion: JSON may nest as deep as the parser allowed)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, _HugeNumber):
            raise SubmissionError(field, f"is a number longer than {MAX_NUMBER_DIGITS} digits")
        if isinstance(item, str) and not _is_text(item):
            raise SubmissionError(field, "contains characters that are not text (half of a surrogate pair)")
        if isinstance(item, list):
            pending += item
        elif isinstance(item, dict):
            pending += [*item.keys(), *item.values()]


def _is_text(value: str) -> bool:
    """Whether a string can be stored and shown: no half of a surrogate pair."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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
