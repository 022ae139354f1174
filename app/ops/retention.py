"""Deleting responses once their project's retention period is over, and saying beforehand what will go.

``flask purge`` runs every night (after midnight, see docs/deploy.md): it deletes each project's responses
given more than ``Project.retention_days`` days before the day it runs.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, func, select

from ..audit.operations import record
from ..centres.models import Project
from ..extensions import db
from ..responses.models import Response
from ..responses.tallies import rebuild_tallies
from ..rounds.models import Round
from ..timeutil import today

#: the shortest and longest retention a project may have: a round's answers stay long enough to be read and
#: compared with the next round, and no longer than ten years
MIN_RETENTION_DAYS = 30
MAX_RETENTION_DAYS = 3650


@dataclass(frozen=True)
class NextDeletion:
    """What the next nightly deletion removes from a project that keeps responses ``days`` days."""

    days: int
    #: responses given before this day go
    before: date
    responses: int


def cutoff(retention_days: int, on: date) -> date:
    """The first day whose responses a deletion run ``on`` keeps."""
    return on - timedelta(days=retention_days)


def _expired(project: Project, before: date) -> tuple:
    rounds = select(Round.id).where(Round.project_id == project.id)
    return Response.round_id.in_(rounds), Response.day < before


def next_deletion(project: Project, retention_days: int) -> NextDeletion:
    """What tonight's deletion (run after midnight, so dated tomorrow) would remove with ``retention_days``."""
    before = cutoff(retention_days, today() + timedelta(days=1))
    n = db.session.scalar(select(func.count()).select_from(Response).where(*_expired(project, before)))
    return NextDeletion(retention_days, before, n or 0)


def purge_expired_responses(dry_run: bool = False) -> dict[str, int]:
    """Per project, how many responses older than its retention period were deleted (or would be)."""
    deleted: dict[str, int] = {}
    projects = db.session.scalars(select(Project).where(Project.retention_days.is_not(None))).all()
    for project in projects:
        expired = _expired(project, cutoff(project.retention_days, today()))
        n = db.session.scalar(select(func.count()).select_from(Response).where(*expired))
        if not n:
            continue
        deleted[f"{project.organisation.name} / {project.name}"] = n
        if not dry_run:
            affected = db.session.scalars(select(Round).where(Round.id.in_(
                select(Response.round_id).where(*expired)))).all()
            db.session.execute(delete(Response).where(*expired))
            rebuild_tallies(affected)
            record("responses.purge", f"{n} response(s) older than {project.retention_days} days of project "
                                      f"\"{project.name}\"", project.organisation_id)
    return deleted
