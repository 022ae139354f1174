"""Importing an XLSForm: pyxform's form walked into Vox questions, with a report for staff.

What the import keeps, changes and leaves out is described in the package's docstring (surveys/xlsform/__init__.py).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from pyxform.xls2json_backends import DefinitionData

from .. import LIBRARY_DIR
from ..labels import asks_who_someone_is, plain_text, references, without_references
from ..languages import LANGUAGES
from ..loader import MAX_VERSION, load_questionnaire, questionnaire_from_dict
from ..messages import N_, Message, Nn_
from ..model import Questionnaire, Text
from ..problems import QuestionnaireError
from ..types import QUESTION_TYPES
from .guessing import guess_picture, own_pictograms, scale_points, vox_pictogram, yes_no_kinds
from .names import language_code, unique_key, vox_key
from .reading import SheetRows, XLSFormError, as_list, check_size, read_bytes, read_form


def _library_intro() -> Text:
    """The intro of the library's short questionnaire: Vox's usual words, in every language it offers."""
    return load_questionnaire(LIBRARY_DIR / "after-activity.yaml").intro.text


#: the intro Vox adds when a form has none, per language
DEFAULT_INTRO: Text = _library_intro()

#: form types that would record who answered: Vox leaves them out for a reason of its own
IDENTIFYING_TYPES = {"deviceid", "uri:deviceid", "phonenumber", "subscriberid", "simserial", "username",
                     "email", "uri:email", "uri:username", "uri:phonenumber", "start-geopoint",
                     "background-geopoint", "background-audio", "audit"}

SELECT_ONE, SELECT_MULTIPLE = "select one", "select all that apply"
GENERIC_NOTES = {
    "logic": N_("Skip logic, answer checks and 'required' are left out: in Vox every question is shown "
                "and every question can be skipped."),
    "hint": N_("Hints under the questions are left out: Vox shows the question text only."),
    "default": N_("Preset answers are left out: Vox never answers for the respondent."),
    "choice_filter": N_("Choice filters are left out: every question shows all its options."),
}


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
        source = read_bytes(Path(source), filename)
    filename = filename or "form.xlsx"
    if default_language not in LANGUAGES:
        raise XLSFormError(N_("'%(code)s' is not a language Vox knows (%(known)s)", code=default_language,
                              known=list(LANGUAGES)))
    check_size(source, filename)
    definition, form = read_form(source, filename)
    return _Importer(definition, form, filename, default_language).run()


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
        self.rows = SheetRows(definition.survey or [])
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
        label = next(iter(as_list(element.get("label"))), "")
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
        key = unique_key(vox_key(name, "q"), self.keys)
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
        images = as_list(media.get("image"))
        picture = vox_pictogram(images)
        if images and picture is None:
            self.report.append(N_("row %(row)s: '%(name)s': %(files)s is not one of Vox's pictograms; the picture "
                                  "is left out (you can choose one in Vox).", row=row, name=element["name"],
                                  files=images))
        for other in sorted(set(media) - {"image", "audio"}):
            self.report.append(N_("row %(row)s: the %(kind)s file of '%(name)s' is left out.", row=row, kind=other,
                                  name=element["name"]))
        self.audio_files.update(as_list(media.get("audio")))
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
        if asks_who_someone_is(str(element["name"]), as_list(element.get("label"))):
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
        if multiple or (own_pictograms(choices) and not list_name.startswith("vox_")):
            return self.pictures_draft(element, row, choices, multiple)
        if points := scale_points(list_name, choices):
            return self.scale_draft(element, row, list_name, points)
        if kinds := yes_no_kinds(choices):
            return self.thumbs_draft(element, row, list_name, kinds)
        return self.pictures_draft(element, row, choices, multiple)

    def scale_draft(self, element: dict[str, Any], row: int, list_name: str, points: int) -> _Draft:
        if not list_name.startswith("vox_"):
            self.report.append(N_("row %(row)s: '%(name)s' is a %(points)s-point satisfaction scale: shown as "
                                  "%(points)s faces, answers stored as 1 (worst) to 5 (best).", row=row,
                                  name=element["name"], points=points))
        settings = QUESTION_TYPES["faces"].list_settings(list_name) or {"points": points}
        return self.new_draft(element, row, "faces", **settings)

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
            key = unique_key(vox_key(name, "option"), keys)
            draft.option_names[key] = name
            if key != name:
                renamed.append(f"{name} → {key}")
            media = choice.get("media", {})
            picture = vox_pictogram(as_list(media.get("image")))
            if picture is None:
                picture = guessed[key] = guess_picture(choice, key)
            self.audio_files.update(as_list(media.get("audio")))
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
        """The languages in which every text is there; see the package's docstring for the reasoning."""
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


DRAFT_BUILDERS: dict[str, Callable[..., _Draft | None]] = {
    SELECT_ONE: _Importer.draft_select,
    SELECT_MULTIPLE: _Importer.draft_select,
    "text": _Importer.draft_text,
    "string": _Importer.draft_text,
    "note": _Importer.draft_info,
}
