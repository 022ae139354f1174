"""The questionnaire editor's state: a draft that travels in the form until it is saved.

Adding a language or a question, moving or removing one, adding an option: each button sends
the whole form back and gets it again with the change made, so the editor works without
JavaScript and nothing is stored before "Save". The draft is the questionnaire as plain data
(the format of surveys.Questionnaire.to_dict()) in which texts may still be missing; each
question and option also remembers the key it was stored under (``origin``), so that its
recordings follow it when its key is changed.
"""

import copy
import re
from collections import defaultdict
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

import surveys

from ..numbers import whole_number
from .imports import staff_language_name, staff_text

Draft = dict[str, Any]

SETTING_KEYS = ("points", "labels", "dont_know", "multiple", "max_length")
#: the field paths the editor shows a problem next to (others go to the nearest of them)
SHOWN_PATHS = re.compile(r"^(title|description|intro\.text|languages|questions(\[\d+\](\.(key|type|text|picture|"
                         r"indicator|points|labels|dont_know|multiple|max_length|options(\[\d+\](\.(key|text|picture))?)?))?)?)$")


# -- the question types, in the staff member's words -------------------------------------------


def new_question_choices() -> list[tuple[str, str]]:
    """What "Add a question" offers: every preset of every question type, with its label for staff."""
    return [(key, staff_text(preset.label)) for key, (_kind, preset) in surveys.PRESETS.items()]


def type_name(name: str) -> str:
    """What staff call a question type ("Faces"); a name Vox does not know stays as it is."""
    kind = surveys.QUESTION_TYPES.get(name)
    return staff_text(kind.label) if kind else name


# -- from the stored questionnaire and from the form --------------------------------------------


def draft_from_definition(definition: dict[str, Any]) -> Draft:
    """The draft of a stored questionnaire: each question and option remembers its stored key."""
    draft = copy.deepcopy(definition)
    draft.setdefault("description", {})
    draft["intro"].setdefault("audio", {})
    for question in draft["questions"]:
        _fill_in(question)
        for option in question.get("options", []):
            option.update(origin=option["key"], picture=option.get("picture", ""), audio=option.get("audio", {}))
    return draft


def _fill_in(question: dict[str, Any]) -> None:
    """Give a stored question every field the editor shows, with the defaults the file leaves out."""
    kind = surveys.QUESTION_TYPES[question["type"]]
    for name, setting in kind.settings.items():
        question.setdefault(name, setting.default)
    for name, empty in (("picture", ""), ("indicator", ""), ("audio", {})):
        question.setdefault(name, empty)
    if kind.has_options:
        question.setdefault("options", [])
    question["origin"] = question["key"]


def draft_from_form(form: MultiDict, stored: dict[str, Any]) -> Draft:
    """Read the editor's fields back into a draft; recordings come from ``stored``, never from the form."""
    languages = [lang for lang in dict.fromkeys(form.getlist("languages")) if lang in surveys.LANGUAGES]
    intro_audio = _in_languages(stored.get("intro", {}).get("audio", {}), languages)
    stored_questions = {q["key"]: q for q in stored.get("questions", [])}
    return {
        "id": stored["id"], "version": stored["version"], "languages": languages,
        "title": texts(form, "title", languages),
        "description": texts(form, "description", languages),
        "intro": {"text": texts(form, "intro", languages), "audio": intro_audio},
        "questions": [_question(form, f"q{index}", languages, stored_questions)
                      for index in _indexes(form, r"q(\d+)\.type")],
    }


def texts(form: MultiDict, name: str, languages: list[str]) -> dict[str, str]:
    """The non-empty texts of field ``name`` per language."""
    found = {lang: form.get(f"{name}.{lang}", "").strip() for lang in languages}
    return {lang: text for lang, text in found.items() if text}


def _indexes(form: MultiDict, pattern: str) -> list[int]:
    """The numbers in the field names that match ``pattern``; a number no list can reach is left out."""
    found = (whole_number(match.group(1)) for name in form if (match := re.fullmatch(pattern, name)))
    return sorted({number for number in found if number is not None})


def _in_languages(audio: dict[str, str], languages: list[str]) -> dict[str, str]:
    return {lang: ref for lang, ref in audio.items() if lang in languages}


def _question(form: MultiDict, prefix: str, languages: list[str], stored: dict[str, dict]) -> dict[str, Any]:
    origin = form.get(f"{prefix}.origin", "")
    kind = form.get(f"{prefix}.type", "")
    question = {"key": form.get(f"{prefix}.key", "").strip(), "origin": origin, "type": kind,
                "text": texts(form, f"{prefix}.text", languages),
                "picture": form.get(f"{prefix}.picture", "").strip(),
                "indicator": form.get(f"{prefix}.indicator", "").strip(),
                "audio": _in_languages(stored.get(origin, {}).get("audio", {}), languages)}
    question.update(_settings(form, prefix, kind))
    if _has_options(kind):
        stored_options = {o["key"]: o for o in stored.get(origin, {}).get("options", [])}
        question["options"] = [_option(form, f"{prefix}.o{index}", languages, stored_options)
                               for index in _indexes(form, rf"{prefix}\.o(\d+)\.key")]
    return question


