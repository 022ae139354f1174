"""The staff menu: each entry shown only to the roles that may use it."""

from flask import current_app, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .roles import PROJECT_ROLES, Role

ALL_STAFF = tuple(Role)
#: (endpoint, label, roles); an entry whose endpoint does not exist (yet) is left out
MENU = [
    ("rounds.projects", _l("Projects"), PROJECT_ROLES),
    ("library.index", _l("Questionnaires"), ALL_STAFF),
    ("dashboard.index", _l("Results"), ALL_STAFF),
    ("admin.users", _l("Users"), (Role.ADMIN, Role.COORDINATOR)),
    ("admin.centres", _l("Centres"), (Role.ADMIN,)),
    ("audit.index", _l("Audit log"), (Role.ADMIN, Role.COORDINATOR)),
    ("accounts.settings", _l("My account"), ALL_STAFF),
]


#: blueprints whose pages belong under another blueprint's menu entry: what respondents hear is a questionnaire's
SECTION_OF = {"voices": "library"}


def current_menu_entry() -> str | None:
    """The menu entry of this page: its own endpoint, else the first entry of its blueprint (or of its section)."""
    endpoints = [entry[0] for entry in staff_menu()]
    if request.endpoint in endpoints:
        return request.endpoint
    section = SECTION_OF.get(request.blueprint, request.blueprint)
    return next((e for e in endpoints if e.split(".")[0] == section), None)


def staff_menu() -> list[tuple[str, str, tuple]]:
    endpoints = current_app.view_functions
    return [entry for entry in MENU if entry[0] in endpoints and current_user.role in entry[2]]
