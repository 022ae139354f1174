"""Which language the interface speaks for this request."""

from flask import g, request
from flask_babel import Domain, get_locale
from flask_login import current_user

import surveys

#: languages of the staff interface
STAFF_LOCALES = ("nl", "fr", "en", "de")
#: the respondent pages' own translation domain, complete in every respondent language (the kiosk, the paper form)
respondent = Domain(domain="respondent")


def select_locale() -> str:
    """The respondent's chosen language on respondent pages, else the user's, else the browser's."""
    forced = g.get("respondent_language")
    if forced:
        return forced
    if current_user and current_user.is_authenticated:
        return current_user.locale
    return request.accept_languages.best_match(STAFF_LOCALES) or STAFF_LOCALES[0]


def current_locale() -> str:
    return str(get_locale() or STAFF_LOCALES[0])


def text_direction() -> str:
    return "rtl" if surveys.is_rtl(current_locale()) else "ltr"


#: gettext catalogue names where they differ from Vox's language codes
BABEL_NAMES = {"prs": "fa_AF", "kmr": "ku"}


def babel_locale(code: str) -> str:
    """The catalogue (Babel locale) name of a respondent language code: Dari is ``fa_AF``, Kurmanji ``ku``."""
    return BABEL_NAMES.get(code, code)
