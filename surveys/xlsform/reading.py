"""Reading an XLSForm file within bounds: the raw rows and pyxform's reading of them, or one clear line.

A file is read within bounds (``MAX_FORM_BYTES``; for a .xlsx ``MAX_UNPACKED_BYTES`` once unpacked,
``MAX_VALUES`` filled cells and ``MAX_CELLS`` cells in all; ``MAX_ROWS``), so that a small file made to
unpack into gigabytes, or to keep the reader busy for minutes, is refused before it is read.
"""

import io
import os
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from pyxform.errors import PyXFormError
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import DefinitionData, get_xlsform

from ..messages import N_, Message
from ..source import megabytes

FILE_TYPES = (".xlsx", ".xlsm", ".xls", ".csv", ".md")
#: the largest form file read, and the most a .xlsx (a zip archive) may unpack to
MAX_FORM_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 5 * 1024 * 1024
#: the most filled cells of a .xlsx, and rows of any form: far more than anyone answers, read in about a second
MAX_VALUES = 30_000
MAX_ROWS = 10_000
#: the most cells (empty ones that have a format too) the reader may go through in a .xlsx, in about a second
MAX_CELLS = 300_000


class XLSFormError(Exception):
    """A file Vox cannot take at all; the message is one line that says which file and why."""

    def __init__(self, message: Message | str, report: list[Message] | None = None):
        super().__init__(str(message))
        #: the line, for the app to translate (a str when the app wrote it itself)
        self.message = message
        #: what the import noticed before it gave up, for whoever wants the details
        self.report = report or []


def read_bytes(path: Path, filename: str) -> bytes:
    """The file's bytes; a file bigger than a form may be is refused without reading it whole."""
    try:
        with path.open("rb") as handle:
            content = handle.read(MAX_FORM_BYTES + 1)
            if len(content) > MAX_FORM_BYTES:
                raise _too_big(filename, max(len(content), os.fstat(handle.fileno()).st_size))
            return content
    except OSError as exc:
        raise XLSFormError(N_("%(file)s: cannot read the file (%(reason)s)", file=filename,
                              reason=exc.strerror or str(exc))) from None


def _too_big(filename: str, size: int) -> XLSFormError:
    return XLSFormError(N_("%(file)s: the file is %(size)s MB; a questionnaire file is at most %(limit)s MB.",
                           file=filename, size=megabytes(size), limit=megabytes(MAX_FORM_BYTES)))


def check_size(source: bytes, filename: str) -> None:
    """Refuse a file too big to be a form, and a .xlsx that would unpack to more (a "zip bomb") or that
    holds more cells than a form could ever need: each of these would take minutes and gigabytes to read."""
    if len(source) > MAX_FORM_BYTES:
        raise _too_big(filename, len(source))
    if not source.startswith(b"PK"):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(source)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
            if unpacked > MAX_UNPACKED_BYTES:
                raise XLSFormError(N_("%(file)s: the spreadsheet unpacks to %(size)s MB; Vox reads spreadsheets of "
                                      "at most %(limit)s MB unpacked.", file=filename, size=megabytes(unpacked),
                                      limit=megabytes(MAX_UNPACKED_BYTES)))
            cells = _Cells.count(archive)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return  # not a readable zip archive after all: the spreadsheet readers say what it is
    if cells.filled > MAX_VALUES:
        raise XLSFormError(N_("%(file)s: the spreadsheet holds %(count)s filled cells; Vox reads forms of at most "
                              "%(limit)s.", file=filename, count=cells.filled, limit=MAX_VALUES))
    if cells.read > MAX_CELLS:
        raise XLSFormError(N_("%(file)s: the spreadsheet has too many cells (%(count)s, counting empty cells that "
                              "have a format); Vox reads forms of at most %(limit)s. Copy the form's rows into a new "
                              "spreadsheet and import that.", file=filename, count=cells.read, limit=MAX_CELLS))


