"""Reading an uploaded questionnaire file: YAML (Vox's own format) or an XLSForm spreadsheet."""

from pathlib import Path

from flask_babel import _, ngettext

import surveys
from surveys.xlsform import XLSFormError, import_xlsform

YAML_TYPES = (".yaml", ".yml")
XLSFORM_TYPES = (".xlsx", ".xlsm", ".xls", ".csv")


def read_questionnaire_file(content: bytes, filename: str) -> tuple[surveys.Questionnaire, list[str]]:
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
        return result.questionnaire, result.report
    raise XLSFormError(_("%(file)s: Vox imports questionnaires in YAML (.yaml) or XLSForm (.xlsx, .xls, .csv); "
                         "this file is neither.", file=filename))


def _yaml_summary(survey: surveys.Questionnaire) -> str:
    languages = ", ".join(surveys.language_name(lang) for lang in survey.languages)
    return ngettext("%(num)s question imported in %(languages)s.", "%(num)s questions imported in %(languages)s.",
                    len(survey.questions), languages=languages)
