"""XLSForm import and export: exchanging questionnaires with KoboToolbox, ODK and other tools.

Reading goes through pyxform (``get_xlsform`` and ``workbook_to_json``), the same code that
KoboToolbox runs, so Vox accepts exactly the spreadsheets those tools accept, in .xlsx, .xls,
.csv or .md. pyxform gives the form as nested elements; the spreadsheet row of each element is
found again in the raw rows (row index + 2), so that every line of the report can say where.

What an import does with a form made elsewhere:

- ``select_one`` becomes ``faces`` when its list is a 3- or 5-point satisfaction scale,
  ``thumbs`` when it is yes/no (with ``dont_know`` when a third "don't know" choice is there),
  and ``pictures`` otherwise; ``select_multiple`` becomes ``pictures`` with ``multiple``;
  ``text`` becomes ``text`` and ``note`` becomes ``info``. A leading note becomes the intro.
- Everything else (numbers, dates, GPS, photos, calculations, repeats...) is left out and named
  with its row in the report; plain groups are flattened. Skip logic, checks and "required"
  are dropped: in Vox every question is shown and can be skipped.
- Texts are shown as plain words: Markdown and HTML marks (bold, headings, colours, links) are taken
  out, a reference to another answer (``${name}``) shows "…", and a text question that asks for a
  name, phone number, e-mail or address is named in the report: answers in Vox are anonymous.
- Media files do not come with a spreadsheet: audio files the form names are left out and listed
  (staff record or upload them in Vox); an image that is one of Vox's pictograms becomes that picture.
- Language columns are read with a language register (langcodes): ``Tigrigna``, ``Farsi``,
  ``Dari (fa-AF)`` and ``Kurdish (Kurmanji)`` are the languages Vox offers as ti, fa, prs and kmr.
- Translations: foreign files often lack a text here and there. Vox needs every text in every
  language, so the questionnaire keeps the languages that are complete and the report names
  each language left out and how many texts it lacked. When no language is complete, the most
  complete one is kept and the few questions without a text in it are left out. This lets
  nearly every file import into a questionnaire that works at once; staff can add the missing
  languages later in Vox.

A file is read within bounds (``MAX_FORM_BYTES``; for a .xlsx ``MAX_UNPACKED_BYTES`` once unpacked,
``MAX_VALUES`` filled cells and ``MAX_CELLS`` cells in all; ``MAX_ROWS``), so that a small file made to
unpack into gigabytes, or to keep the reader busy for minutes, is refused before it is read.

Every line of the report is a Message (surveys/messages.py): English when printed, translated by the app.

The export writes a spreadsheet that pyxform (and so KoboToolbox) converts without error and
that keeps everything of our format: Vox-only data lives in columns pyxform tolerates
(``vox_indicator``, ``vox_max_length`` on the survey sheet, ``vox_title::...`` and
``vox_description::...`` on the settings sheet), the intro is the first ``note`` row, and the
fixed answers use the lists ``vox_faces5``, ``vox_faces3`` (``vox_extent5``, ``vox_extent3`` for faces worded
"not at all" to "very much"), ``vox_thumbs`` and ``vox_thumbs_dk``.
"""

import io
import os
import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, NoReturn

import openpyxl
from pyxform.errors import PyXFormError
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import DefinitionData, get_xlsform

from .cells import text_cell
from .labels import asks_who_someone_is, plain_text, references, without_references
from .languages import LANGUAGES, language_from_name
from .loader import MAX_VERSION, questionnaire_from_dict
from .messages import N_, Message, Nn_
from .model import Question, Questionnaire, Text
from .pictures import pictogram_names
from .problems import QuestionnaireError
from .source import megabytes

FILE_TYPES = (".xlsx", ".xlsm", ".xls", ".csv", ".md")
#: the largest form file read, and the most a .xlsx (a zip archive) may unpack to
MAX_FORM_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 5 * 1024 * 1024
#: the most filled cells of a .xlsx, and rows of any form: far more than anyone answers, read in about a second
MAX_VALUES = 30_000
MAX_ROWS = 10_000
#: the most cells (empty ones that have a format too) the reader may go through in a .xlsx, in about a second
MAX_CELLS = 300_000

def _library_intro() -> Text:
    """The intro of the library's short questionnaire: Vox's usual words, in every language it offers."""
    from .loader import load_questionnaire

    return load_questionnaire(Path(__file__).parent / "library" / "after-activity.yaml").intro.text


#: the intro Vox adds when a form has none, per language
DEFAULT_INTRO: Text = _library_intro()

#: form types that would record who answered: Vox leaves them out for a reason of its own
IDENTIFYING_TYPES = {"deviceid", "uri:deviceid", "phonenumber", "subscriberid", "simserial", "username",
                     "email", "uri:email", "uri:username", "uri:phonenumber", "start-geopoint",
                     "background-geopoint", "background-audio", "audit"}

