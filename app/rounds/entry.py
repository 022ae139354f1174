"""Typing in answers given with help (assisted) or on paper: one staff form per questionnaire.

The form builds the same JSON body the kiosk sends, and the kiosk's own checks and storage take
it from there, so a typed-in response is checked exactly like one sent from a tablet.
"""

import itertools
import json
import uuid
from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional, ValidationError

import surveys

from ..responses.models import Mode
from ..responses.submission import Submission, SubmissionError, parse_submission
from ..timeutil import today
from .forms import MODE_LABELS, MultiCheckboxField
from .models import Round
from .paper import option_letter

ENTRY_MODES = (Mode.ASSISTED, Mode.PAPER)
#: prefix of the questions' field names, so that a question key never collides with the form's own fields
PREFIX = "q_"


class EntryForm(FlaskForm):
    mode = RadioField(_l("How was it answered?"),
                      choices=[SelectChoice(mode.value, MODE_LABELS[mode]) for mode in ENTRY_MODES])
    day = DateField(_l("Day the paper was filled in"), validators=[Optional()])
    language = SelectField(_l("Language the person answered in"))
    submit = SubmitField(_l("Save and enter the next one"))

    round: Round

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        problem = self._paper_day_problem() if self.mode.data == Mode.PAPER and not self.day.errors else None
        if problem:
            self.day.errors.append(problem)
        blank = not answers(self)
        if blank:
            # a paper handed back empty is no response: counted, it would raise the response rate
            self.form_errors.append(_("Nothing was saved: no question was answered, and a blank form does not "
                                      "count as a response."))
        return valid and not problem and not blank

    def _paper_day_problem(self) -> str | None:
        """A paper answer was given on a day the round was open, and not after today."""
        if self.day.data is None:
            return _("Give the day the paper was filled in.")
        if self.day.data > today():
            return _("This day is in the future.")
        if not self.round.is_open(self.day.data):
            return _("The round was not open on that day.")
        return None

    def validate_mode(self, field) -> None:
        if field.data == Mode.ASSISTED and not self.round.is_open():
            raise ValidationError(_("The round is closed: only paper answers from days it was open can be added."))

    def question_fields(self):
        return [field for field in self if field.name.startswith(PREFIX)]

    def question_of(self, field) -> surveys.Question:
        """The question a field answers; its type names the template that shows the field."""
        return self.round.questionnaire.survey.question(field.name.removeprefix(PREFIX))

    @staticmethod
    def lettered(field) -> list[tuple[str | None, Any]]:
        """A question's options with the letter the paper form prints beside each answer; "No answer" has none."""
        letters = map(option_letter, itertools.count())
        return [(None if option.data == "" else next(letters), option) for option in field]

    def response_day(self) -> date:
        return self.day.data if self.mode.data == Mode.PAPER else today()


def display_language(round_: Round, survey: surveys.Questionnaire, staff_locale: str) -> str:
    """The staff member's language when the questionnaire has it, else the round's first language."""
    if staff_locale in survey.languages and survey.completeness(staff_locale) == 1:
        return staff_locale
    return round_.languages[0]


def entry_form(round_: Round, question_language: str, data: dict | None = None) -> EntryForm:
    """A form with one field per answerable question, each of which may be left unanswered."""
    survey = round_.questionnaire.survey
    form_class = type("RoundEntryForm", (EntryForm,), {
        PREFIX + question.key: question_field(question, question_language) for question in survey.answerable_questions})
    form = form_class(data=data)
    form.round = round_
    form.language.choices = [SelectChoice(code, surveys.LANGUAGES[code].endonym) for code in round_.languages
                             if code in surveys.LANGUAGES]
    return form


def question_field(question: surveys.Question, language: str):
    """A question with answers to choose from is a radio button per answer (a box where several may be given); one
    without is typed in, as long as its longest answer (``max_length``) when it has one."""
    label = question.text.get(language, question.key)
    if not question.choices():
        return TextAreaField(label, validators=[Optional(), Length(max=question.settings.get("max_length", -1))])
    choices = [SelectChoice(choice.value, choice.text.get(language, choice.value)) for choice in question.choices()]
    if question.settings.get("multiple"):
        return MultiCheckboxField(label, choices=choices, validators=[Optional()])
    return RadioField(label, choices=[SelectChoice("", _l("No answer")), *choices], default="", validators=[Optional()])


def answers(form: EntryForm) -> dict[str, Any]:
    """The answers typed in, by question key; questions left unanswered are left out."""
    found = {}
    for field in form.question_fields():
        value = field.data.strip() if isinstance(field.data, str) else field.data
        if value:
            found[field.name.removeprefix(PREFIX)] = value
    return found


def submission_body(form: EntryForm) -> bytes:
    """The kiosk's JSON body for the form's answers."""
    body = {"id": str(uuid.uuid4()), "language": form.language.data, "day": form.response_day().isoformat(),
            "answers": answers(form)}
    return json.dumps(body).encode()


def submission(form: EntryForm) -> Submission:
    """The checked submission; raises SubmissionError as the kiosk's API would."""
    round_ = form.round
    return parse_submission(submission_body(form), round_.questionnaire.survey, round_.languages, today())


def refusal(form: EntryForm, problem: SubmissionError, language: str) -> str:
    """Why the kiosk's checks refused what the form let through, in the staff member's words (never the API's)."""
    if problem.field == "day":
        return _("Not saved: Vox accepts answers given in the last year only. Check the day.")
    question = form.round.questionnaire.survey.question(problem.field.removeprefix("answers."))
    if problem.field.startswith("answers.") and question is not None:
        return _("Not saved: the answer to “%(question)s” was not accepted. Check it and save again.",
                 question=question.text.get(language) or problem.field)
    return _("Not saved: the form came back incomplete. Open it again and fill it in once more.")
