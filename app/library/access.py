"""Which questionnaires a member of staff may see and change: the shared library, and their own centre's."""

from flask import abort
from flask_login import current_user
from sqlalchemy import Select, select

from ..accounts.models import User
from ..extensions import db
from ..roles import CENTRE_ROLES, Role
from .models import Questionnaire


def visible_questionnaires(user: User | None = None) -> Select:
    """The shared library and the user's own centre's questionnaires (every centre's for admins)."""
    user = user or current_user
    query = select(Questionnaire).order_by(Questionnaire.title, Questionnaire.version.desc())
    if user.role == Role.ADMIN:
        return query
    if user.role in CENTRE_ROLES:
        return query.where((Questionnaire.organisation_id.is_(None))
                           | (Questionnaire.organisation_id == user.organisation_id))
    return query.where(Questionnaire.organisation_id.is_(None))


def questionnaire_or_404(questionnaire_id: int, *, to_change: bool = False) -> Questionnaire:
    """A questionnaire the user may see; with ``to_change``, only one of their own centre (never the library)."""
    questionnaire = db.session.scalar(visible_questionnaires().where(Questionnaire.id == questionnaire_id))
    if questionnaire is None:
        abort(404)
    if to_change and questionnaire.organisation_id is None:
        abort(403)
    return questionnaire