SELECT_ONE, SELECT_MULTIPLE = "select one", "select all that apply"
FALLBACK_PICTURE = "help"
GENERIC_NOTES = {
    "logic": N_("Skip logic, answer checks and 'required' are left out: in Vox every question is shown "
                "and every question can be skipped."),
    "hint": N_("Hints under the questions are left out: Vox shows the question text only."),
    "default": N_("Preset answers are left out: Vox never answers for the respondent."),
    "choice_filter": N_("Choice filters are left out: every question shows all its options."),
}


class XLSFormError(Exception):
    """A file Vox cannot take at all; the message is one line that says which file and why."""

    def __init__(self, message: Message | str, report: list[Message] | None = None):
        super().__init__(str(message))
        #: the line, for the app to translate (a str when the app wrote it itself)
        self.message = message
        #: what the import noticed before it gave up, for whoever wants the details
        self.report = report or []


@dataclass
class ImportResult:
    """A questionnaire made from an XLSForm, and what was changed or left out, for staff to read."""

    questionnaire: Questionnaire
    #: one Message per line: ``str()`` gives the English line
    report: list[Message] = field(default_factory=list)


def import_xlsform(source: str | Path | bytes, *, filename: str | None = None,
                   default_language: str = "en") -> ImportResult:
    """Turn an XLSForm (path or file contents) into a checked Vox questionnaire plus a report.

    ``default_language`` is the language of label columns that do not name one. Raises
    XLSFormError with one clear line when the file cannot be used at all.
    """
    if isinstance(source, str | Path):
        filename = filename or Path(source).name
        source = _read_bytes(Path(source), filename)
    filename = filename or "form.xlsx"
    if default_language not in LANGUAGES:
        raise XLSFormError(N_("'%(code)s' is not a language Vox knows (%(known)s)", code=default_language,
                              known=list(LANGUAGES)))
    _check_size(source, filename)
    definition, form = _read_form(source, filename)
    return _Importer(definition, form, filename, default_language).run()


def _read_bytes(path: Path, filename: str) -> bytes:
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


def _check_size(source: bytes, filename: str) -> None:
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


def _read_form(source: bytes, filename: str) -> tuple[DefinitionData, dict[str, Any]]:
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


# ---------------------------------------------------------------------------------------------
# Import: languages, keys and pictures


def language_code(column_language: str) -> str | None:
    """The Vox code of a language as XLSForm columns name it: ``English (en)``, ``french``, ``Tigrigna``."""
    return language_from_name(column_language)


def vox_key(name: str, prefix: str) -> str:
    """A Vox key made from an XLSForm name: lower case, other characters as ``_``, starting with a letter."""
    key = re.sub(r"[^a-z0-9_]", "_", name.strip().lower())
    if not key[:1].isalpha():
        key = f"{prefix}{key}" if key.startswith("_") else f"{prefix}_{key}"
    return key[:63]


def _unique(key: str, taken: set[str]) -> str:
    candidate, number = key, 2
    while candidate in taken:
        candidate, number = f"{key[:58]}_{number}", number + 1
    taken.add(candidate)
    return candidate


def _as_list(value: Any) -> list[str]:
    """File names of a media cell that is either one name or one per language."""
    if isinstance(value, dict):
        return [str(v).strip() for v in value.values() if str(v).strip()]
    return [str(value).strip()] if value not in (None, "") else []


def _pictogram(files: list[str]) -> str | None:
    """The first file whose name (without extension) is one of Vox's pictograms."""
    return next((Path(f).stem for f in files if Path(f).stem in pictogram_names()), None)


def _own_pictograms(choices: list[dict[str, Any]]) -> bool:
    """Whether every choice shows a Vox pictogram: then the author chose the pictures, and they stay."""
    return bool(choices) and all(_pictogram(_as_list(choice.get("media", {}).get("image"))) for choice in choices)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


_YES = {"yes", "y", "ja", "oui", "si", "sí", "true", "evet", "так", "да", "نعم", "بلی", "እወ"}
_NO = {"no", "n", "nee", "neen", "non", "nein", "false", "hayır", "ні", "нет", "لا", "نخیر", "ኣይፋል"}
_DONT_KNOW = {"dont know", "don t know", "do not know", "i don t know", "dk", "not sure", "unknown",
              "weet niet", "weet ik niet", "weet het niet", "je ne sais pas", "je sais pas", "ne sais pas",
              "sais pas", "nsp", "weiß nicht", "weiss nicht", "no sé"}


def _answer_kind(choice: dict[str, Any]) -> str | None:
    """``yes``, ``no`` or ``dont_know`` when a choice's name or a label says so."""
    said = [str(choice.get("name", ""))] + _as_list(choice.get("label"))
    for words in (" ".join(_words(s.replace("_", " "))) for s in said):
        if words in _YES:
            return "yes"
        if words in _NO:
            return "no"
        if words in _DONT_KNOW:
            return "dont_know"
    return None


def _yes_no_kinds(choices: list[dict[str, Any]]) -> list[str] | None:
    """The kinds of a yes/no(/don't know) list, or None when the list is something else."""
    kinds = [_answer_kind(choice) for choice in choices]
    if sorted(k or "" for k in kinds) in (["no", "yes"], ["dont_know", "no", "yes"]):
        return kinds
    return None


