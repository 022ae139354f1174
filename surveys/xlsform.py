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
- Translations: foreign files often lack a text here and there. Vox needs every text in every
  language, so the questionnaire keeps the languages that are complete and the report names
  each language left out and how many texts it lacked. When no language is complete, the most
  complete one is kept and the few questions without a text in it are left out. This lets
  nearly every file import into a questionnaire that works at once; staff can add the missing
  languages later in Vox.

The export writes a spreadsheet that pyxform (and so KoboToolbox) converts without error and
that keeps everything of our format: Vox-only data lives in columns pyxform tolerates
(``vox_indicator``, ``vox_max_length`` on the survey sheet, ``vox_title::...`` and
``vox_description::...`` on the settings sheet), the intro is the first ``note`` row, and the
fixed answers use the lists ``vox_faces5``, ``vox_faces3``, ``vox_thumbs`` and ``vox_thumbs_dk``.
"""

import io
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import openpyxl
from pyxform.errors import PyXFormError
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import DefinitionData, get_xlsform

from .languages import LANGUAGES, language_name
from .loader import questionnaire_from_dict
from .model import Question, Questionnaire, Text
from .pictures import pictogram_names
from .problems import QuestionnaireError

FILE_TYPES = (".xlsx", ".xlsm", ".xls", ".csv", ".md")

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
    "logic": "Skip logic, answer checks and 'required' are left out: in Vox every question is shown "
             "and every question can be skipped.",
    "hint": "Hints under the questions are left out: Vox shows the question text only.",
    "default": "Preset answers are left out: Vox never answers for the respondent.",
    "choice_filter": "Choice filters are left out: every question shows all its options.",
}


class XLSFormError(Exception):
    """A file Vox cannot take at all; the message is one line that says which file and why."""

    def __init__(self, message: str, report: list[str] | None = None):
        super().__init__(message)
        #: what the import noticed before it gave up, for whoever wants the details
        self.report = report or []


@dataclass
class ImportResult:
    """A questionnaire made from an XLSForm, and what was changed or left out, for staff to read."""

    questionnaire: Questionnaire
    report: list[str] = field(default_factory=list)


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
        raise XLSFormError(f"'{default_language}' is not a language Vox knows ({', '.join(LANGUAGES)})")
    definition, form = _read_form(source, filename)
    return _Importer(definition, form, filename, default_language).run()


def _read_bytes(path: Path, filename: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise XLSFormError(f"{filename}: cannot read the file ({exc.strerror})") from None


def _read_form(source: bytes, filename: str) -> tuple[DefinitionData, dict[str, Any]]:
    """The raw rows and pyxform's reading of the form; pyxform's complaints become one-line errors."""
    suffix = Path(filename).suffix.lower()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the spreadsheet libraries' remarks are not for staff
            definition = get_xlsform(source, file_type=suffix if suffix in FILE_TYPES else None)
            form = workbook_to_json(definition, fallback_form_name=Path(filename).stem, warnings=[])
    except PyXFormError as exc:
        raise XLSFormError(f"{filename}: {_one_line(str(exc))}") from None
    except Exception as exc:  # a damaged file breaks the spreadsheet readers in many ways
        reason = _one_line(str(exc)) or type(exc).__name__
        raise XLSFormError(f"{filename}: cannot read this file as an XLSForm spreadsheet ({reason})") from None
    return definition, form


def _one_line(message: str) -> str:
    """pyxform's message without links and line breaks, rows written the way staff say them."""
    if "not recognized as a supported type" in message:
        return "this is not an XLSForm spreadsheet Vox can read (.xlsx, .xls, .csv or .md)."
    message = re.sub(r"\s*Learn more: \S+", "", message)
    message = re.sub(r"\[row\s*:\s*(\d+)\]", r"row \1:", message)
    return " ".join(message.split()).rstrip(".") + "." if message.strip() else ""


# ---------------------------------------------------------------------------------------------
# Import: languages, keys and pictures


