"""Reading an uploaded questionnaire file: YAML (Vox's own format) or an XLSForm spreadsheet.

What surveys/ says about a file (its problems, the import's report) is a surveys.messages.Message:
an English template and its values. ``staff_text`` shows it in the staff member's language.
"""

from pathlib import Path

from flask_babel import _, get_locale, get_translations

import surveys
from surveys.messages import Message, Nn_
from surveys.xlsform import XLSFormError, import_xlsform

from ..locale import babel_locale, current_locale

YAML_TYPES = (".yaml", ".yml")
XLSFORM_TYPES = (".xlsx", ".xlsm", ".xls", ".csv")


def read_questionnaire_file(content: bytes, filename: str) -> tuple[surveys.Questionnaire, list[Message | str]]:
    """The checked questionnaire in an uploaded file, and the report of what the import did.

    Raises surveys.QuestionnaireError (a YAML file's every problem, with line and field) or
    XLSFormError (one line saying why a file cannot be used at all).
    """
    suffix = Path(filename).suffix.lower()
    if suffix in YAML_TYPES:
        survey = surveys.load_questionnaire(content, name=filename)
        return survey, [_yaml_summary(survey)]
    if suffix in XLSFORM_TYPES:
        result = import_xlsform(content, filename=filename)
        return result.questionnaire, list(result.report)
    raise XLSFormError(_("%(file)s: Vox imports questionnaires in YAML (.yaml) or XLSForm (.xlsx, .xls, .csv); "
                         "this file is neither.", file=filename))


def _yaml_summary(survey: surveys.Questionnaire) -> Message:
    return Nn_("%(num)s question imported in %(languages)s.", "%(num)s questions imported in %(languages)s.",
               len(survey.questions), languages=[surveys.LANGUAGES[lang] for lang in survey.languages])


def staff_text(message: Message | str) -> str:
    """A message of surveys/ in the staff member's language; a str is already in it."""
    if not isinstance(message, Message):
        return message
    translations = get_translations()

    def translate(singular: str, plural: str | None, num: int | None) -> str:
        return translations.ngettext(singular, plural, num) if plural else translations.gettext(singular)

    return message.render(translate, staff_language_name)


def staff_language_name(language: surveys.Language) -> str:
    """A language as the staff pages name it: Vox's own English name, else the locale's name for it."""
    if current_locale() == "en":
        return language.english
    names = get_locale().languages
    return names.get(language.code) or names.get(babel_locale(language.code)) or language.english