_NEGATIVE = {"bad", "poor", "terrible", "awful", "unsatisfied", "dissatisfied", "disagree", "unhappy", "worst",
             "slecht", "ontevreden", "oneens", "slechtst", "mauvais", "mal", "insatisfait", "insatisfaite",
             "mécontent", "mécontente", "désaccord", "schlecht", "unzufrieden"}
_POSITIVE = {"good", "satisfied", "agree", "happy", "excellent", "great", "best", "goed", "tevreden", "eens",
             "uitstekend", "bien", "bon", "bonne", "satisfait", "satisfaite", "content", "contente", "accord",
             "gut", "zufrieden"}
_NEGATIONS = {"not", "niet", "pas", "nicht", "geen"}


def _polarity(label: str) -> int:
    """-1 for a label that says bad or not satisfied, +1 for good or satisfied, 0 for neither."""
    words = set(_words(label))
    if words & _NEGATIVE or (words & _POSITIVE and words & _NEGATIONS):
        return -1
    return 1 if words & _POSITIVE else 0


def _scale_points(list_name: str, choices: list[dict[str, Any]]) -> int | None:
    """3 or 5 when the list is a satisfaction scale (from bad to good, or the other way round)."""
    if match := re.fullmatch(r"vox_(?:faces|extent)([35])", list_name):
        return int(match.group(1))
    if len(choices) not in (3, 5):
        return None
    first, last = _labels(choices[0]), _labels(choices[-1])
    if any(_polarity(low) * _polarity(last.get(column, "")) == -1 for column, low in first.items()):
        return len(choices)
    return None


def _labels(choice: dict[str, Any]) -> dict[str, str]:
    label = choice.get("label")
    return {str(k): str(v) for k, v in label.items()} if isinstance(label, dict) else {"default": str(label or "")}


# ---------------------------------------------------------------------------------------------
# Import: walking the form


class _Rows:
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


@dataclass
class _Draft:
    """A question on its way to the Vox format, still with every language the file had."""

    row: int
    name: str
    data: dict[str, Any]
    #: the original choice name of each option key, shown when an option has no text at all
    option_names: dict[str, str] = field(default_factory=dict)