@dataclass
class _Cells:
    """What reading a .xlsx would take, counted in its XML without parsing it."""

    #: filled cells (a value, an inline text, a formula) and shared texts
    filled: int = 0
    #: cells the reader goes through, empty ones too, twice on a sheet that does not state its size
    read: int = 0

    FILLED: ClassVar[re.Pattern] = re.compile(rb"<(?:\w+:)?(?:v|is|f|si)[\s>/]")
    CELL: ClassVar[re.Pattern] = re.compile(rb"<(?:\w+:)?c[\s>/]")
    SIZE: ClassVar[re.Pattern] = re.compile(rb"<(?:\w+:)?dimension[\s>/]")

    @classmethod
    def count(cls, archive: zipfile.ZipFile) -> "_Cells":
        found = cls()
        for entry in archive.infolist():
            if entry.filename.endswith(".xml"):
                found.add(archive, entry)
        return found

    def add(self, archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
        """Count one part, read in pieces (never whole); a piece's edge may split a tag: a few more or less."""
        sheet, cells, sized = entry.filename.startswith("xl/worksheets/"), 0, False
        with archive.open(entry) as part:
            while piece := part.read(1024 * 1024):
                self.filled += len(self.FILLED.findall(piece))
                if sheet:
                    cells += len(self.CELL.findall(piece))
                    sized = sized or bool(self.SIZE.search(piece))
        self.read += cells if sized else 2 * cells


def _check_rows(definition: DefinitionData, filename: str) -> None:
    """Refuse a form with more rows than anyone could answer (a .csv or .xls has no other bound)."""
    rows = len(definition.survey or []) + len(definition.choices or [])
    if rows > MAX_ROWS:
        raise XLSFormError(N_("%(file)s: the form has %(rows)s rows; Vox reads forms of at most %(limit)s rows "
                              "(questions and choices together).", file=filename, rows=rows, limit=MAX_ROWS))


def read_form(source: bytes, filename: str) -> tuple[DefinitionData, dict[str, Any]]:
    """The raw rows and pyxform's reading of the form; pyxform's complaints become one-line errors."""
    suffix = Path(filename).suffix.lower()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the spreadsheet libraries' remarks are not for staff
            definition = get_xlsform(source, file_type=suffix if suffix in FILE_TYPES else None)
            _check_rows(definition, filename)
            form = workbook_to_json(definition, fallback_form_name=Path(filename).stem, warnings=[])
    except XLSFormError:
        raise
    except PyXFormError as exc:
        raise XLSFormError(N_("%(file)s: %(reason)s", file=filename, reason=_one_line(str(exc)))) from None
    except Exception as exc:  # a damaged file breaks the spreadsheet readers in many ways
        reason = _one_line(str(exc)) or type(exc).__name__
        raise XLSFormError(N_("%(file)s: cannot read this file as an XLSForm spreadsheet (%(reason)s)",
                              file=filename, reason=reason)) from None
    return definition, form


def _one_line(message: str) -> Message | str:
    """pyxform's message without links and line breaks, rows written the way staff say them."""
    if "not recognized as a supported type" in message:
        return N_("this is not an XLSForm spreadsheet Vox can read (.xlsx, .xls, .csv or .md).")
    message = re.sub(r"\s*Learn more: \S+", "", message)
    message = re.sub(r"\[row\s*:\s*(\d+)\]", r"row \1:", message)
    return " ".join(message.split()).rstrip(".") + "." if message.strip() else ""


class SheetRows:
    """Finds the spreadsheet row of each element pyxform built, by its name, in sheet order."""

    def __init__(self, survey: list[dict[str, Any]]):
        self.cells = [(_cell(row, "name"), _cell(row, "type")) for row in survey]
        self.next = 0

    def find(self, name: Any) -> tuple[int | None, str]:
        """Row number and type as written; (None, "") for elements pyxform added by itself."""
        if not name:
            return None, ""
        for index in range(self.next, len(self.cells)):
            if self.cells[index][0] == str(name or "").strip():
                self.next = index + 1
                return index + 2, self.cells[index][1]
        return None, ""


def _cell(row: dict[str, Any], column: str) -> str:
    """A cell by its column name, whatever the case of the header."""
    return next((str(v).strip() for k, v in row.items() if str(k).strip().lower() == column and v is not None), "")


def as_list(value: Any) -> list[str]:
    """File names of a media cell that is either one name or one per language."""
    if isinstance(value, dict):
        return [str(v).strip() for v in value.values() if str(v).strip()]
    return [str(value).strip()] if value not in (None, "") else []
