"""Deleting responses once their project's retention period is over."""

from datetime import timedelta

from sqlalchemy import delete, func, select

from ..audit.operations import record
from ..centres.models import Project
from ..extensions import db
from ..kiosk.models import Response
from ..kiosk.tallies import rebuild_tallies
from ..rounds.models import Round
from ..timeutil import today


def purge_expired_responses(dry_run: bool = False) -> dict[str, int]:
    """Per project, how many responses older than its retention period were deleted (or would be)."""
    deleted: dict[str, int] = {}
    projects = db.session.scalars(select(Project).where(Project.retention_days.is_not(None))).all()
    for project in projects:
        cutoff = today() - timedelta(days=project.retention_days)
        rounds = select(Round.id).where(Round.project_id == project.id)
        expired = (Response.round_id.in_(rounds), Response.day < cutoff)
        n = db.session.scalar(select(func.count()).select_from(Response).where(*expired))
        if not n:
            continue
        deleted[f"{project.organisation.name} / {project.name}"] = n
        if not dry_run:
            affected = db.session.scalars(select(Response.round_id).where(*expired).distinct()).all()
            db.session.execute(delete(Response).where(*expired))
            rebuild_tallies(list(affected))
            record("responses.purge", f"{n} response(s) older than {project.retention_days} days of project "
                                      f"\"{project.name}\"", project.organisation_id)
    return deleted
