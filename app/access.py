"""Who may see what: every record is loaded through the user's centre, never by a bare id.

A record of another centre (or a project a social worker is not assigned to) answers 404, as
if it did not exist; a page the user's role may not use answers 403 (see roles.py). Questionnaires
and rounds are looked up by their own packages (library/access.py, rounds/access.py), the same way.
"""

from flask import abort
from flask_login import current_user
from sqlalchemy import Select, select

from .accounts.models import User, project_members
from .centres.models import Organisation, Project
from .extensions import db
from .roles import Role, is_admin


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
