"""The languages a questionnaire can be offered in, each named in its own script."""

import re
from dataclasses import dataclass
from functools import lru_cache

import langcodes


@dataclass(frozen=True)
class Language:
    code: str
    #: the language's name in its own script, shown to respondents (never a flag)
    endonym: str
    #: the English name, used in messages to staff and in reports
    english: str
    rtl: bool = False


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in [
        Language("nl", "Nederlands", "Dutch"),
        Language("fr", "Français", "French"),
        Language("de", "Deutsch", "German"),
        Language("en", "English", "English"),
        Language("ar", "العربية", "Arabic", rtl=True),
        Language("prs", "دری", "Dari", rtl=True),
        Language("fa", "فارسی", "Persian", rtl=True),
        Language("ps", "پښتو", "Pashto", rtl=True),
        Language("ti", "ትግርኛ", "Tigrinya"),
        Language("so", "Soomaali", "Somali"),
        Language("uk", "Українська", "Ukrainian"),
        Language("ru", "Русский", "Russian"),
        Language("tr", "Türkçe", "Turkish"),
        Language("es", "Español", "Spanish"),
        Language("kmr", "Kurdî (Kurmancî)", "Kurdish (Kurmanji)"),
    ]
}

#: the languages every questionnaire of the library is complete in: all of them
LIBRARY_LANGUAGES = tuple(LANGUAGES)


def language_name(code: str) -> str:
    """English name of a language code, or the code itself when Vox does not know it."""
    lang = LANGUAGES.get(code)
    return lang.english if lang else code


def is_rtl(code: str) -> bool:
    lang = LANGUAGES.get(code)
    return bool(lang and lang.rtl)


#: how other tools misspell a language, beyond what the language register knows
MISSPELLINGS = {"tigirigna": "ti", "tigrina": "ti", "kurmanci": "kmr", "kurmandji": "kmr"}
#: registered languages that Vox offers under another code: Pashto's varieties, Dari (Persian of Afghanistan)
VOX_CODES = {"pbt": "ps", "pbu": "ps", "pst": "ps", "fa-AF": "prs"}


@lru_cache(maxsize=512)
def language_from_name(name: str) -> str | None:
    """The code of the language Vox offers that ``name`` means, or None.

    ``name`` is how another tool writes a language: a code (``nl``, ``tir``, ``fa-AF``), a name in
    English, in the language itself or in another (``Farsi``, ``ትግርኛ``, ``Néerlandais``), or both
    (``Dari (fa-AF)``, ``Kurdish (Kurmanji)``). The language register (langcodes, offline) reads it;
    a language it knows that Vox does not offer (``Kurdish (Sorani)``) is None, never a neighbour.
    """
    name = " ".join(name.split())
    if (code := _vox_name(name)) is not None:
        return code
    if match := re.fullmatch(r"(.+?)\s*\(([^()]+)\)", name):
        outer, inner = match.groups()
        found = _registered(inner)
        return _offered(found) if found is not None else language_from_name(outer)
    return _offered(_registered(name))


def _vox_name(name: str) -> str | None:
    """The code when ``name`` is one of Vox's own codes or names, or a known misspelling."""
    lowered = name.casefold()
    for lang in LANGUAGES.values():
        if lowered in (lang.code, lang.english.casefold(), lang.endonym.casefold()):
            return lang.code
    return MISSPELLINGS.get(lowered)


def _registered(text: str) -> langcodes.Language | None:
    """The registered language that a code or a name stands for."""
    try:
        tag = langcodes.Language.get(text)
        if tag.is_valid() and tag.language:
            return tag
    except ValueError:  # not a language tag: maybe a name
        pass
    try:
        return langcodes.find(text)
    except (LookupError, ValueError):
        code = MISSPELLINGS.get(text.casefold())
        return langcodes.Language.get(code) if code else None


def _offered(found: langcodes.Language | None) -> str | None:
    if found is None or not found.language:
        return None
    regional = f"{found.language}-{found.territory}" if found.territory else found.language
    code = VOX_CODES.get(regional) or VOX_CODES.get(found.language, found.language)
    return code if code in LANGUAGES else None
