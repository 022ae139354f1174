"""Forms of the staff's own account: logging in, their name and language, their password."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length

from surveys import LANGUAGES

from ..locale import STAFF_LOCALES

#: the shortest password a person may choose
MIN_PASSWORD_LENGTH = 12


def strip(value: str | None) -> str | None:
    """Spaces around an email address are a slip of the finger, not part of it."""
    return value.strip() if isinstance(value, str) else value


class LoginForm(FlaskForm):
    email = EmailField(_l("Email address"), filters=[strip], validators=[
        DataRequired(), Email(check_deliverability=False), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Log in"))


def interface_languages() -> list[SelectChoice]:
    """The staff interface languages, each named in its own language (never a flag)."""
    return [SelectChoice(code, LANGUAGES[code].endonym) for code in STAFF_LOCALES]


class ProfileForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=200)])
    locale = RadioField(_l("Language of Vox"), choices=interface_languages(), validators=[DataRequired()])
    submit = SubmitField(_l("Save"))


class PasswordChangeForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    new = PasswordField(_l("New password"), validators=[
        DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200,
                               message=_l("Use at least %(min)d characters."))])
    repeat = PasswordField(_l("New password again"), validators=[
        DataRequired(), EqualTo("new", message=_l("The two new passwords are not the same."))])
    submit = SubmitField(_l("Change my password"))