def language_code(column_language: str) -> str | None:
    """The Vox code of a language as XLSForm columns name it: ``English (en)``, ``french``, ``NL``."""
    name = column_language.strip()
    if match := re.search(r"\(([^()]+)\)\s*$", name):
        code = match.group(1).strip().lower()
        return code if code in LANGUAGES else None
    lowered = name.casefold()
    for lang in LANGUAGES.values():
        if lowered in (lang.code, lang.english.casefold(), lang.endonym.casefold()):
            return lang.code
    return None


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
    if match := re.fullmatch(r"vox_faces([35])", list_name):
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
        self.report: list[str] = []
        self.notes: set[str] = set()
        self.skipped_languages: dict[str, None] = {}
        self.keys: set[str] = set()
        self.drafts: list[_Draft] = []

    def run(self) -> ImportResult:
        self.walk(self.form.get("children", []))
        intro = self.take_intro()
        if not self.drafts:
            self.refuse("there is no question left that Vox can ask")
        languages = self.choose_languages(intro)
        data = self.questionnaire_data(languages, intro)
        self.report.extend(GENERIC_NOTES[key] for key in GENERIC_NOTES if key in self.notes)
        count = len(data["questions"])
        summary = (f"{count} question{'' if count == 1 else 's'} imported in "
                   f"{', '.join(map(language_name, languages))}.")
        try:
            questionnaire = questionnaire_from_dict(data, name=self.filename, base_dir=None)
        except QuestionnaireError as exc:
            problem = exc.problems[0]
            self.refuse(f"{problem.path}: {problem.message}" if problem.path else problem.message)
        return ImportResult(questionnaire, [summary, *_in_row_order(self.report)])

    def refuse(self, reason: str) -> NoReturn:
        first = next((line for line in self.report if line.startswith("row ")), "")
        raise XLSFormError(f"{self.filename}: {reason}" + (f" ({first})" if first else ""), self.report)

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
        shown = f" ({label})" if label else ""
        self.report.append(f"row {row}: the group '{element['name']}'{shown} is not kept as a group; "
                           "its questions are asked one after another.")
        self.walk(element.get("children", []))

    def leave_out_repeat(self, element: dict[str, Any], row: int) -> None:
        count = self.count_rows(element.get("children", []))
        self.report.append(f"row {row}: '{element['name']}' (repeat group) has no Vox equivalent; "
                           f"left out with the {count} question(s) in it.")

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
        if not text:
            self.report.append(f"row {row}: '{element['name']}' has no text in a language Vox offers; left out.")
            return None
        draft = build(self, element, row, written_type)
        if draft is not None:
            draft.data.update(text=text, indicator=self.indicator(element, row), **self.media(element, row))
            self.warn_about_references(draft)
        return draft

    def leave_out_type(self, element: dict[str, Any], row: int, written_type: str) -> None:
        kind = element.get("type", "")
        shown = kind if element.get("itemset") or not written_type else written_type
        if kind in IDENTIFYING_TYPES:
            self.report.append(f"row {row}: '{element['name']}' ({shown}) would record who answered; "
                               "left out: answers in Vox are anonymous.")
        else:
            self.report.append(f"row {row}: '{element['name']}' ({shown}) has no Vox equivalent; left out.")

    def new_draft(self, element: dict[str, Any], row: int, kind: str, **settings: Any) -> _Draft:
        name = str(element["name"])
        key = _unique(vox_key(name, "q"), self.keys)
        if key != name:
            self.report.append(f"row {row}: the name '{name}' is now '{key}' (Vox keys use a-z, 0-9 and _).")
        return _Draft(row, name, {"key": key, "type": kind, **settings})

    def warn_about_references(self, draft: _Draft) -> None:
        references = sorted(set(re.findall(r"\$\{[^}]*\}", " ".join(draft.data["text"].values()))))
        if references:
            self.report.append(f"row {draft.row}: the text of '{draft.name}' shows {', '.join(references)}, "
                               "which Vox cannot fill in; edit the text.")

    # -- texts and media ---------------------------------------------------------------------

    def text(self, value: Any) -> Text:
        """A label as a Vox text: per language code, languages Vox does not offer set aside."""
        if value is None:
            return {}
        items = value.items() if isinstance(value, dict) else [("default", value)]
        text: Text = {}
        for column, words in sorted(items, key=lambda item: item[0] != "default"):
            code = self.plain_language if column == "default" else language_code(column)
            if code is None:
                self.skipped_languages[column.strip()] = None
            elif str(words).strip():
                text[code] = str(words).strip()
        return text

    def media(self, element: dict[str, Any], row: int) -> dict[str, Any]:
        """The picture (when it is a Vox pictogram) and the audio files of a question."""
        media = element.get("media", {})
        images = _as_list(media.get("image"))
        picture = _pictogram(images)
        if images and picture is None:
            self.report.append(f"row {row}: '{element['name']}': {', '.join(images)} is not one of Vox's "
                               "pictograms; the picture is left out (you can choose one in Vox).")
        for other in sorted(set(media) - {"image", "audio"}):
            self.report.append(f"row {row}: the {other} file of '{element['name']}' is left out.")
        return {"picture": picture, "audio": self.text(media.get("audio"))}

    # -- the question types ------------------------------------------------------------------

    def draft_text(self, element: dict[str, Any], row: int, written_type: str) -> _Draft:
        settings = {}
        raw = str(element.get("vox_max_length", "")).strip()
        if raw.isdigit() and 1 <= int(raw) <= 2000:
            settings["max_length"] = int(raw)
        elif raw:
            self.report.append(f"row {row}: the maximum length '{raw}' is not a number from 1 to 2000; "
                               "Vox uses its usual 500 characters.")
        return self.new_draft(element, row, "text", **settings)

    def draft_info(self, element: dict[str, Any], row: int, written_type: str) -> _Draft:
        return self.new_draft(element, row, "info")

    def draft_select(self, element: dict[str, Any], row: int, written_type: str) -> _Draft | None:
        list_name = str(element.get("list_name") or element.get("itemset") or "")
        choices = self.form.get("choices", {}).get(list_name) or element.get("choices") or []
        if re.search(r"or.specify.other|or_other", written_type):
            self.report.append(f"row {row}: '{element['name']}': the text box for 'other, please specify' is "
                               "left out; the option 'other' is kept.")
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
            self.report.append(f"row {row}: '{element['name']}' is a {points}-point satisfaction scale: shown as "
                               f"{points} faces, answers stored as 1 (worst) to 5 (best).")
        return self.new_draft(element, row, "faces", points=points)

    def thumbs_draft(self, element: dict[str, Any], row: int, list_name: str, kinds: list[str]) -> _Draft:
        dont_know = "dont_know" in kinds
        if not list_name.startswith("vox_"):
            extra = " and 'don't know'" if dont_know else ""
            self.report.append(f"row {row}: '{element['name']}' is a yes/no question: shown as thumbs up and "
                               f"down{extra}.")
        return self.new_draft(element, row, "thumbs", dont_know=dont_know)

    def pictures_draft(self, element: dict[str, Any], row: int, choices: list[dict[str, Any]],
                       multiple: bool) -> _Draft | None:
        draft = self.new_draft(element, row, "pictures", multiple=multiple)
        draft.data["options"] = self.options(draft, choices)
        if len(draft.data["options"]) < 2:
            self.keys.discard(draft.data["key"])
            self.report.append(f"row {row}: '{element['name']}' has fewer than two options; left out.")
            return None
        return draft

    def options(self, draft: _Draft, choices: list[dict[str, Any]]) -> list[dict[str, Any]]:
        options, keys, renamed, guessed = [], set(), [], {}
        for choice in choices:
            name = str(choice.get("name", "")).strip()
            if name in draft.option_names.values():
                self.report.append(f"row {draft.row}: '{draft.name}' lists the option '{name}' twice; kept once.")
                continue
            key = _unique(vox_key(name, "option"), keys)
            draft.option_names[key] = name
            if key != name:
                renamed.append(f"{name} → {key}")
            media = choice.get("media", {})
            picture = _pictogram(_as_list(media.get("image")))
            if picture is None:
                picture = guessed[key] = _guess_picture(choice, key)
            options.append({"key": key, "picture": picture, "text": self.text(choice.get("label")),
                            "audio": self.text(media.get("audio"))})
        if renamed:
            self.report.append(f"row {draft.row}: in '{draft.name}', option names changed to fit Vox: "
                               f"{', '.join(renamed)}.")
        if guessed:
            self.report.append(f"row {draft.row}: '{draft.name}': the file gives no Vox pictogram for "
                               f"{_count(len(guessed), 'option')}; for now {_shows(guessed)}. Choose pictures in Vox.")
        return options

    def indicator(self, element: dict[str, Any], row: int) -> str | None:
        value = str(element.get("vox_indicator", "")).strip()
        if value and not re.fullmatch(r"[a-z][a-z0-9_]{0,62}", value):
            self.report.append(f"row {row}: the indicator '{value}' is not a valid indicator name; left out.")
            return None
        return value or None

    # -- the whole questionnaire -------------------------------------------------------------

    def take_intro(self) -> _Draft | None:
        """A leading note becomes the intro screen, as long as something follows it."""
        if len(self.drafts) > 1 and self.drafts[0].data["type"] == "info":
            intro = self.drafts.pop(0)
            if not re.fullmatch(r"intro(_\d+)?", intro.name):
                self.report.append(f"row {intro.row}: the note '{intro.name}' is used as the introduction screen.")
            if intro.data.get("picture"):
                self.report.append(f"row {intro.row}: the introduction screen shows no picture; left out.")
            return intro
        return None

    def choose_languages(self, intro: _Draft | None) -> list[str]:
        """The languages in which every text is there; see the module docstring for the reasoning."""
        texts = [text for draft in self.all_drafts(intro) for text in _texts(draft)]
        seen = list(dict.fromkeys(code for text in texts for code in text))
        complete = [code for code in seen if all(code in text for text in texts)]
        languages = complete or [max(seen, key=lambda c: (sum(c in t for t in texts), c == self.default_language))]
        for column in self.skipped_languages:
            self.report.append(f"The {column[:1].upper()}{column[1:]} texts are left out: Vox does not offer "
                               "this language.")
        for code in seen:
            if code not in languages:
                missing = sum(code not in text for text in texts)
                self.report.append(f"{language_name(code)} is left out: it is missing in {missing} of the "
                                   f"{len(texts)} texts.")
        return languages

    def all_drafts(self, intro: _Draft | None) -> list[_Draft]:
        return ([intro] if intro else []) + self.drafts

    def questionnaire_data(self, languages: list[str], intro: _Draft | None) -> dict[str, Any]:
        questions = [data for draft in self.drafts if (data := self.finish(draft, languages)) is not None]
        if not questions:
            self.refuse(f"no question has a text in {language_name(languages[0])}")
        data = {"id": self.form_id(), "version": self.version(), "title": self.title(languages),
                "languages": languages, "intro": self.intro(intro, languages), "questions": questions}
        description = _only(self.text(self.form.get("vox_description")), languages)
        if description and len(description) == len(languages):
            data["description"] = description
        return data

    def finish(self, draft: _Draft, languages: list[str]) -> dict[str, Any] | None:
        """The question in the chosen languages; None (and a report line) when its text is missing."""
        data = dict(draft.data, text=_only(draft.data["text"], languages),
                    audio=_only(draft.data.get("audio", {}), languages))
        if len(data["text"]) < len(languages):
            self.report.append(f"row {draft.row}: '{draft.name}' has no {language_name(languages[0])} text; "
                               "left out.")
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
            audio = _only(option["audio"], languages)
            options.append({k: v for k, v in dict(option, text=text, audio=audio).items() if v})
        if untitled:
            self.report.append(f"row {draft.row}: in '{draft.name}', {_count(len(untitled), 'option')} "
                               f"({', '.join(untitled)}) have no text; their names are shown instead.")
        return options

    def intro(self, intro: _Draft | None, languages: list[str]) -> dict[str, Any]:
        if intro is not None:
            return {"text": _only(intro.data["text"], languages), "audio": _only(intro.data["audio"], languages)}
        self.report.append("The form has no introduction screen: Vox added its usual one (\"We want to know what "
                           "you really think...\").")
        for code in languages:
            if code not in DEFAULT_INTRO:
                self.report.append(f"There is no {language_name(code)} introduction text in Vox yet: the English "
                                   "text is used; translate it.")
        return {"text": {code: DEFAULT_INTRO.get(code, DEFAULT_INTRO["en"]) for code in languages}}

    def title(self, languages: list[str]) -> Text:
        """The title per language (``vox_title`` columns), else the one form title in every language."""
        plain = str(self.form.get("title") or Path(self.filename).stem).strip()
        titles = self.text(self.form.get("vox_title"))
        return {code: titles.get(code, plain) for code in languages}

    def form_id(self) -> str:
        raw = str(self.form.get("id_string") or Path(self.filename).stem)
        slug = re.sub(r"-+", "-", re.sub(r"[^a-z0-9]", "-", raw.lower())).strip("-")[:63] or "imported-form"
        slug = slug if len(slug) > 1 else f"{slug}-form"
        if slug != raw and raw != Path(self.filename).stem:
            self.report.append(f"The questionnaire's id is '{slug}' (the form id was '{raw}').")
        return slug

    def version(self) -> int:
        raw = str(self.form.get("version", "")).strip()
        if raw.isdigit() and int(raw) >= 1:
            return int(raw)
        if raw:
            self.report.append(f"The form version '{raw}' is not a whole number; this is version 1 in Vox.")
        return 1


