"""Write actions on centres, projects and user accounts; each is noted in the audit log.

Helpers only flush: the view commits once. No password is ever written to the audit log.
"""

import re
import secrets
import unicodedata

from sqlalchemy import select

from ..accounts.models import User
from ..accounts.throttle import note_success
from ..audit.operations import record
from ..centres.models import Organisation, Project
from ..extensions import db
from ..roles import Role

#: letters and digits that cannot be mistaken for one another when read aloud or copied by hand
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def new_password() -> str:
    """A random password a person can type from a note: four groups of four (about 79 bits)."""
    return "-".join("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4)) for _ in range(4))


# Centres


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:56] or "centre"


def free_slug(name: str) -> str:
    """A slug derived from the name, with a number added when another centre has it already."""
    base, number = slugify(name), 1
    slug = base
    while db.session.scalar(select(Organisation.id).where(Organisation.slug == slug)) is not None:
        number += 1
        slug = f"{base}-{number}"
    return slug


def create_centre(name: str) -> Organisation:
    centre = Organisation(name=name.strip(), slug=free_slug(name))
    db.session.add(centre)
    db.session.flush()
    record("centre.create", f'centre "{centre.name}"', centre.id)
    return centre


def rename_centre(centre: Organisation, name: str) -> None:
    """A new name; the slug stays, since it is the centre's stable name for scripts and the demo data."""
    old, centre.name = centre.name, name.strip()
    if old != centre.name:
        record("centre.update", f'centre "{old}" renamed "{centre.name}"', centre.id)


# Projects


def create_project(centre: Organisation, name: str, description: str, workers: list[User],
                   retention_days: int | None = None) -> Project:
    project = Project(organisation=centre, name=name.strip(), description=description.strip(),
                      retention_days=retention_days)
    db.session.add(project)
    db.session.flush()
    set_project_workers(project, workers)
    record("project.create", _project_subject(project), centre.id)
    return project


def update_project(project: Project, name: str, description: str, workers: list[User],
                   retention_days: int | None = None) -> None:
    changes = []
    if project.retention_days != retention_days:
        changes.append(f"responses kept {_kept(project.retention_days)} → {_kept(retention_days)}")
        project.retention_days = retention_days
    if project.name != name.strip():
        changes.append(f'renamed from "{project.name}"')
        project.name = name.strip()
    if project.description != description.strip():
        changes.append("description")
        project.description = description.strip()
    if set_project_workers(project, workers):
        changes.append("social workers")
    if changes:
        record("project.update", f"{_project_subject(project)}: {', '.join(changes)}", project.organisation_id)


def project_workers(project: Project) -> list[User]:
    return list(db.session.scalars(select(User).where(User.projects.contains(project))))


def set_project_workers(project: Project, workers: list[User]) -> bool:
    """Assign exactly these workers (all of the project's centre) to the project; True when that changed."""
    if any(worker.organisation_id != project.organisation_id for worker in workers):
        raise ValueError("a social worker of another centre cannot work on this project")
    current = project_workers(project)
    for worker in set(current) - set(workers):
        worker.projects.remove(project)
    for worker in set(workers) - set(current):
        worker.projects.append(project)
    db.session.flush()
    return set(current) != set(workers)


def _kept(retention_days: int | None) -> str:
    return f"{retention_days} days" if retention_days else "until deleted"


def _project_subject(project: Project) -> str:
    return f'project "{project.name}" of centre "{project.organisation.name}"'


# Users


def create_user(*, name: str, email: str, role: Role, centre: Organisation | None, locale: str,
                projects: list[Project]) -> tuple[User, str]:
    """A new account with a generated password, returned once so it can be shown once."""
    password = new_password()
    user = User(name=name.strip(), email=email.strip().lower(), role=role, organisation=centre, locale=locale,
                projects=projects if role == Role.WORKER else [])
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record("user.create", f"{_user_subject(user)} ({role})", user.organisation_id)
    return user, password


def update_user(user: User, *, name: str, email: str, locale: str, role: Role, active: bool,
                projects: list[Project]) -> None:
    changes = []
    if user.email != email.strip().lower():
        changes.append(f"email was {user.email}")
        user.email = email.strip().lower()
    if user.name != name.strip():
        changes.append("name")
        user.name = name.strip()
    if user.locale != locale:
        changes.append(f"language {locale}")
        user.locale = locale
    if user.role != role:
        changes.append(f"role {user.role} → {role}")
        user.role = role
    if user.active != active:
        changes.append("can log in again" if active else "switched off")
        user.active = active
        if not active:
            user.end_sessions()  # switched on again later, they log in anew: no old device comes back logged in
    projects = projects if role == Role.WORKER else []
    if set(user.projects) != set(projects):
        changes.append("projects")
        user.projects = projects
    if changes:
        record("user.update", f"{_user_subject(user)}: {', '.join(changes)}", user.organisation_id)


def reset_password(user: User) -> str:
    """A new generated password; the old one stops working at once, and a login lock is lifted."""
    password = new_password()
    user.set_password(password)
    note_success(user.email)
    record("user.password_reset", _user_subject(user), user.organisation_id)
    return password


def _user_subject(user: User) -> str:
    return f"user {user.email}"
