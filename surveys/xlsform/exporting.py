"""Exporting a questionnaire as an XLSForm that KoboToolbox converts and that imports back unchanged."""

import io
from typing import Any

import openpyxl

from ..cells import text_cell
from ..model import Questionnaire, Text
from .names import language_column, unique_key


def export_xlsform(questionnaire: Questionnaire) -> bytes:
    """The questionnaire as an .xlsx XLSForm that KoboToolbox accepts and that imports back unchanged."""
    workbook = openpyxl.Workbook()
    _write_sheet(workbook.active, "survey", _survey_rows(questionnaire))
    _write_sheet(workbook.create_sheet(), "choices", _choice_rows(questionnaire))
    _write_sheet(workbook.create_sheet(), "settings", [_settings_row(questionnaire)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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
    intro_name = unique_key("intro", {q.key for q in questionnaire.questions})
    rows = [{"type": "note", "name": intro_name, **_texts_in("label", questionnaire.intro.text, languages),
             **_audio_in(questionnaire.intro.audio, languages)}]
    for question in questionnaire.questions:
        rows.append({"type": question.kind.xlsform_type(question), "name": question.key,
                     **_texts_in("label", question.text, languages),
                     **_picture_in(question.picture, languages),
                     **_audio_in(question.audio, languages), "vox_indicator": question.indicator,
                     "vox_max_length": question.settings.get("max_length")})
    return rows


def _choice_rows(questionnaire: Questionnaire) -> list[dict[str, Any]]:
    """The choices of each question under the list name its type gives: a fixed list (faces, thumbs) once."""
    rows, written = [], set()
    for question in questionnaire.questions:
        list_name = question.kind.xlsform_list(question)
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