class _Importer:
    """One import: walks pyxform's form, collects the questions and the report."""

    def __init__(self, definition: DefinitionData, form: dict[str, Any], filename: str, default_language: str):
        self.form = form
        self.filename = filename
        self.default_language = default_language
        self.plain_language = language_code(str(form.get("default_language", ""))) or default_language
        self.rows = _Rows(definition.survey or [])
        self.report: list[Message] = []
        self.notes: set[str] = set()
        self.skipped_languages: dict[str, None] = {}
        self.keys: set[str] = set()
        self.drafts: list[_Draft] = []
        #: what the texts read since the last ``noticed()`` had: marks taken out, references replaced
        self.formatting = False
        self.references: set[str] = set()
        #: audio files the form names, which never come with a spreadsheet
        self.audio_files: set[str] = set()

    def run(self) -> ImportResult:
        self.walk(self.form.get("children", []))
        intro = self.take_intro()
        if not self.drafts:
            self.refuse(N_("there is no question left that Vox can ask"))
        languages = self.choose_languages(intro)
        data = self.questionnaire_data(languages, intro)
        self.report.extend(GENERIC_NOTES[key] for key in GENERIC_NOTES if key in self.notes)
        self.report_audio_files()
        count = len(data["questions"])
        summary = Nn_("%(num)s question imported in %(languages)s.", "%(num)s questions imported in %(languages)s.",
                      count, languages=[LANGUAGES[code] for code in languages])
        try:
            questionnaire = questionnaire_from_dict(data, name=self.filename, base_dir=None)
        except QuestionnaireError as exc:
            problem = exc.problems[0]
            self.refuse(N_("%(path)s: %(problem)s", path=problem.path, problem=problem.message) if problem.path
                        else problem.message)
        return ImportResult(questionnaire, [summary, *_in_row_order(self.report)])

    def refuse(self, reason: Message) -> NoReturn:
        first = next((line for line in self.report if "row" in line.values), None)
        message = (N_("%(file)s: %(reason)s (%(first)s)", file=self.filename, reason=reason, first=first) if first
                   else N_("%(file)s: %(reason)s", file=self.filename, reason=reason))
        raise XLSFormError(message, self.report)

    def take_noticed(self) -> tuple[bool, list[str]]:
        """Whether the texts read since the last call had formatting, and the references they had."""
        found, shown = self.formatting, sorted(self.references)
        self.formatting, self.references = False, set()
        return found, shown

    def noticed(self, about: str | None, row: int | None) -> None:
        """Report the formatting and the references to other answers of the texts read since the last call,
        about the question named ``about``, or about the title and description."""
        found, shown = self.take_noticed()
        if found and about is not None:
            self.report.append(N_("row %(row)s: the text of '%(name)s' has formatting (bold, headings, colours, "
                                  "links) that Vox does not show; it is now plain text.", row=row, name=about))
        elif found:
            self.report.append(N_("The form's title or description has formatting (bold, headings, colours, links) "
                                  "that Vox does not show; it is now plain text."))
        if shown and about is not None:
            self.report.append(N_("row %(row)s: the text of '%(name)s' showed %(references)s, which Vox cannot fill "
                                  "in; it shows … instead: edit the text.", row=row, name=about, references=shown))
        elif shown:
            self.report.append(N_("The form's title or description showed %(references)s, which Vox cannot fill in; "
                                  "it shows … instead: edit the text.", references=shown))

    def report_audio_files(self) -> None:
        if self.audio_files:
            files = sorted(self.audio_files)
            self.report.append(Nn_(
                "The form names %(num)s audio file that did not come with it (%(files)s): it is left out; record or "
                "upload it in Vox.",
                "The form names %(num)s audio files that did not come with it (%(files)s): they are left out; record "
                "or upload them in Vox.", len(files), files=files))

    # -- the elements ------------------------------------------------------------------------

    def walk(self, elements: list[dict[str, Any]]) -> None:
        for element in elements:
            row, written_type = self.rows.find(element.get("name"))
            if row is None:
                continue  # added by pyxform itself: meta/instanceID, generated labels, counters
            self.notice_dropped_features(element)
            kind = element.get("type", "")
            if kind == "group":
                self.flatten_group(element, row)
            elif kind == "repeat":
                self.leave_out_repeat(element, row)
            elif (draft := self.draft(element, row, written_type)) is not None:
                self.drafts.append(draft)

    def flatten_group(self, element: dict[str, Any], row: int) -> None:
        label = next(iter(_as_list(element.get("label"))), "")
        if label:
            self.report.append(N_("row %(row)s: the group '%(name)s' (%(label)s) is not kept as a group; its "
                                  "questions are asked one after another.", row=row, name=element["name"],
                                  label=label))
        else:
            self.report.append(N_("row %(row)s: the group '%(name)s' is not kept as a group; its questions are "
                                  "asked one after another.", row=row, name=element["name"]))
        self.walk(element.get("children", []))

    def leave_out_repeat(self, element: dict[str, Any], row: int) -> None:
        count = self.count_rows(element.get("children", []))
        self.report.append(Nn_("row %(row)s: '%(name)s' (repeat group) has no Vox equivalent; left out with the "
                               "%(num)s question in it.",
                               "row %(row)s: '%(name)s' (repeat group) has no Vox equivalent; left out with the "
                               "%(num)s questions in it.", count, row=row, name=element["name"]))

    def count_rows(self, elements: list[dict[str, Any]]) -> int:
        """Questions with a row inside a left-out part (and moves the row finder past them)."""
        count = 0
        for element in elements:
            row, _ = self.rows.find(element.get("name"))
            if element.get("children"):
                count += self.count_rows(element["children"])
            elif row is not None:
                count += 1
        return count

    def notice_dropped_features(self, element: dict[str, Any]) -> None:
        bind = element.get("bind", {})
        required = str(bind.get("required", "")).strip().lower() in ("yes", "true", "true()", "1")
        if bind.get("relevant") or bind.get("constraint") or required:
            self.notes.add("logic")
        for key in ("hint", "default", "choice_filter"):
            if element.get(key):
                self.notes.add(key)

    def draft(self, element: dict[str, Any], row: int, written_type: str) -> _Draft | None:
        kind = element.get("type", "")
        build = DRAFT_BUILDERS.get(kind)
        if build is None:
            self.leave_out_type(element, row, written_type)
            return None
        text = self.text(element.get("label"))
        draft = build(self, element, row, written_type) if text else None
        if not text:
            self.report.append(N_("row %(row)s: '%(name)s' has no text in a language Vox offers; left out.",
                                  row=row, name=element["name"]))
        if draft is not None:
            draft.data.update(text=text, indicator=self.indicator(element, row), **self.media(element, row))
            self.noticed(str(element["name"]), row)
        self.take_noticed()  # nothing to say about a question that is left out
        return draft

    def leave_out_type(self, element: dict[str, Any], row: int, written_type: str) -> None:
        kind = element.get("type", "")
        shown = kind if element.get("itemset") or not written_type else written_type
        if kind in IDENTIFYING_TYPES:
            self.report.append(N_("row %(row)s: '%(name)s' (%(type)s) would record who answered; left out: answers "
                                  "in Vox are anonymous.", row=row, name=element["name"], type=shown))
        else:
            self.report.append(N_("row %(row)s: '%(name)s' (%(type)s) has no Vox equivalent; left out.",
                                  row=row, name=element["name"], type=shown))

    def new_draft(self, element: dict[str, Any], row: int, kind: str, **settings: Any) -> _Draft:
        name = str(element["name"])
        key = _unique(vox_key(name, "q"), self.keys)
        if key != name:
            self.report.append(N_("row %(row)s: the name '%(name)s' is now '%(key)s' (Vox keys use a-z, 0-9 and _).",
                                  row=row, name=name, key=key))
        return _Draft(row, name, {"key": key, "type": kind, **settings})

    # -- texts and media ---------------------------------------------------------------------

    def text(self, value: Any) -> Text:
        """A label as a Vox text: per language code, plain words, languages Vox does not offer set aside."""
        if value is None:
            return {}
        items = value.items() if isinstance(value, dict) else [("default", value)]
        text: Text = {}
        for column, words in sorted(items, key=lambda item: item[0] != "default"):
            code = self.plain_language if column == "default" else language_code(column)
            if code is None:
                self.skipped_languages[column.strip()] = None
            elif words := self.words(str(words)):
                text[code] = words
        return text

    def words(self, label: str) -> str:
        """A label as plain words, without marks or references to other answers (noted for the report)."""
        plain = plain_text(label.strip())
        self.formatting |= plain != label.strip()
        self.references.update(references(plain))
        return without_references(plain).strip()

    def media(self, element: dict[str, Any], row: int) -> dict[str, Any]:
        """The picture (when it is a Vox pictogram); audio files are noted as missing, other files left out."""
        media = element.get("media", {})
        images = _as_list(media.get("image"))
        picture = _pictogram(images)
        if images and picture is None:
            self.report.append(N_("row %(row)s: '%(name)s': %(files)s is not one of Vox's pictograms; the picture "
                                  "is left out (you can choose one in Vox).", row=row, name=element["name"],
                                  files=images))
        for other in sorted(set(media) - {"image", "audio"}):
            self.report.append(N_("row %(row)s: the %(kind)s file of '%(name)s' is left out.", row=row, kind=other,
                                  name=element["name"]))
        self.audio_files.update(_as_list(media.get("audio")))
        return {"picture": picture}

    # -- the question types ------------------------------------------------------------------

    def draft_text(self, element: dict[str, Any], row: int, written_type: str) -> _Draft:
        settings = {}
        raw = str(element.get("vox_max_length", "")).strip()
        if raw.isdigit() and len(raw) < 5 and 1 <= int(raw) <= 2000:
            settings["max_length"] = int(raw)
        elif raw:
            self.report.append(N_("row %(row)s: the maximum length '%(value)s' is not a number from 1 to 2000; Vox "
                                  "uses its usual 500 characters.", row=row, value=raw[:20]))
        if asks_who_someone_is(str(element["name"]), _as_list(element.get("label"))):
            self.report.append(N_("row %(row)s: '%(name)s' asks for something that tells who answered (a name, phone "
                                  "number, e-mail or address): answers in Vox are anonymous; change or remove this "
                                  "question.", row=row, name=element["name"]))
        return self.new_draft(element, row, "text", **settings)

    def draft_info(self, element: dict[str, Any], row: int, written_type: str) -> _Draft:
        return self.new_draft(element, row, "info")

    def draft_select(self, element: dict[str, Any], row: int, written_type: str) -> _Draft | None:
        list_name = str(element.get("list_name") or element.get("itemset") or "")
        choices = self.form.get("choices", {}).get(list_name) or element.get("choices") or []
        if re.search(r"or.specify.other|or_other", written_type):
            self.report.append(N_("row %(row)s: '%(name)s': the text box for 'other, please specify' is left out; "
                                  "the option 'other' is kept.", row=row, name=element["name"]))
        multiple = element.get("type") == SELECT_MULTIPLE
        if multiple or (_own_pictograms(choices) and not list_name.startswith("vox_")):
            return self.pictures_draft(element, row, choices, multiple)
        if points := _scale_points(list_name, choices):
            return self.scale_draft(element, row, list_name, points)
        if kinds := _yes_no_kinds(choices):
            return self.thumbs_draft(element, row, list_name, kinds)
        return self.pictures_draft(element, row, choices, multiple)

    def scale_draft(self, element: dict[str, Any], row: int, list_name: str, points: int) -> _Draft:
        if not list_name.startswith("vox_"):
            self.report.append(N_("row %(row)s: '%(name)s' is a %(points)s-point satisfaction scale: shown as "
                                  "%(points)s faces, answers stored as 1 (worst) to 5 (best).", row=row,
                                  name=element["name"], points=points))
        labels = {"labels": "extent"} if list_name.startswith("vox_extent") else {}
        return self.new_draft(element, row, "faces", points=points, **labels)

    def thumbs_draft(self, element: dict[str, Any], row: int, list_name: str, kinds: list[str]) -> _Draft:
        dont_know = "dont_know" in kinds
        if not list_name.startswith("vox_") and dont_know:
            self.report.append(N_("row %(row)s: '%(name)s' is a yes/no question: shown as thumbs up and down and "
                                  "'don't know'.", row=row, name=element["name"]))
        elif not list_name.startswith("vox_"):
            self.report.append(N_("row %(row)s: '%(name)s' is a yes/no question: shown as thumbs up and down.",
                                  row=row, name=element["name"]))
        return self.new_draft(element, row, "thumbs", dont_know=dont_know)

    def pictures_draft(self, element: dict[str, Any], row: int, choices: list[dict[str, Any]],
                       multiple: bool) -> _Draft | None:
        draft = self.new_draft(element, row, "pictures", multiple=multiple)
        draft.data["options"] = self.options(draft, choices)
        if len(draft.data["options"]) < 2:
            self.keys.discard(draft.data["key"])
            self.report.append(N_("row %(row)s: '%(name)s' has fewer than two options; left out.", row=row,
                                  name=element["name"]))
            return None
        return draft

    def options(self, draft: _Draft, choices: list[dict[str, Any]]) -> list[dict[str, Any]]:
        options, keys, renamed, guessed = [], set(), [], {}
        for choice in choices:
            name = str(choice.get("name", "")).strip()
            if name in draft.option_names.values():
                self.report.append(N_("row %(row)s: '%(name)s' lists the option '%(option)s' twice; kept once.",
                                      row=draft.row, name=draft.name, option=name))
                continue
            key = _unique(vox_key(name, "option"), keys)
            draft.option_names[key] = name
            if key != name:
                renamed.append(f"{name} → {key}")
            media = choice.get("media", {})
            picture = _pictogram(_as_list(media.get("image")))
            if picture is None:
                picture = guessed[key] = _guess_picture(choice, key)
            self.audio_files.update(_as_list(media.get("audio")))
            options.append({"key": key, "picture": picture, "text": self.text(choice.get("label"))})
        if renamed:
            self.report.append(N_("row %(row)s: in '%(name)s', option names changed to fit Vox: %(changes)s.",
                                  row=draft.row, name=draft.name, changes=renamed))
        if guessed:
            self.report.append(Nn_("row %(row)s: '%(name)s': the file gives no Vox pictogram for %(num)s option; "
                                   "for now %(shows)s. Choose pictures in Vox.",
                                   "row %(row)s: '%(name)s': the file gives no Vox pictogram for %(num)s options; "
                                   "for now %(shows)s. Choose pictures in Vox.", len(guessed), row=draft.row,
                                   name=draft.name, shows=_shows(guessed)))
        return options

    def indicator(self, element: dict[str, Any], row: int) -> str | None:
        value = str(element.get("vox_indicator", "")).strip()
        if value and not re.fullmatch(r"[a-z][a-z0-9_]{0,62}", value):
            self.report.append(N_("row %(row)s: the indicator '%(value)s' is not a valid indicator name; left out.",
                                  row=row, value=value[:70]))
            return None
        return value or None

    # -- the whole questionnaire -------------------------------------------------------------

    def take_intro(self) -> _Draft | None:
        """A leading note becomes the intro screen, as long as something follows it."""
        if len(self.drafts) > 1 and self.drafts[0].data["type"] == "info":
            intro = self.drafts.pop(0)
            if not re.fullmatch(r"intro(_\d+)?", intro.name):
                self.report.append(N_("row %(row)s: the note '%(name)s' is used as the introduction screen.",
                                      row=intro.row, name=intro.name))
            if intro.data.get("picture"):
                self.report.append(N_("row %(row)s: the introduction screen shows no picture; left out.",
                                      row=intro.row))
            return intro
        return None

    def choose_languages(self, intro: _Draft | None) -> list[str]:
        """The languages in which every text is there; see the module docstring for the reasoning."""
        texts = [text for draft in self.all_drafts(intro) for text in _texts(draft)]
        seen = list(dict.fromkeys(code for text in texts for code in text))
        complete = [code for code in seen if all(code in text for text in texts)]
        languages = complete or [max(seen, key=lambda c: (sum(c in t for t in texts), c == self.default_language))]
        for column in self.skipped_languages:
            self.report.append(N_("The %(column)s texts are left out: Vox does not offer this language.",
                                  column=column[:1].upper() + column[1:]))
        for code in seen:
            if code not in languages:
                missing = sum(code not in text for text in texts)
                self.report.append(Nn_("%(language)s is left out: it is missing in %(missing)s of the %(num)s text.",
                                       "%(language)s is left out: it is missing in %(missing)s of the %(num)s texts.",
                                       len(texts), language=LANGUAGES[code], missing=missing))
        return languages

    def all_drafts(self, intro: _Draft | None) -> list[_Draft]:
        return ([intro] if intro else []) + self.drafts

    def questionnaire_data(self, languages: list[str], intro: _Draft | None) -> dict[str, Any]:
        questions = [data for draft in self.drafts if (data := self.finish(draft, languages)) is not None]
        if not questions:
            self.refuse(N_("no question has a text in %(language)s", language=LANGUAGES[languages[0]]))
        data = {"id": self.form_id(), "version": self.version(), "title": self.title(languages),
                "languages": languages, "intro": self.intro(intro, languages), "questions": questions}
        description = _only(self.text(self.form.get("vox_description")), languages)
        if description and len(description) == len(languages):
            data["description"] = description
        self.noticed(None, None)
        return data

    def finish(self, draft: _Draft, languages: list[str]) -> dict[str, Any] | None:
        """The question in the chosen languages; None (and a report line) when its text is missing."""
        data = dict(draft.data, text=_only(draft.data["text"], languages))
        if len(data["text"]) < len(languages):
            self.report.append(N_("row %(row)s: '%(name)s' has no %(language)s text; left out.", row=draft.row,
                                  name=draft.name, language=LANGUAGES[languages[0]]))
            return None
        if "options" in data:
            data["options"] = self.finish_options(draft, languages)
        return {k: v for k, v in data.items() if v not in (None, {}, [])}

    def finish_options(self, draft: _Draft, languages: list[str]) -> list[dict[str, Any]]:
        """The options in the chosen languages; an option without any text shows its name."""
        options, untitled = [], []
        for option in draft.data["options"]:
            text = _only(option["text"], languages)
            if len(text) < len(languages):
                untitled.append(name := draft.option_names[option["key"]])
                text = {code: text.get(code, name) for code in languages}
            options.append({k: v for k, v in dict(option, text=text).items() if v})
        if untitled:
            self.report.append(Nn_("row %(row)s: in '%(name)s', %(num)s option (%(options)s) has no text; its name "
                                   "is shown instead.",
                                   "row %(row)s: in '%(name)s', %(num)s options (%(options)s) have no text; their "
                                   "names are shown instead.", len(untitled), row=draft.row, name=draft.name,
                                   options=untitled))
        return options

    def intro(self, intro: _Draft | None, languages: list[str]) -> dict[str, Any]:
        if intro is not None:
            return {"text": _only(intro.data["text"], languages)}
        self.report.append(N_("The form has no introduction screen: Vox added its usual one (\"We want to know what "
                              "you really think...\")."))
        for code in languages:
            if code not in DEFAULT_INTRO:
                self.report.append(N_("There is no %(language)s introduction text in Vox yet: the English text is "
                                      "used; translate it.", language=LANGUAGES[code]))
        return {"text": {code: DEFAULT_INTRO.get(code, DEFAULT_INTRO["en"]) for code in languages}}

    def title(self, languages: list[str]) -> Text:
        """The title per language (``vox_title`` columns), else the one form title in every language."""
        plain = self.words(str(self.form.get("title") or Path(self.filename).stem)) or Path(self.filename).stem
        titles = self.text(self.form.get("vox_title"))
        return {code: titles.get(code, plain) for code in languages}

    def form_id(self) -> str:
        raw = str(self.form.get("id_string") or Path(self.filename).stem)
        slug = re.sub(r"-+", "-", re.sub(r"[^a-z0-9]", "-", raw.lower())).strip("-")[:63] or "imported-form"
        slug = slug if len(slug) > 1 else f"{slug}-form"
        if slug != raw and raw != Path(self.filename).stem:
            self.report.append(N_("The questionnaire's id is '%(slug)s' (the form id was '%(raw)s').", slug=slug,
                                  raw=raw[:70]))
        return slug

    def version(self) -> int:
        raw = str(self.form.get("version", "")).strip()
        if raw.isdecimal() and len(raw) <= len(str(MAX_VERSION)) and 1 <= int(raw) <= MAX_VERSION:
            return int(raw)
        if raw:
            self.report.append(N_("The form version '%(raw)s' is not a whole number from 1 to %(highest)s; this is "
                                  "version 1 in Vox.", raw=raw[:30], highest=MAX_VERSION))
        return 1