def _in_row_order(report: list[str]) -> list[str]:
    """Lines about a row sorted by row, then the lines about the whole form."""
    about_rows = [line for line in report if re.match(r"row \d+:", line)]
    about_rows.sort(key=lambda line: int(line.split()[1].rstrip(":")))
    return about_rows + [line for line in report if line not in about_rows]


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}" if number == 1 else f"{number} {thing}s"


def _shows(pictures: dict[str, str]) -> str:
    """``a, b show 'help', yes shows 'thumb-up'``: which options show which stand-in pictogram."""
    by_picture: dict[str, list[str]] = {}
    for key, picture in pictures.items():
        by_picture.setdefault(picture, []).append(key)
    return ", ".join(f"{', '.join(keys)} {'shows' if len(keys) == 1 else 'show'} '{picture}'"
                     for picture, keys in by_picture.items())


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
    return f"{language_name(code)} ({code})"


def _write_sheet(sheet, title: str, rows: list[dict[str, Any]]) -> None:
    """A sheet with one column per key used in ``rows``, in the order the keys first appear."""
    sheet.title = title
    columns = list(dict.fromkeys(key for row in rows for key, value in row.items() if value not in (None, "")))
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(column) for column in columns])


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
        return f"vox_faces{question.settings['points']}"
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
