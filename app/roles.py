"""The roles of staff accounts, and the decorator that lets only some of them use a page.

Respondents have no account and no role. Which records a member of staff may see is app/access.py's concern
(and each package's own access.py for its records).
"""

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import TYPE_CHECKING

from flask import abort
from flask_login import current_user, login_required

if TYPE_CHECKING:
    from .accounts.models import User


class Role(StrEnum):
    ADMIN = "admin"
    #: federal level: aggregates across centres on shared questionnaires, never free text
    NETWORK = "network"
    #: all projects of their own centre
    COORDINATOR = "coordinator"
    #: the projects they are assigned to
    WORKER = "worker"


#: roles that work inside one centre: its projects, rounds, questionnaires and results
CENTRE_ROLES = (Role.COORDINATOR, Role.WORKER)
#: roles whose work starts from projects: a centre's staff, and administrators
PROJECT_ROLES = (Role.ADMIN, *CENTRE_ROLES)
#: roles that belong to no centre
CENTRELESS_ROLES = (Role.ADMIN, Role.NETWORK)


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


def admin_required(view: Callable) -> Callable:
    """Only administrators may use the view; others get 403, visitors the login page."""
    return roles_required()(view)


def is_admin(user: "User | None" = None) -> bool:
    return (user or current_user).role == Role.ADMIN
