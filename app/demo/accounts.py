"""The demo's centres, projects and accounts in the database, and the accounts' passwords."""

import secrets

from sqlalchemy import select

from ..accounts.models import User
from ..centres.models import Organisation, Project
from ..extensions import db
from .plan import ACCOUNTS, CENTRES


def existing_demo_centres() -> list[Organisation]:
    slugs = [plan.slug for plan in CENTRES]
    return list(db.session.scalars(select(Organisation).where(Organisation.slug.in_(slugs))
                                   .order_by(Organisation.name)))


def demo_accounts() -> list[User]:
    emails = [plan.email for plan in ACCOUNTS]
    return list(db.session.scalars(select(User).where(User.email.in_(emails)).order_by(User.id)))


def create_centres() -> dict[str, Organisation]:
    centres = {}
    for plan in CENTRES:
        centre = Organisation(name=plan.name, slug=plan.slug)
        centre.projects = [Project(name=p.name, description=p.description) for p in plan.projects]
        centres[plan.slug] = centre
    db.session.add_all(centres.values())
    db.session.flush()
    return centres


def create_accounts(centres: dict[str, Organisation]) -> dict[str, str]:
    """One account per role, each with a new random password; return the passwords by email.

    An account left over from an earlier demo (an administrator outlives a deleted centre) is kept as it is.
    """
    passwords = {}
    existing = {user.email for user in demo_accounts()}
    for plan in ACCOUNTS:
        if plan.email in existing:
            continue
        centre = centres.get(plan.centre)
        user = User(email=plan.email, name=plan.name, role=plan.role, locale=plan.locale, organisation=centre,
                    projects=[p for p in (centre.projects if centre else []) if p.name in plan.projects])
        passwords[plan.email] = new_password(user)
        db.session.add(user)
    db.session.flush()
    return passwords


def new_password(user: User) -> str:
    password = secrets.token_urlsafe(9)
    user.set_password(password)
    return password


def reset_demo_passwords() -> dict[str, str]:
    return {user.email: new_password(user) for user in demo_accounts()}
