"""Forms of the round pages: launching, the kiosk PIN, attendance, closing and deleting."""

import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

import surveys
from analysis.indicators import AMIF_INDICATOR, indicator_questions

from ..centres.models import Project
from ..extensions import db
from ..library.access import visible_questionnaires
from ..library.models import Questionnaire
from ..locale import current_locale
from ..responses.models import Mode
from ..timeutil import today
from ..voices.hearing import Silence, silent_languages
from ..voices.speech import Voices
from .models import Round

#: what each mode means, in the words a social worker uses
MODE_LABELS = {
    Mode.KIOSK: _l("Tablet (kiosk)"),
    Mode.PHONE: _l("Own phone"),
    Mode.ASSISTED: _l("Assisted"),
    Mode.PAPER: _l("Paper"),
}
MODE_HELP = {
    Mode.KIOSK: _l("People answer alone on a tablet of the centre. It starts again by itself for the next person, "
                   "and a PIN keeps them away from your pages."),
    Mode.PHONE: _l("People scan the QR code on a flyer and answer on their own phone, when and where they like."),
    Mode.ASSISTED: _l("A staff member asks the questions and types in the answers with the person."),
    Mode.PAPER: _l("People fill in a paper form; a staff member types the answers in later."),
}
#: how far from today a round's first day may lie: further is a typing slip (2062 for 2026), not a plan
FIRST_DAY_WITHIN = timedelta(days=366)
#: the longest a round may run; an open-ended round needs no last day at all
LONGEST_ROUND_YEARS = 5
PIN_PATTERN = r"^[0-9]{4,8}$"
PIN_MESSAGE = _l("A PIN is 4 to 8 digits.")


def ascii_digits(value: str | None) -> str | None:
    """A PIN typed on an Arabic or Persian keypad (٤٥٦٧) is the same PIN as 4567."""
    if value is None:
        return None
    return "".join(str(unicodedata.decimal(ch)) if unicodedata.decimal(ch, None) is not None else ch
                   for ch in value.strip())


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def pin_field(label: str, required: bool = False) -> StringField:
    return StringField(label, filters=[ascii_digits],
                       validators=[InputRequired() if required else Optional(), Regexp(PIN_PATTERN,
                                                                                       message=PIN_MESSAGE)])


@dataclass(frozen=True)
class QuestionnaireOption:
    """A questionnaire a round can use: its latest version, and the languages it is complete in."""

    id: int
    #: which questionnaire this is a version of: (owning centre or None for the library, slug)
    identity: tuple[int | None, str]
    label: str
    languages: list[str]
    #: the languages in which some texts cannot be heard by the project's respondents
    silent: tuple[Silence, ...] = ()


def complete_languages(survey: surveys.Questionnaire) -> list[str]:
    """The languages in which respondents would see every text of the questionnaire."""
    return [code for code in survey.languages if code in surveys.LANGUAGES and survey.completeness(code) == 1]


def questionnaire_options(project: Project) -> list[QuestionnaireOption]:
    """The latest version of each questionnaire a round of this project may use: the library's and its centre's.

    Titled in the user's language; a stored questionnaire that no longer loads (a broken import) is left out.
    """
    voices = Voices.of_centre(project.organisation_id)
    latest = {}
    query = visible_questionnaires().where(Questionnaire.organisation_id.is_(None)
                                           | (Questionnaire.organisation_id == project.organisation_id))
    for questionnaire in db.session.scalars(query):
        latest.setdefault((questionnaire.organisation_id, questionnaire.slug), questionnaire)
    options = [option for option in (_option(found, voices) for found in latest.values()) if option is not None]
    return sorted(options, key=lambda option: option.label.casefold())


def _option(questionnaire: Questionnaire, voices: Voices) -> QuestionnaireOption | None:
    try:
        survey = questionnaire.survey
    except surveys.QuestionnaireError:
        return None
    languages = complete_languages(survey)
    if not languages:
        return None
    title = survey.title.get(current_locale()) or questionnaire.title
    if questionnaire.organisation_id is None:
        label = _("%(title)s (version %(version)d)", title=title, version=questionnaire.version)
    else:
        label = _("%(title)s (version %(version)d, own questionnaire of the centre)", title=title,
                  version=questionnaire.version)
    if indicator_questions(survey, AMIF_INDICATOR):
        label = _("%(questionnaire)s · AMIF: its answers fill the indicator table for the ministry",
                  questionnaire=label)
    return QuestionnaireOption(questionnaire.id, (questionnaire.organisation_id, questionnaire.slug), label,
                               languages, tuple(silent_languages(questionnaire, languages, voices)))


def language_label(code: str) -> str:
    language = surveys.LANGUAGES[code]
    if language.endonym == language.english:
        return language.endonym
    return f"{language.endonym} – {language.english}" if "(" in language.endonym \
        else f"{language.endonym} ({language.english})"