def _in_row_order(report: list[Message]) -> list[Message]:
    """Lines about a row sorted by row, then the lines about the whole form."""
    about_rows = sorted((line for line in report if "row" in line.values), key=lambda line: line.values["row"])
    return about_rows + [line for line in report if "row" not in line.values]


def _shows(pictures: dict[str, str]) -> list[Message]:
    """``a, b show 'help'``, ``yes shows 'thumb-up'``: which options show which stand-in pictogram."""
    by_picture: dict[str, list[str]] = {}
    for key, picture in pictures.items():
        by_picture.setdefault(picture, []).append(key)
    return [Nn_("%(options)s shows '%(picture)s'", "%(options)s show '%(picture)s'", len(keys), options=keys,
                picture=picture) for picture, keys in by_picture.items()]


def _texts(draft: _Draft) -> list[Text]:
    """The texts of a draft that count for completeness (options without any text do not)."""
    return [draft.data["text"]] + [option["text"] for option in draft.data.get("options", []) if option["text"]]


def _only(text: Text, languages: list[str]) -> Text:
    return {code: text[code] for code in languages if code in text}


def _guess_picture(choice: dict[str, Any], key: str) -> str:
    """A stand-in pictogram: thumbs for yes/no, a pictogram named like the option, else a question mark."""
    by_kind = {"yes": "thumb-up", "no": "thumb-down", "dont_know": "dont-know"}
    if kind := _answer_kind(choice):
        return by_kind[kind]
    named = key.replace("_", "-")
    return named if named in pictogram_names() else FALLBACK_PICTURE


