"""Who may see what: every record is loaded through the user's centre, never by a bare id.

A record of another centre (or a project a social worker is not assigned to) answers 404, as
if it did not exist; a page the user's role may not use answers 403.
"""

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import Select, select

from .accounts.models import Role, User, project_members
from .centres.models import Organisation, Project
from .extensions import db
from .library.models import Questionnaire
from .rounds.models import Round

#: roles that work inside one centre
CENTRE_ROLES = (Role.COORDINATOR, Role.WORKER)


def roles_required(*roles: Role) -> Callable:
    """Only these roles (and administrators) may use the view; others get 403, visitors the login page."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role != Role.ADMIN and current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorate


def is_admin(user: User | None = None) -> bool:
    return (user or current_user).role == Role.ADMIN


def visible_projects(user: User | None = None) -> Select:
    """The projects a user may work on: all (admin), their centre's (coordinator), assigned (worker)."""
    user = user or current_user
    query = select(Project).join(Project.organisation).order_by(Organisation.name, Project.name)
    if user.role == Role.ADMIN:
        return query
    if user.role == Role.COORDINATOR:
        return query.where(Project.organisation_id == user.organisation_id)
    if user.role == Role.WORKER:
        return query.where(Project.organisation_id == user.organisation_id,
                           Project.id.in_(select(project_members.c.project_id)
                                          .where(project_members.c.user_id == user.id)))
    return query.where(False)


def project_or_404(project_id: int) -> Project:
    project = db.session.scalar(visible_projects().where(Project.id == project_id))
    if project is None:
        abort(404)
    return project


def round_or_404(project_id: int, round_id: int) -> tuple[Project, Round]:
    """A round, looked up through its project, which is looked up through the user's centre."""
    project = project_or_404(project_id)
    round_ = db.session.scalar(select(Round).where(Round.id == round_id, Round.project_id == project.id))
    if round_ is None:
        abort(404)
    return project, round_


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


def centre_or_404(centre_id: int) -> Organisation:
    """A centre: any for administrators, their own for centre staff."""
    centre = db.session.get(Organisation, centre_id)
    if centre is None or (not is_admin() and centre.id != current_user.organisation_id):
        abort(404)
    return centre


def managed_user_or_404(user_id: int) -> User:
    """A user account the current user may manage: any (admin), or one of their centre (coordinator)."""
    user = db.session.get(User, user_id)
    if user is None or (not is_admin() and (user.organisation_id != current_user.organisation_id
                                            or user.role == Role.ADMIN)):
        abort(404)
    return user
