"""The languages a questionnaire can be offered in, each named in its own script."""

from dataclasses import dataclass


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
