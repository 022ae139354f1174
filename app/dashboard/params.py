"""What a results page reads besides its records: the smallest group it may show, and the filters in its address."""

from datetime import date

from flask import current_app, request

from .report import Filters


def min_group() -> int:
    return current_app.config["VOX_MIN_GROUP"]


def filters_from_request() -> Filters:
    def day(name: str) -> date | None:
        try:
            return date.fromisoformat(request.args.get(name, ""))
        except ValueError:
            return None

    return Filters(start=day("start"), end=day("end"), language=request.args.get("language") or None,
                   mode=request.args.get("mode") or None)
