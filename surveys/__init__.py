"""The questionnaire: model, question types, validation, YAML and XLSForm exchange, the library.

This package never imports Flask: the web app, the command line and the analysis all use it.
"""

from pathlib import Path

from .languages import LANGUAGES, LIBRARY_LANGUAGES, Language, is_rtl, language_name
from .loader import check_questionnaire, load_questionnaire, questionnaire_from_dict
from .model import Choice, Intro, Option, Question, Questionnaire, Text
from .problems import InvalidAnswer, Problem, QuestionnaireError
from .types import PRESETS, QUESTION_TYPES, QuestionType, SummaryKind

#: the ready questionnaires shipped with Vox (YAML), and the recordings they refer to
LIBRARY_DIR = Path(__file__).parent / "library"

__all__ = [
    "LIBRARY_DIR",
    "LANGUAGES", "LIBRARY_LANGUAGES", "Language", "is_rtl", "language_name",
    "check_questionnaire", "load_questionnaire", "questionnaire_from_dict",
    "Choice", "Intro", "Option", "Question", "Questionnaire", "Text",
    "InvalidAnswer", "Problem", "QuestionnaireError", "PRESETS", "QUESTION_TYPES", "QuestionType", "SummaryKind",
]