def _has_options(kind: str) -> bool:
    """Whether questions of the type named ``kind`` list their options (pictures); an unknown type lists none."""
    return kind in surveys.QUESTION_TYPES and surveys.QUESTION_TYPES[kind].has_options


def _settings(form: MultiDict, prefix: str, kind: str) -> dict[str, Any]:
    """The settings of the question's type; a number that is not one stays text, for the check to name."""
    settings = surveys.QUESTION_TYPES[kind].settings if kind in surveys.QUESTION_TYPES else {}
    found: dict[str, Any] = {}
    for name, setting in settings.items():
        if setting.kind is bool:
            found[name] = f"{prefix}.{name}" in form
        else:
            raw = form.get(f"{prefix}.{name}", "").strip()
            number = whole_number(raw)
            found[name] = raw if number is None else number
    return found


def _option(form: MultiDict, prefix: str, languages: list[str], stored: dict[str, dict]) -> dict[str, Any]:
    origin = form.get(f"{prefix}.origin", "")
    return {"key": form.get(f"{prefix}.key", "").strip(), "origin": origin,
            "picture": form.get(f"{prefix}.picture", "").strip(),
            "text": texts(form, f"{prefix}.text", languages),
            "audio": _in_languages(stored.get(origin, {}).get("audio", {}), languages)}


# -- to the definition that is checked and stored -----------------------------------------------


def definition_from_draft(draft: Draft) -> dict[str, Any]:
    """The draft in the questionnaire format: without the editor's own keys and without empty values."""
    data = copy.deepcopy(draft)
    for question in data["questions"]:
        question.pop("origin", None)
        for option in question.get("options", []):
            option.pop("origin", None)
            _drop_empty(option)
        _drop_empty(question)
    _drop_empty(data["intro"])
    _drop_empty(data)
    return data


def _drop_empty(data: dict[str, Any]) -> None:
    for key in [k for k, v in data.items() if v in ("", None, {}) and k != "questions"]:
        del data[key]


# -- the buttons that change the draft ----------------------------------------------------------


def apply_change(draft: Draft, action: str, form: MultiDict) -> str:
    """Make the change a button asks for (``verb`` or ``verb:question`` or ``verb:question:option``).

    Returns the field path to show afterwards. A button for something that is not there changes nothing.
    """
    verb, _, rest = action.partition(":")
    numbers = [whole_number(part) for part in rest.split(":")] if rest else []
    change = CHANGES.get(verb)
    if change is None or None in numbers:
        return ""
    try:
        return change(draft, form, *numbers)
    except (IndexError, TypeError, KeyError):
        return ""


def add_language(draft: Draft, form: MultiDict) -> str:
    language = form.get("new_language", "")
    if language in surveys.LANGUAGES and language not in draft["languages"]:
        draft["languages"].append(language)
    return "languages"


def remove_language(draft: Draft, form: MultiDict, position: int) -> str:
    if len(draft["languages"]) > 1:
        language = draft["languages"].pop(position)
        for text in _all_texts(draft):
            text.pop(language, None)
    return "languages"


def _all_texts(draft: Draft) -> list[dict[str, str]]:
    found = [draft["title"], draft["description"], draft["intro"]["text"], draft["intro"].get("audio", {})]
    for question in draft["questions"]:
        found += [question["text"], question.get("audio", {})]
        for option in question.get("options", []):
            found += [option["text"], option.get("audio", {})]
    return found


def add_question(draft: Draft, form: MultiDict) -> str:
    chosen = surveys.PRESETS.get(form.get("new_type", ""))
    if chosen is None:
        return "questions"
    kind, preset = chosen
    taken = {q["key"] for q in draft["questions"]}
    question = {"key": _free_key("question", len(draft["questions"]) + 1, taken), "origin": "", "text": {},
                "picture": "", "indicator": "", "audio": {}, "type": kind.name, **preset.settings}
    question.update({name: question.get(name, setting.default) for name, setting in kind.settings.items()})
    if kind.has_options:
        question["options"] = []
        for _ in range(2):
            add_option(draft, form, len(draft["questions"]), question)
    draft["questions"].append(question)
    return f"questions[{len(draft['questions']) - 1}]"


def _free_key(stem: str, number: int, taken: set[str]) -> str:
    while f"{stem}_{number}" in taken:
        number += 1
    return f"{stem}_{number}"


def remove_question(draft: Draft, form: MultiDict, index: int) -> str:
    draft["questions"].pop(index)
    return "questions"


def move_question(draft: Draft, form: MultiDict, index: int, step: int) -> str:
    return f"questions[{_swap(draft['questions'], index, step)}]"


