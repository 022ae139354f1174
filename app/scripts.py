"""The DOM helper every page script shares (static/js/dom.js): inlined before the kiosk's and the library's scripts."""

from functools import cache
from pathlib import Path

DOM_HELPER = Path(__file__).parent / "static" / "js" / "dom.js"


@cache
def dom_helper() -> str:
    """``one(selector, element)`` and ``all(selector, element)``, as script text."""
    return DOM_HELPER.read_text()
