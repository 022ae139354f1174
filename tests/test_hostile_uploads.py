"""Hostile questionnaire files (the attack review, issue 11): each is refused at once with a message that
says what is wrong and where, from the command line and from the web import, and nothing is stored.

The files are the benchmark's (bench/hostile_uploads.py), made smaller where the size is not the point;
how fast they are refused is measured there, not here.
"""

import io

import openpyxl
import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

import surveys
from app.extensions import db
from app.models import Questionnaire, Role, User
from bench.hostile_uploads import alias_bomb, big_yaml, deep_yaml, formatted_xlsx, zip_bomb_xlsx
from surveys.xlsform import XLSFormError, import_xlsform
from tests.clients import logged_in

GOOD = """\
id: fine
version: 1
languages: [en]
title: {en: Fine}
intro:
  text: {en: Nobody sees your answers.}
questions:
  - key: liked
    type: faces
    text: {en: 'How was it?'}
"""


def problems(content: bytes, name: str = "form.yaml") -> list[str]:
    return [str(problem) for problem in surveys.check_questionnaire(content, name=name)]


# -- the loader and `flask surveys check` ---------------------------------------------------------------


def test_an_alias_bomb_is_refused_at_its_first_alias():
    assert problems(alias_bomb(levels=6), "bomb.yaml") == [
        "bomb.yaml:2: YAML aliases (*a) are not allowed in a questionnaire: write each text out in full"]


def test_lists_nested_deeper_than_any_questionnaire_are_refused():
    assert problems(deep_yaml(100_000), "deep.yaml") == [
        "deep.yaml:2: nested more than 20 levels deep; a questionnaire needs far fewer"]


def test_a_yaml_file_over_half_a_megabyte_is_refused_before_it_is_read():
    assert problems(big_yaml(600_000), "big.yaml") == [
        "big.yaml: the file is 0.6 MB; a questionnaire file is at most 0.5 MB"]


def test_a_syntax_error_at_the_end_of_a_long_file_is_named_with_its_line():
    content = big_yaml(200_000) + b"  - key: [unclosed\n"
    assert problems(content, "long.yaml") == ["long.yaml:5265: YAML syntax error: did not find expected ',' or ']'"]


def test_flask_surveys_check_refuses_the_alias_bomb_deep_nesting_and_a_big_file(app, tmp_path):
    bomb, deep, big = tmp_path / "bomb.yaml", tmp_path / "deep.yaml", tmp_path / "big.yaml"
    bomb.write_bytes(alias_bomb())
    deep.write_bytes(deep_yaml())
    big.write_bytes(big_yaml())
    result = app.test_cli_runner().invoke(args=["surveys", "check", str(bomb), str(deep), str(big)])
    assert result.exit_code == 1
    assert f"{bomb}:2: YAML aliases (*a) are not allowed" in result.output
    assert f"{deep}:2: nested more than 20 levels deep" in result.output
    assert f"{big}: the file is 4.7 MB; a questionnaire file is at most 0.5 MB" in result.output
    assert "Traceback" not in result.output


