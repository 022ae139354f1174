"""How staff see languages and questionnaire texts: in their own interface language, with each language's own name."""

from pathlib import Path

from flask_babel import get_locale

import surveys

from ..locale import babel_locale
from ..scripts import dom_helper

#: the library's page scripts, inlined into its pages (not served on their own)
STATIC = Path(__file__).parent / "static"


def script(*names: str) -> str:
    """The library's page scripts ``names`` after the DOM helper they share, as the text of one inline script."""
    return dom_helper() + "".join((STATIC / name).read_text() for name in names)


def language_label(code: str) -> str:
    """A language named in the staff member's interface language, with its own name beside it."""
    language = surveys.LANGUAGES.get(code)
    names = get_locale().languages
    local = names.get(code) or names.get(babel_locale(code)) or surveys.language_name(code)
    return f"{local[:1].upper()}{local[1:]} · {language.endonym}" if language and language.endonym != local else local


def display_text(text: dict[str, str], fallback: str = "") -> str:
    """A questionnaire text in the staff member's language when it has one, else in English or its first."""
    return text.get(str(get_locale())) or text.get("en") or next(iter(text.values()), fallback)
