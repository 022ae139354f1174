"""Writing exports: CSV streamed line by line, XLSX in openpyxl's write-only mode, each with its data dictionary.

A CSV is for programs: its header holds the columns' codes. An XLSX is for people: its header is in the staff
member's language, its columns are as wide as their first rows need, and its data dictionary gives each column's
header, code and meaning.

A cell that starts like a formula (=, +, -, @) is kept as text: a respondent's comment must never
run as a formula in the coordinator's spreadsheet program.
"""

import csv
import io
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain, islice
from typing import IO, Any

from flask import Response, send_file, stream_with_context
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from werkzeug.utils import secure_filename

from surveys.cells import is_formula_like, text_cell

#: rows written per chunk of a streamed CSV
CSV_BATCH = 200
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)
#: rows read ahead to fit the XLSX columns to their content; narrowest and widest column, in characters
WIDTH_SAMPLE = 200
MIN_WIDTH, MAX_WIDTH = 8, 60
#: a header longer than this wraps onto more lines rather than widening its column
HEADER_WIDTH = 24


@dataclass(frozen=True)
class Column:
    """A column of an export and what it means, for the data dictionary."""

    #: the code: the CSV's header, and the key programs read
    name: str
    meaning: str
    #: "percent" shows a share (0-1) as a percentage in the XLSX
    format: str | None = None
    #: the XLSX header, in the staff member's language (the code when None)
    header: str | None = None

    @property
    def title(self) -> str:
        return self.header or self.name


@dataclass
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]


@dataclass
class Dictionary:
    """The "Data dictionary" sheet: notes about the whole file, then the columns of each sheet."""

    title: str
    notes: Sequence[str]
    sheets: Sequence[tuple[str, Sequence[Column]]]


def csv_cell(value: Any) -> Any:
    """A value as the CSV writes it: floats rounded, text that looks like a formula quoted with an apostrophe."""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, date):
        return value.isoformat()
    if is_formula_like(value):
        return "'" + value
    return value


def csv_lines(columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The CSV text in pieces of a few hundred rows: a byte-order mark (for Excel), the header, the rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in columns])
    yield "\ufeff" + _drain(buffer)
    for index, row in enumerate(rows, start=1):
        writer.writerow([csv_cell(value) for value in row])
        if index % CSV_BATCH == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def csv_response(columns: Sequence[Column], rows: Iterable[Sequence[Any]], filename: str,
                 total_rows: int | None = None) -> Response:
    """Stream a CSV: rows are read while they are sent, so memory does not grow with their number."""
    response = Response(stream_with_context(csv_lines(columns, rows)), mimetype="text/csv")
    if total_rows is not None:
        response.headers["X-Total-Rows"] = str(total_rows)
    return _as_download(response, filename)


