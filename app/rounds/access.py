"""A round is looked up through its project, which is looked up through the user's centre."""

from flask import abort
from sqlalchemy import select

from ..access import project_or_404
from ..centres.models import Project
from ..extensions import db
from .models import Round


def round_or_404(project_id: int, round_id: int) -> tuple[Project, Round]:
    """A round of a project the user may work on; 404 for any other."""
    project = project_or_404(project_id)
    round_ = db.session.scalar(select(Round).where(Round.id == round_id, Round.project_id == project.id))
    if round_ is None:
        abort(404)
    return project, round_
