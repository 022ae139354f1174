"""Write actions on one's own account, each noted in the audit log. Nothing here commits: the view does, once."""

from ..audit.operations import record
from .models import User


def subject(user: User) -> str:
    """How the audit log names an account."""
    return f"user {user.email}"


def note_login(user: User) -> None:
    record("account.login", subject(user), user.organisation_id)


def update_profile(user: User, name: str, locale: str) -> list[str]:
    """Set the account's name and interface language; the fields that changed, noted when there are any."""
    changes = [field for field, value in (("name", name), ("locale", locale)) if getattr(user, field) != value]
    user.name, user.locale = name, locale
    if changes:
        record("account.update", f"{subject(user)}: {', '.join(changes)}", user.organisation_id)
    return changes


def change_password(user: User, password: str) -> None:
    """A new password, which ends every session made with the old one."""
    user.set_password(password)
    record("account.password_change", subject(user), user.organisation_id)