def _swap(items: list, index: int, step: int) -> int:
    """Move item ``index`` one place up (step -1) or down (+1); returns where it is now."""
    other = index + step
    if index < 0 or not 0 <= other < len(items):
        return index
    items[index], items[other] = items[other], items[index]
    return other


def add_option(draft: Draft, form: MultiDict, index: int, question: dict | None = None) -> str:
    question = question or draft["questions"][index]
    if not _has_options(question["type"]):
        return f"questions[{index}]"
    taken = {o["key"] for o in question["options"]}
    question["options"].append({"key": _free_key("option", len(question["options"]) + 1, taken), "origin": "",
                                "picture": "", "text": {}, "audio": {}})
    return f"questions[{index}].options[{len(question['options']) - 1}]"


def remove_option(draft: Draft, form: MultiDict, index: int, position: int) -> str:
    draft["questions"][index]["options"].pop(position)
    return f"questions[{index}].options"


def move_option(draft: Draft, form: MultiDict, index: int, position: int, step: int) -> str:
    options = draft["questions"][index]["options"]
    return f"questions[{index}].options[{_swap(options, position, step)}]"


CHANGES = {
    "add_language": add_language,
    "remove_language": remove_language,
    "add_question": add_question,
    "remove_question": remove_question,
    "question_up": lambda draft, form, index: move_question(draft, form, index, -1),
    "question_down": lambda draft, form, index: move_question(draft, form, index, 1),
    "add_option": add_option,
    "remove_option": remove_option,
    "option_up": lambda draft, form, index, position: move_option(draft, form, index, position, -1),
    "option_down": lambda draft, form, index, position: move_option(draft, form, index, position, 1),
}


# -- showing it ------------------------------------------------------------------------------------


def completeness(draft: Draft) -> dict[str, float]:
    """Share of the draft's visible texts present in each of its languages."""
    shown = [draft["title"], draft["intro"]["text"]] + ([draft["description"]] if draft["description"] else [])
    for question in draft["questions"]:
        shown.append(question["text"])
        shown += [option["text"] for option in question.get("options", [])]
    return {lang: sum(1 for text in shown if text.get(lang)) / len(shown) for lang in draft["languages"]}


def shown_path(path: str) -> str:
    """The field the editor shows a problem at ``path`` next to: the path itself or its nearest parent."""
    while path and not SHOWN_PATHS.match(path):
        shorter = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", path)
        path = shorter if shorter != path else ""
    return path


def problems_by_field(problems: list[surveys.Problem]) -> dict[str, list[str]]:
    """The problems' messages grouped by the field they are shown next to ("" for the whole questionnaire)."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for problem in problems:
        grouped[shown_path(problem.path)].append(_message(problem))
    return dict(grouped)


def problem_list(problems: list[surveys.Problem]) -> list[tuple[str, str, str]]:
    """Each problem as (the field in words, the message, the id of the field it is shown next to)."""
    return [(field_label(problem.path), staff_text(problem.message), field_id(shown_path(problem.path)))
            for problem in problems]


def _message(problem: surveys.Problem) -> str:
    """The problem in words, naming the language when the path ends in one (``questions[0].text.ar``)."""
    language = problem.path.rsplit(".", 1)[-1]
    if language in surveys.LANGUAGES and not SHOWN_PATHS.match(problem.path):
        return f"{staff_language_name(surveys.LANGUAGES[language])}: {staff_text(problem.message)}"
    return staff_text(problem.message)


FIELD_NAMES = {
    "": _l("The questionnaire"), "title": _l("Title"), "description": _l("Description"),
    "intro.text": _l("Introduction"), "languages": _l("Languages"), "questions": _l("Questions"),
    "text": _l("text"), "key": _l("key"), "picture": _l("pictogram"), "indicator": _l("indicator"),
    "points": _l("number of faces"), "labels": _l("words under the faces"),
    "dont_know": _l("don't know"), "multiple": _l("more than one"),
    "max_length": _l("longest comment"), "options": _l("options"), "type": _l("kind of question"),
}


def field_label(path: str) -> str:
    """A field path in words for staff: ``questions[2].options[0].text`` -> "Screen 3, option 1: text"."""
    path = shown_path(path)
    found = re.fullmatch(r"questions\[(\d+)\](?:\.options\[(\d+)\])?(?:\.(\w+))?", path)
    if not found:
        return str(FIELD_NAMES.get(path, path))
    screen, option, field = found.groups()
    label = _("Screen %(number)s", number=int(screen) + 1)
    if option is not None:
        label = _("%(screen)s, option %(number)s", screen=label, number=int(option) + 1)
    return f"{label}: {FIELD_NAMES.get(field, field)}" if field else label


def field_id(path: str) -> str:
    """An HTML id for a field path: ``questions[2].options[1].text`` -> ``f-questions-2-options-1-text``."""
    return "f-" + (re.sub(r"[^a-z0-9_]+", "-", path.lower()).strip("-") or "top")
