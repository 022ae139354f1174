"""The AMIF indicator table's page and downloads: CSV, and XLSX with a dictionary of its columns.

The table itself (which answers count, what is hidden, the trusted version) is made in amif_table.py.
"""

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select

from analysis.indicators import AMIF_INDICATOR

from ..access import visible_projects
from ..centres.models import Organisation, Project
from ..extensions import db
from ..numbers import query_number
from ..roles import Role
from ..timeutil import today
from .amif_table import AmifTable, amif_table
from .blueprint import bp
from .flags import flag_words, warning_shares
from .operations import note_amif_export
from .params import min_group
from .spreadsheets import Column, Dictionary, Sheet, export_name, small_csv_response, suppression_notes, xlsx_response


def amif_projects() -> list[Project]:
    """The projects in the table: every project of every centre for the network and administrators."""
    if current_user.role in (Role.NETWORK, Role.ADMIN):
        return list(db.session.scalars(select(Project).join(Project.organisation)
                                       .order_by(Organisation.name, Project.name)))
    return list(db.session.scalars(visible_projects()))



def requested_year() -> int | None:
    return query_number("year", minimum=1901, maximum=2999)


def table_for_request() -> AmifTable:
    shared_only = current_user.role == Role.NETWORK
    return amif_table(amif_projects(), min_group(), requested_year(), shared_only,
                      trusted=request.args.get("trusted") == "1")


@bp.route("/amif")
@login_required
def amif():
    return render_template("dashboard/amif.html", table=table_for_request(), columns=amif_columns(),
                           left_out_note=left_out_note, flag_words=flag_words, left_out_words=left_out_words,
                           warning_shares=warning_shares())


@bp.route("/amif.csv")
@login_required
def amif_csv():
    table = table_for_request()
    note_export(table, "csv")
    return small_csv_response(amif_columns(), export_rows(table), export_name(*file_parts(table), extension="csv"))


@bp.route("/amif.xlsx")
@login_required
def amif_xlsx():
    table = table_for_request()
    note_export(table, "xlsx")
    sheet = Sheet(_("AMIF indicator"), amif_columns(), export_rows(table))
    return xlsx_response([sheet], amif_dictionary(table), export_name(*file_parts(table), extension="xlsx"))


def file_parts(table: AmifTable) -> list[str]:
    return ["amif", *(["trusted"] if table.trusted else []), str(table.year or "all-years"), today().isoformat()]


def note_export(table: AmifTable, kind: str) -> None:
    """Audit-log the download now, before the file is sent."""
    note_amif_export(table, kind)
    db.session.commit()


def amif_columns() -> list[Column]:
    return [
        Column("level", _("project: one project in one year; project_total: a project over all years; "
                          "period_total: all projects in one year; total: all projects, all years.")),
        Column("centre", _("The centre (OCMW/CPAS) running the project; empty on totals.")),
        Column("project", _("The project.")),
        Column("period", _("The calendar year in which the rounds opened (a round counts in the year of its "
                           "first day, never split).")),
        Column("helped", _("Respondents whose answer says the project helped their integration: a face above the "
                           "middle one, or yes.")),
        Column("answered", _("Respondents who answered the indicator question (those who skipped it are not "
                             "counted).")),
        Column("share", _("helped divided by answered."), "percent"),
        Column("ci_low", _("Lower end of the 95% Wilson interval of the share."), "percent"),
        Column("ci_high", _("Upper end of the 95% Wilson interval of the share."), "percent"),
        Column("trust", _("Why the line's figures may be better than what people think: many gave the best face "
                          "to every question, or the same answer many times in a row, or answered with a member of "
                          "staff beside them. Empty when there is no such warning.")),
        Column("note", _("Why a row has empty numbers.")),
    ]


def export_rows(table: AmifTable):
    for line in table.lines:
        row = line.row
        low, high = line.interval or (None, None)
        note = left_out_words() if line.left_out else hidden_note(table.k) if line.hidden else ""
        yield [line.level, line.centre, row.project, row.period, row.helped, row.answered, row.share, low, high,
               "; ".join(flag_words(line.trust)) if line.trust else "", note]


def left_out_words() -> str:
    return _("Left out of this version: the answers look too good to be true.")


def left_out_note(k: int) -> str:
    return _("Rounds in which fewer than %(k)s people answered the indicator question are left out too, so that "
             "comparing this table with a project's results cannot reveal their answers.", k=k)


def hidden_note(k: int) -> str:
    return _("Hidden: fewer than %(k)s people answered, or hidden so that such a row cannot be computed from the "
             "totals.", k=k)


def amif_dictionary(table: AmifTable) -> Dictionary:
    notes = [
        _("The AMIF result indicator: the number of respondents who say the activity helped their integration, "
          "out of the number who answered that question. The question is the one tagged "
          "\"%(indicator)s\" in the questionnaire.", indicator=AMIF_INDICATOR),
        left_out_note(table.k),
        _("Year: %(year)s. Made on %(day)s.", year=table.year or _("all years"), day=today().isoformat()),
        *suppression_notes(table.k),
        _("In this table the lines are each year (its projects and its total) and each project (its years and "
          "its total)."),
    ]
    if table.shared_only:
        notes.append(_("Only rounds of the shared library questionnaires are counted."))
    if table.trusted:
        notes.append(ngettext(
            "This version leaves out the projects in a year whose answers look too good to be true (at least "
            "%(ceiling)s gave the best face to every question, or %(straightlining)s the same answer many times "
            "in a row): %(num)s of them. "
            "It hides every number the full table hides.",
            "This version leaves out the projects in a year whose answers look too good to be true (at least "
            "%(ceiling)s gave the best face to every question, or %(straightlining)s the same answer many times "
            "in a row): %(num)s of them. "
            "It hides every number the full table hides.", table.too_good, **warning_shares()))
    elif table.too_good:
        notes.append(ngettext(
            "%(num)s project in a year has answers that look too good to be true (see the trust column); a version "
            "of this table without them can be downloaded too.",
            "%(num)s projects in a year have answers that look too good to be true (see the trust column); a "
            "version of this table without them can be downloaded too.", table.too_good))
    return Dictionary(_("AMIF indicator table"), notes, [(_("AMIF indicator"), amif_columns())])