def csv_text(columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> str:
    return "".join(csv_lines(columns, rows))


def small_csv_response(columns: Sequence[Column], rows: Iterable[Sequence[Any]], filename: str) -> Response:
    """A CSV made at once (aggregates are small), sent with its length so a progress bar can show a share."""
    response = Response(csv_text(columns, rows).encode(), mimetype="text/csv")
    return _as_download(response, filename)


def xlsx_file(sheets: Sequence[Sheet], dictionary: Dictionary) -> IO[bytes]:
    """A workbook in write-only mode (rows go to disk as they come), saved to a temporary file."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(workbook, sheet)
    _write_dictionary(workbook, dictionary)
    out = tempfile.TemporaryFile()  # noqa: SIM115 (send_file closes it, and closing deletes it)
    workbook.save(out)
    out.seek(0)
    return out


def xlsx_response(sheets: Sequence[Sheet], dictionary: Dictionary, filename: str) -> Response:
    response = send_file(xlsx_file(sheets, dictionary), mimetype=XLSX_MIMETYPE, as_attachment=True,
                         download_name=filename, max_age=0)
    response.headers["Cache-Control"] = "no-store"
    return response


def sheet_title(title: str) -> str:
    """A title Excel accepts: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip() or "Sheet"


def _write_sheet(workbook: Workbook, sheet: Sheet) -> None:
    """The header in words, then the rows; the first rows are read ahead to fit the columns' widths to them."""
    worksheet = workbook.create_sheet(sheet_title(sheet.title))
    worksheet.freeze_panes = "A2"
    rows = iter(sheet.rows)
    first = list(islice(rows, WIDTH_SAMPLE))
    for index, column in enumerate(sheet.columns):
        width = column_width(column, [row[index] for row in first])
        worksheet.column_dimensions[get_column_letter(index + 1)].width = width
    worksheet.append([_cell(worksheet, column.title, font=BOLD, wrap=True) for column in sheet.columns])
    formats = [column.format for column in sheet.columns]
    for row in chain(first, rows):
        worksheet.append([_cell(worksheet, value, number_format=fmt) for value, fmt in zip(row, formats, strict=True)])


def column_width(column: Column, values: Sequence[Any]) -> int:
    """As wide as the longest value shown, and as the header up to HEADER_WIDTH (a longer one wraps)."""
    longest = max((len(_as_shown(value, column.format)) for value in values if value is not None), default=0)
    return max(MIN_WIDTH, min(MAX_WIDTH, max(longest, min(len(column.title), HEADER_WIDTH)) + 2))


def _as_shown(value: Any, number_format: str | None) -> str:
    if isinstance(value, float):
        return f"{value:.1%}" if number_format == "percent" else f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _write_dictionary(workbook: Workbook, dictionary: Dictionary) -> None:
    """Notes about the file, then per sheet each column: its header, its code and what it means."""
    worksheet = workbook.create_sheet(sheet_title(_("Data dictionary")))
    worksheet.column_dimensions["A"].width = 32
    worksheet.column_dimensions["B"].width = 22
    worksheet.column_dimensions["C"].width = 90
    worksheet.append([_cell(worksheet, dictionary.title, font=Font(bold=True, size=14))])
    for note in dictionary.notes:
        worksheet.append(["", "", _cell(worksheet, note, wrap=True)])
    for title, columns in dictionary.sheets:
        worksheet.append([])
        worksheet.append([_cell(worksheet, title, font=BOLD), _cell(worksheet, _("Code"), font=BOLD),
                          _cell(worksheet, _("Meaning"), font=BOLD)])
        for column in columns:
            worksheet.append([_cell(worksheet, column.title, font=BOLD, wrap=True), _cell(worksheet, column.name),
                              _cell(worksheet, column.meaning, wrap=True)])


def _cell(worksheet, value: Any, font: Font | None = None, number_format: str | None = None,
          wrap: bool = False) -> Cell:
    cell = text_cell(worksheet, value)
    if font:
        cell.font = font
    if number_format == "percent" and isinstance(value, float):
        cell.number_format = "0.0%"
    if isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _as_download(response: Response, filename: str) -> Response:
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def export_name(*parts: str, extension: str) -> str:
    """A safe ASCII file name such as ``vox-taal-en-werk-results-2025-03-01.csv``."""
    words = [secure_filename(part).lower().replace("_", "-") for part in parts]
    return "-".join(["vox", *[word for word in words if word]]) + "." + extension


def suppression_notes(k: int) -> list[str]:
    """How small groups are kept hidden, in words, for every data dictionary."""
    return [
        _("K = %(k)s: a group of fewer than %(k)s people is never shown.", k=k),
        _("Rounds with fewer than %(k)s responses are left out entirely.", k=k),
        _("A group (a round, a language, a way of answering, a row) of fewer than %(k)s people is hidden: its "
          "numbers are empty. So that a hidden group cannot be computed by subtracting the groups shown from a "
          "total, the smallest other group of the same line (or the total itself) is hidden too, again and again "
          "until no line has exactly one hidden group.", k=k),
    ]