class LaunchForm(FlaskForm):
    questionnaire = SelectField(_l("Questionnaire"), coerce=int, validators=[InputRequired()])
    languages = MultiCheckboxField(_l("Languages offered"))
    mode = RadioField(_l("How do people answer?"), default=Mode.KIOSK.value,
                      choices=[SelectChoice(mode.value, label) for mode, label in MODE_LABELS.items()])
    opens_on = DateField(_l("First day"), default=today, validators=[InputRequired()])
    planned_last_day = DateField(_l("Last day (optional)"), validators=[Optional()])
    pin = pin_field(_l("PIN to leave kiosk mode"))
    reset_seconds = IntegerField(_l("Seconds the thank-you screen stays"), default=8,
                                 validators=[InputRequired(), NumberRange(2, 120)])
    idle_seconds = IntegerField(_l("Seconds without a touch before asking \"Are you still there?\""), default=90,
                                validators=[InputRequired(), NumberRange(20, 900)])
    submit = SubmitField(_l("Launch the round"))

    def __init__(self, options: list[QuestionnaireOption], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = {option.id: option for option in options}
        self.questionnaire.choices = [SelectChoice(option.id, option.label) for option in options]
        every_language = dict.fromkeys(code for option in options for code in option.languages)
        self.languages.choices = [SelectChoice(code, language_label(code)) for code in every_language]

    @property
    def chosen(self) -> QuestionnaireOption | None:
        return self.options.get(self.questionnaire.data)

    def validate_languages(self, field) -> None:
        if not field.data:
            raise ValidationError(_("Choose at least one language."))
        if self.chosen and not set(field.data) <= set(self.chosen.languages):
            raise ValidationError(_("This questionnaire is not complete in every language you chose."))

    def validate_opens_on(self, field) -> None:
        earliest, latest = today() - FIRST_DAY_WITHIN, today() + FIRST_DAY_WITHIN
        if field.data is not None and not earliest <= field.data <= latest:
            raise ValidationError(_("The first day must be within a year of today (from %(earliest)s to "
                                    "%(latest)s).", earliest=format_date(earliest), latest=format_date(latest)))

    def validate_planned_last_day(self, field) -> None:
        if field.data and self.opens_on.data and field.data < self.opens_on.data:
            raise ValidationError(_("The last day cannot be before the first day."))
        if field.data and self.opens_on.data and (field.data - self.opens_on.data).days > LONGEST_ROUND_YEARS * 366:
            raise ValidationError(ngettext("The last day can be at most %(num)d year after the first day; leave it "
                                           "empty for a round without an end.",
                                           "The last day can be at most %(num)d years after the first day; leave it "
                                           "empty for a round without an end.", LONGEST_ROUND_YEARS))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.mode.data == Mode.KIOSK and not self.pin.data and not self.pin.errors:
            self.pin.errors.append(_("A tablet in kiosk mode needs a PIN: choose 4 to 8 digits you will remember."))
            return False
        return valid

    def ordered_languages(self, first: str) -> list[str]:
        """The chosen languages in the questionnaire's order, the staff member's own language first."""
        chosen = [code for code in self.chosen.languages if code in self.languages.data]
        return sorted(chosen, key=lambda code: code != first)


class KioskForm(FlaskForm):
    """Opening the kiosk on this tablet; a round launched without a PIN gets one here."""

    pin = pin_field(_l("Choose a PIN to leave kiosk mode"))
    submit = SubmitField(_l("Open the kiosk on this tablet"))


class UnlockForm(FlaskForm):
    #: hidden as it is typed: a respondent may be looking over the staff member's shoulder
    pin = PasswordField(_l("PIN"), filters=[ascii_digits], validators=[InputRequired(), Regexp(PIN_PATTERN,
                                                                                               message=PIN_MESSAGE)])
    submit = SubmitField(_l("Leave kiosk mode"))


class AttendanceForm(FlaskForm):
    attendance = IntegerField(_l("People who attended"), validators=[Optional(), NumberRange(0, 100000)])
    save_attendance = SubmitField(_l("Save"))


class SessionForm(FlaskForm):
    held_on = DateField(_l("Day of the session"), default=today, validators=[InputRequired()])
    present = IntegerField(_l("People present"), validators=[InputRequired(), NumberRange(0, 100000)])
    save_session = SubmitField(_l("Save the session"))

    round: Round

    def validate_held_on(self, field) -> None:
        if field.data is None:
            return  # not a date: the field says so already
        if field.data > today():
            raise ValidationError(_("Count the people present once the session has taken place."))
        if not self.round.is_open(field.data):
            raise ValidationError(_("The round was not open on that day."))


class RemoveSessionForm(FlaskForm):
    session_id = HiddenField(validators=[InputRequired()])
    remove_session = SubmitField(_l("Remove"))


class DeleteResponsesForm(FlaskForm):
    understood = BooleanField(_l("I understand that this cannot be undone."),
                              validators=[InputRequired(message=_l("Tick this box to confirm."))])
    count = IntegerField(_l("Type the number of responses to delete"),
                         validators=[InputRequired(message=_l("Type the number of responses."))])
    submit = SubmitField(_l("Delete the responses"))

    def __init__(self, expected: int, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected = expected

    def validate_count(self, field) -> None:
        if field.data != self.expected:
            raise ValidationError(ngettext("This round has %(num)d response now: type that number.",
                                           "This round has %(num)d responses now: type that number.", self.expected))