DRAFT_BUILDERS: dict[str, Callable[..., _Draft | None]] = {
    SELECT_ONE: _Importer.draft_select,
    SELECT_MULTIPLE: _Importer.draft_select,
    "text": _Importer.draft_text,
    "string": _Importer.draft_text,
    "note": _Importer.draft_info,
}


# ---------------------------------------------------------------------------------------------
# Export


def export_xlsform(questionnaire: Questionnaire) -> bytes:
    """The questionnaire as an .xlsx XLSForm that KoboToolbox accepts and that imports back unchanged."""
    workbook = openpyxl.Workbook()
    _write_sheet(workbook.active, "survey", _survey_rows(questionnaire))
    _write_sheet(workbook.create_sheet(), "choices", _choice_rows(questionnaire))
    _write_sheet(workbook.create_sheet(), "settings", [_settings_row(questionnaire)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def language_column(code: str) -> str:
    """How an XLSForm names a language: ``English (en)``."""
    return f"{LANGUAGES[code].english} ({code})"


def _write_sheet(sheet, title: str, rows: list[dict[str, Any]]) -> None:
    """A sheet with one column per key used in ``rows``, in the order the keys first appear; every text stays
    text, even one that starts like a formula (``=``, ``+``, ``-``, ``@``)."""
    sheet.title = title
    columns = list(dict.fromkeys(key for row in rows for key, value in row.items() if value not in (None, "")))
    sheet.append([text_cell(sheet, column) for column in columns])
    for row in rows:
        sheet.append([text_cell(sheet, row.get(column)) for column in columns])


def _texts_in(prefix: str, text: Text, languages: list[str]) -> dict[str, str | None]:
    """``{"label::English (en)": ...}`` for every language; the fixed answers fall back to English."""
    return {f"{prefix}::{language_column(code)}": text.get(code) or text.get("en") for code in languages}


def _picture_in(picture: str | None, languages: list[str]) -> dict[str, str]:
    """The pictogram as ``<name>.svg`` in every language: a picture in a column without a language
    would only be shown in the form's default language."""
    return {f"media::image::{language_column(code)}": f"{picture}.svg" for code in languages} if picture else {}


def _audio_in(audio: Text, languages: list[str]) -> dict[str, str]:
    return {f"media::audio::{language_column(code)}": audio[code] for code in languages if code in audio}


def _survey_rows(questionnaire: Questionnaire) -> list[dict[str, Any]]:
    languages = questionnaire.languages
    intro_name = _unique("intro", {q.key for q in questionnaire.questions})
    rows = [{"type": "note", "name": intro_name, **_texts_in("label", questionnaire.intro.text, languages),
             **_audio_in(questionnaire.intro.audio, languages)}]
    for question in questionnaire.questions:
        rows.append({"type": EXPORT_TYPES[question.type](question), "name": question.key,
                     **_texts_in("label", question.text, languages),
                     **_picture_in(question.picture, languages),
                     **_audio_in(question.audio, languages), "vox_indicator": question.indicator,
                     "vox_max_length": question.settings.get("max_length")})
    return rows


def _choice_rows(questionnaire: Questionnaire) -> list[dict[str, Any]]:
    """One list per pictures question, and each fixed list (faces, thumbs) once."""
    rows, written = [], set()
    for question in questionnaire.questions:
        list_name = _list_name(question)
        if list_name is None or list_name in written:
            continue
        written.add(list_name)
        audio = {option.key: option.audio for option in question.options}
        for choice in question.choices():
            rows.append({"list_name": list_name, "name": choice.value,
                         **_texts_in("label", choice.text, questionnaire.languages),
                         **_picture_in(choice.picture, questionnaire.languages),
                         **_audio_in(audio.get(choice.value, {}), questionnaire.languages)})
    return rows


def _settings_row(questionnaire: Questionnaire) -> dict[str, Any]:
    languages = questionnaire.languages
    row = {"form_title": questionnaire.title[languages[0]], "form_id": questionnaire.id,
           "version": str(questionnaire.version), "default_language": language_column(languages[0]),
           **_texts_in("vox_title", questionnaire.title, languages)}
    if questionnaire.description:
        row.update(_texts_in("vox_description", questionnaire.description, languages))
    return row


def _list_name(question: Question) -> str | None:
    if question.type == "faces":
        words = "extent" if question.settings["labels"] == "extent" else "faces"
        return f"vox_{words}{question.settings['points']}"
    if question.type == "thumbs":
        return "vox_thumbs_dk" if question.settings["dont_know"] else "vox_thumbs"
    return f"options_{question.key}" if question.type == "pictures" else None


EXPORT_TYPES: dict[str, Callable[[Question], str]] = {
    "faces": lambda q: f"select_one {_list_name(q)}",
    "thumbs": lambda q: f"select_one {_list_name(q)}",
    "pictures": lambda q: f"{'select_multiple' if q.settings['multiple'] else 'select_one'} {_list_name(q)}",
    "text": lambda q: "text",
    "info": lambda q: "note",
}
