"""Recording staff actions in the audit log."""

from flask_login import current_user

from ..extensions import db
from .models import AuditEvent


def record(action: str, subject: str, organisation_id: int | None = None) -> AuditEvent:
    """Note that the current user did ``action`` to ``subject``; flushed with the request's changes."""
    actor = current_user if current_user and current_user.is_authenticated else None
    event = AuditEvent(actor_id=actor.id if actor else None, actor=actor.email if actor else "system",
                       organisation_id=organisation_id, action=action, subject=subject[:500])
    db.session.add(event)
    return event
