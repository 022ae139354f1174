"""Forms for centres, projects and user accounts.

A form's choices depend on who fills it in (a coordinator sees only their own centre's
projects and workers, and cannot hand out the administrator role), so the views set them.

Each form's name field is InputRequired: a POST that sends no fields at all (never a browser's)
is refused, instead of being read as "keep every value, untick every checkbox".
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..accounts.forms import interface_languages, strip
from ..accounts.models import User
from ..centres.models import Organisation, Project
from ..extensions import db
from ..ops.retention import MAX_RETENTION_DAYS, MIN_RETENTION_DAYS
from ..roles import Role

ROLE_LABELS = {
    Role.ADMIN: _l("Administrator"),
    Role.NETWORK: _l("Network coordinator"),
    Role.COORDINATOR: _l("Centre coordinator"),
    Role.WORKER: _l("Social worker"),
}
#: roles of people without a centre, and of people who work in one (the database checks it too)


class CheckboxesField(SelectMultipleField):
    """Several choices, each a checkbox; the template lays them out."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class CentreForm(FlaskForm):
    name = StringField(_l("Name of the centre"), validators=[InputRequired(), DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, centre: Organisation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre

    def validate_name(self, field) -> None:
        query = select(Organisation.id).where(func.lower(Organisation.name) == field.data.strip().lower())
        if self.centre is not None:
            query = query.where(Organisation.id != self.centre.id)
        if db.session.scalar(query) is not None:
            raise ValidationError(_l("Another centre already has this name."))


class ProjectForm(FlaskForm):
    name = StringField(_l("Name of the project"), validators=[InputRequired(), DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Length(max=1000)])
    workers = CheckboxesField(_l("Social workers on this project"), coerce=int)
    retention_days = IntegerField(
        _l("Delete responses after (days)"),
        description=_l("Empty: responses are kept until someone deletes them. Otherwise between %(min)d and "
                       "%(max)d days (ten years).", min=MIN_RETENTION_DAYS, max=MAX_RETENTION_DAYS),
        render_kw={"min": MIN_RETENTION_DAYS, "max": MAX_RETENTION_DAYS, "inputmode": "numeric"},
        validators=[Optional(), NumberRange(MIN_RETENTION_DAYS, MAX_RETENTION_DAYS, message=_l(
            "Type a number of days between %(min)s and %(max)s, or leave it empty to keep the responses."))])
    #: the retention days whose deletion of existing responses the user saw and saved again to confirm
    retention_confirmed = HiddenField()
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, centre: Organisation, project: Project | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre, self.project = centre, project

    def validate_name(self, field) -> None:
        query = select(Project.id).where(Project.organisation_id == self.centre.id,
                                         func.lower(Project.name) == field.data.strip().lower())
        if self.project is not None:
            query = query.where(Project.id != self.project.id)
        if db.session.scalar(query) is not None:
            raise ValidationError(_l("This centre already has a project with this name."))


class UserForm(FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired(), DataRequired(), Length(max=200)])
    email = EmailField(_l("Email address"), filters=[strip], validators=[
        DataRequired(), Email(check_deliverability=False), Length(max=254)])
    role = RadioField(_l("Role"), validators=[DataRequired()])
    locale = RadioField(_l("Language of Vox for this person"), choices=interface_languages(),
                        validators=[DataRequired()])
    projects = CheckboxesField(_l("Projects (for social workers)"), coerce=int)
    active = BooleanField(_l("Can log in"), default=True)
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, account: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account

    def validate_email(self, field) -> None:
        query = select(User.id).where(func.lower(User.email) == field.data.strip().lower())
        if self.account is not None:
            query = query.where(User.id != self.account.id)
        if db.session.scalar(query) is not None:
            raise ValidationError(_l("Another account already uses this email address."))


def role_choices(roles) -> list[SelectChoice]:
    return [SelectChoice(str(role), ROLE_LABELS[role]) for role in roles]
