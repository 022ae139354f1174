"""Names between XLSForm and Vox: language columns both ways, and Vox keys made from XLSForm names."""

import re

from ..languages import LANGUAGES, language_from_name


def language_code(column_language: str) -> str | None:
    """The Vox code of a language as XLSForm columns name it: ``English (en)``, ``french``, ``Tigrigna``."""
    return language_from_name(column_language)


def vox_key(name: str, prefix: str) -> str:
    """A Vox key made from an XLSForm name: lower case, other characters as ``_``, starting with a letter."""
    key = re.sub(r"[^a-z0-9_]", "_", name.strip().lower())
    if not key[:1].isalpha():
        key = f"{prefix}{key}" if key.startswith("_") else f"{prefix}_{key}"
    return key[:63]


def unique_key(key: str, taken: set[str]) -> str:
    """``key``, or ``key_2``, ``key_3``... when it is taken; the key returned is taken from now on."""
    candidate, number = key, 2
    while candidate in taken:
        candidate, number = f"{key[:58]}_{number}", number + 1
    taken.add(candidate)
    return candidate


def language_column(code: str) -> str:
    """How an XLSForm names a language: ``English (en)``."""
    return f"{LANGUAGES[code].english} ({code})"
