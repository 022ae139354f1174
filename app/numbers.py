"""Whole numbers read from addresses, query strings and forms, bounded to what the database can hold.

``str.isdigit()`` says yes to "²" and Python reads thousands of digits; PostgreSQL's INTEGER stops at
2**31 - 1 and SQLite's at 2**63 - 1. A number outside that range names no record: it is read as no
number at all, so that a page answers "not found" or ignores it instead of failing.
"""

from flask import Flask, request
from werkzeug.routing import IntegerConverter, Map, ValidationError

#: the largest id any table can hold (PostgreSQL INTEGER)
MAX_ID = 2**31 - 1


def whole_number(text: str | None, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """The number ``text`` writes in ASCII digits, if it lies between ``minimum`` and ``maximum``; else None."""
    if not text or not text.isascii() or not text.isdigit() or len(text) > len(str(maximum)):
        return None
    number = int(text)
    return number if minimum <= number <= maximum else None


def query_number(name: str, default: int | None = None, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """The whole number in the query string's ``name``; ``default`` when it is absent or not such a number."""
    number = whole_number(request.args.get(name), minimum, maximum)
    return default if number is None else number


class IdConverter(IntegerConverter):
    """``<int:...>`` in every route: only ASCII digits, at most ``MAX_ID``; anything else is a 404."""

    regex = r"[0-9]+"

    def __init__(self, map: Map, fixed_digits: int = 0, min: int | None = None, max: int | None = MAX_ID,
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)

    def to_python(self, value: str) -> int:
        if len(value.lstrip("-")) > len(str(self.max)):
            raise ValidationError()
        return super().to_python(value)


def register(app: Flask) -> None:
    """Before any route is added: routes compile their converters when they are registered."""
    app.url_map.converters["int"] = IdConverter