def test_flask_surveys_import_refuses_a_zip_bomb_and_writes_nothing(app, tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(zip_bomb_xlsx(30_000_000))
    result = app.test_cli_runner().invoke(args=["surveys", "import", str(bomb), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.strip() == ("bomb.xlsx: the spreadsheet unpacks to 28.3 MB; Vox reads spreadsheets of at "
                                     "most 5.0 MB unpacked.")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("change", "expected"), [
    (("version: 1", "version: " + "9" * 5000), "form.yaml:2 version: must be a whole number from 1 to 1000000"),
    (("version: 1", "version: 10000000000"), "form.yaml:2 version: must be a whole number from 1 to 1000000"),
    (("languages: [en]", "languages: [[en]]"),
     "form.yaml:3 languages[0]: must be a language code such as nl, fr or en"),
    (("type: faces", "type: [faces]"),
     "form.yaml:9 questions[0].type: must be one question type (faces, thumbs, pictures, text, info)"),
    (("type: faces", "type: {faces: 5}"),
     "form.yaml:9 questions[0].type: must be one question type (faces, thumbs, pictures, text, info)"),
    (("title: {en: Fine}", 'title: {en: "Fine \\ud800"}'), "form.yaml:4: YAML syntax error"),
])
def test_odd_values_get_a_problem_with_line_and_field(change, expected):
    found = problems(GOOD.replace(*change).encode())
    assert found and found[0].startswith(expected), found


def test_texts_made_elsewhere_with_a_lone_surrogate_are_refused_by_field():
    data = surveys.load_questionnaire(GOOD.encode()).to_dict()
    data["questions"][0]["text"]["en"] = "How was it \ud800?"
    with pytest.raises(surveys.QuestionnaireError) as caught:
        surveys.questionnaire_from_dict(data, name="edited")
    assert [str(p) for p in caught.value.problems] == [
        "edited questions[0].text.en: contains a character that is not text (U+D800); type the text again"]


# -- the spreadsheet import -------------------------------------------------------------------------------


def test_a_zip_bomb_spreadsheet_is_refused_before_it_is_unpacked():
    with pytest.raises(XLSFormError) as caught:
        import_xlsform(zip_bomb_xlsx(30_000_000), filename="bomb.xlsx")
    assert str(caught.value) == ("bomb.xlsx: the spreadsheet unpacks to 28.3 MB; Vox reads spreadsheets of at most "
                                 "5.0 MB unpacked.")


def test_a_spreadsheet_with_more_filled_cells_than_a_form_needs_is_refused():
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("survey")
    sheet.append(["type", "name", "label"])
    for number in range(12_000):
        sheet.append(["text", f"q{number}", f"What do you think of part {number}?"])
    content = io.BytesIO()
    workbook.save(content)
    with pytest.raises(XLSFormError) as caught:
        import_xlsform(content.getvalue(), filename="long.xlsx")
    message = str(caught.value)
    assert message.startswith("long.xlsx: the spreadsheet holds ")
    assert message.endswith(" filled cells; Vox reads forms of at most 30000.")


def test_a_spreadsheet_of_endless_formatted_empty_cells_is_refused():
    with pytest.raises(XLSFormError) as caught:
        import_xlsform(formatted_xlsx(rows=200, empty=1000), filename="formatted.xlsx")
    assert str(caught.value) == (
        "formatted.xlsx: the spreadsheet has too many cells (401206, counting empty cells that have a format); Vox "
        "reads forms of at most 300000. Copy the form's rows into a new spreadsheet and import that.")


def test_a_form_with_more_rows_than_anyone_answers_is_refused():
    rows = "survey,,,\n,type,name,label\n" + "".join(f",text,q{number},Part {number}?\n" for number in range(12_000))
    with pytest.raises(XLSFormError) as caught:
        import_xlsform(rows.encode(), filename="long.csv")
    assert str(caught.value) == ("long.csv: the form has 12000 rows; Vox reads forms of at most 10000 rows (questions "
                                 "and choices together).")


def test_a_spreadsheet_file_over_five_megabytes_is_refused():
    rows = "type,name,label\n" + "text,q,What do you think?\n" * 250_000
    with pytest.raises(XLSFormError) as caught:
        import_xlsform(rows.encode(), filename="huge.csv")
    assert str(caught.value) == "huge.csv: the file is 6.2 MB; a questionnaire file is at most 5.0 MB."


# -- the web import ------------------------------------------------------------------------------------------


@pytest.fixture
def coordinator(app, make_centre):
    centre = make_centre("OCMW Rivierstad")
    user = User(email="coordinator@example.org", name="coordinator", role=Role.COORDINATOR, organisation=centre,
                locale="en", password_hash="not used")
    db.session.add(user)
    return logged_in(app, user)


def stored() -> list[str]:
    db.session.expire_all()
    return db.session.scalars(select(Questionnaire.slug).where(Questionnaire.organisation_id.is_not(None))).all()


def upload(client, content: bytes, filename: str):
    """Post the file as a browser does (encoded in memory: the test client's own spool file for a large
    body is never closed)."""
    boundary, body = encode_multipart({"file": FileStorage(io.BytesIO(content), filename)})
    return client.post("/library/import", data=body, content_type=f"multipart/form-data; boundary={boundary}")


@pytest.mark.parametrize(("content", "filename", "expected"), [
    (alias_bomb(), "bomb.yaml", "YAML aliases (*a) are not allowed in a questionnaire"),
    (deep_yaml(), "deep.yaml", "nested more than 20 levels deep"),
    (big_yaml(), "big.yaml", "the file is 4.7 MB; a questionnaire file is at most 0.5 MB"),
    (zip_bomb_xlsx(), "bomb.xlsx", "the spreadsheet unpacks to 130.5 MB; Vox reads spreadsheets of at most 5.0 MB"),
    (GOOD.replace("version: 1", "version: " + "9" * 5000).encode(), "version.yaml", "must be a whole number"),
    (GOOD.replace("languages: [en]", "languages: [[en]]").encode(), "languages.yaml", "must be a language code"),
    (GOOD.replace("type: faces", "type: [faces]").encode(), "type.yaml", "must be one question type"),
    (GOOD.replace("title: {en: Fine}", 'title: {en: "Fine \\ud800"}').encode(), "surrogate.yaml",
     "YAML syntax error"),
], ids=["alias-bomb", "deep", "big", "zip-bomb", "version", "languages", "type", "surrogate"])
def test_a_hostile_upload_is_refused_with_a_clear_message_and_nothing_is_stored(coordinator, content, filename,
                                                                                expected):
    page = upload(coordinator, content, filename)
    assert page.status_code == 400
    assert f"{filename} was not imported: nothing was stored." in page.text
    assert expected in page.text.replace("&#39;", "'")
    assert "Traceback" not in page.text
    assert stored() == []
