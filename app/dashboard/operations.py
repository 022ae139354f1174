"""What the results pages write: a note in the audit log of every download. Nothing here commits."""

from flask_login import current_user

from ..audit.operations import record
from ..centres.models import Project
from .amif_table import AmifTable


def note_project_export(action: str, project: Project, what: str) -> None:
    record(action, f"{project.organisation.name} / {project.name}: {what}", project.organisation_id)


def note_amif_export(table: AmifTable, kind: str) -> None:
    version = ", without answers too good to be true" if table.trusted else ""
    record("export.amif", f"AMIF indicator table, {table.year or 'all years'}{version} ({kind})",
           current_user.organisation_id)
