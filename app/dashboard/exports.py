"""Downloads of a project's results: aggregated (CSV, XLSX), anonymous responses (CSV, XLSX), a printable report.

Each one uses the project page's filters, hides what the dashboard hides, and is noted in the audit log.
Response-level data is for coordinators and administrators only: never for social workers or the network.
"""

from datetime import date

from flask import render_template
from flask_babel import gettext as _

from ..access import project_or_404
from ..centres.models import Project
from ..extensions import db
from ..roles import CENTRE_ROLES, Role, roles_required
from ..timeutil import today
from . import charts
from .blueprint import bp
from .export_responses import response_columns, response_export, response_rows, responses_dictionary
from .export_results import results_columns, results_dictionary, results_rows
from .operations import note_project_export
from .params import filters_from_request, min_group
from .report import ProjectReport, project_report
from .spreadsheets import Sheet, csv_response, export_name, small_csv_response, xlsx_response


def note_export(action: str, project: Project, what: str) -> None:
    """Audit-log the download now: a streamed file is sent after the request's work is done."""
    note_project_export(action, project, what)
    db.session.commit()


def file_name(project: Project, what: str, extension: str) -> str:
    return export_name(project.name or f"project-{project.id}", what, today().isoformat(), extension=extension)


def aggregated_report(project_id: int) -> ProjectReport:
    return project_report(project_or_404(project_id), filters_from_request(), min_group(), with_comments=False)


@bp.route("/projects/<int:project_id>/results.csv")
@roles_required(*CENTRE_ROLES)
def results_csv(project_id: int):
    report = aggregated_report(project_id)
    note_export("export.results", report.project, "results.csv")
    return small_csv_response(results_columns(), results_rows(report), file_name(report.project, "results", "csv"))


@bp.route("/projects/<int:project_id>/results.xlsx")
@roles_required(*CENTRE_ROLES)
def results_xlsx(project_id: int):
    report = aggregated_report(project_id)
    note_export("export.results", report.project, "results.xlsx")
    sheet = Sheet(_("Results"), results_columns(), results_rows(report))
    return xlsx_response([sheet], results_dictionary(report), file_name(report.project, "results", "xlsx"))


@bp.route("/projects/<int:project_id>/responses.csv")
@roles_required(Role.COORDINATOR)
def responses_csv(project_id: int):
    """Streamed: rows are read in chunks while they are sent; X-Total-Rows lets the page show progress."""
    project = project_or_404(project_id)
    export = response_export(project, filters_from_request(), min_group())
    columns, rows, total = response_columns(export), response_rows(export), export.total
    name = file_name(project, "responses", "csv")
    note_export("export.responses", project, "responses.csv")
    return csv_response(columns, rows, name, total_rows=total)


@bp.route("/projects/<int:project_id>/responses.xlsx")
@roles_required(Role.COORDINATOR)
def responses_xlsx(project_id: int):
    project = project_or_404(project_id)
    export = response_export(project, filters_from_request(), min_group())
    note_export("export.responses", project, "responses.xlsx")
    sheet = Sheet(_("Responses"), response_columns(export), response_rows(export))
    return xlsx_response([sheet], responses_dictionary(export), file_name(project, "responses", "xlsx"))


@bp.route("/projects/<int:project_id>/report")
@roles_required(*CENTRE_ROLES)
def report(project_id: int):
    """A page made for printing (A4): the results as tables and bars, comments of rounds with at least K answers."""
    project_report_ = project_report(project_or_404(project_id), filters_from_request(), min_group(),
                                     with_comments=True)
    note_export("export.report", project_report_.project, "printable report")
    return render_template("dashboard/report.html", report=project_report_, charts=charts,
                           period=period_of(project_report_), printed_on=today())


def period_of(report: ProjectReport) -> tuple[date | None, date | None]:
    """The period asked for, else the first and last day on which a round shown opened."""
    days = [f.round.opens_on for f in report.rounds if not f.withheld]
    start = report.filters.start or (min(days) if days else None)
    end = report.filters.end or (max(days) if days else None)
    return start, end
