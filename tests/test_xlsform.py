"""XLSForm exchange: forms made in KoboToolbox or ODK come in with a report a social worker can read,
and our own questionnaires go out as XLSForms that KoboToolbox accepts and that come back unchanged."""

import io
from pathlib import Path

import openpyxl
import pytest
from pyxform.xls2xform import convert

import surveys
from surveys.messages import Message
from surveys.xlsform import DEFAULT_INTRO, XLSFormError, export_xlsform, import_xlsform, language_code

#: real XLSForm files made elsewhere (pyxform test suite, BSD licence), copied from shared/fixtures/xlsform
FIXTURES = Path(__file__).parent / "fixtures" / "xlsform"
LIBRARY = surveys.LIBRARY_DIR
FOREIGN_FORMS = sorted(p for p in FIXTURES.glob("*") if p.suffix != ".md" and not p.name.startswith("LICENSE"))


def imported(name: str, **kwargs) -> surveys.Questionnaire:
    return import_xlsform(FIXTURES / name, **kwargs).questionnaire


def report_of(name: str) -> str:
    return "\n".join(map(str, import_xlsform(FIXTURES / name).report))


def refusal_of(name: str) -> str:
    with pytest.raises(XLSFormError) as caught:
        import_xlsform(FIXTURES / name)
    return str(caught.value)


def by_key(questionnaire: surveys.Questionnaire, key: str) -> surveys.Question:
    question = questionnaire.question(key)
    assert question is not None, f"{key} is missing from {[q.key for q in questionnaire.questions]}"
    return question


# --- what a user notices for each real-world form -------------------------------------------------


def yes_or_no_becomes_thumbs(name):
    question = by_key(imported(name), "good_day")
    assert question.type == "thumbs" and not question.settings["dont_know"]
    assert question.text == {"en": "have you had a good day today?"}
    assert "row 2: 'good_day' is a yes/no question" in report_of(name)


def specify_other_keeps_the_other_option(name):
    question = by_key(imported(name), "sex")
    assert question.type == "pictures"
    assert [option.key for option in question.options] == ["male", "female", "other"]
    assert all(option.picture == "help" for option in question.options)
    assert "'other, please specify' is left out" in report_of(name)


def group_is_flattened_and_its_questions_reported(name):
    questionnaire = imported(name)
    assert [q.key for q in questionnaire.questions] == ["family_name"]
    report = report_of(name)
    assert "row 3: the group 'father' (Father) is not kept as a group" in report
    assert "row 4: 'phone_number' (phone number) has no Vox equivalent; left out." in report
    assert "row 5: 'age' (integer) has no Vox equivalent; left out." in report


def text_is_kept_and_integer_reported(name):
    questionnaire = imported(name)
    assert [(q.key, q.type) for q in questionnaire.questions] == [("your_name", "text")]
    assert "row 3: 'your_age' (integer) has no Vox equivalent; left out." in report_of(name)


def cascading_choices_show_every_option_once(name):
    county = by_key(imported(name), "county")
    assert [option.key for option in county.options] == ["king", "pierce", "cameron"]
    report = report_of(name)
    assert "row 3: 'county' lists the option 'king' twice; kept once." in report
    assert "Choice filters are left out" in report


def repeat_only_form_is_refused(name):
    message = refusal_of(name)
    assert message.startswith("tutorial.xls: ")
    assert "row 2: 'member' (repeat group) has no Vox equivalent" in message


def mixed_case_csv_imports(name):
    questionnaire = imported(name)
    assert questionnaire.title == {"en": "Yes or no"} and questionnaire.id == "yesno"
    assert by_key(questionnaire, "q1").type == "pictures"
    report = report_of(name)
    assert "row 3: 'q2' (select one external) has no Vox equivalent; left out." in report
    assert "row 4: 'q3'" in report


def widgets_are_reported_by_name_and_row(name):
    questionnaire = imported(name)
    report = report_of(name)
    for line in ("row 11: 'my_geopoint' (geopoint) has no Vox equivalent; left out.",
                 "row 12: 'my_barcode' (barcode) has no Vox equivalent; left out.",
                 "row 13: 'my_image' (image) has no Vox equivalent; left out.",
                 "row 5: 'my_date' (date) has no Vox equivalent; left out."):
        assert line in report
    assert by_key(questionnaire, "my_select").settings["multiple"] is True
    assert by_key(questionnaire, "table_list_1").type == "thumbs"
    assert by_key(questionnaire, "numberasstring").type == "text"
    assert "row 16: the name 'numberAsString' is now 'numberasstring'" in report


def spec_test_keeps_english_and_reports_the_rest(name):
    questionnaire = imported(name)
    assert questionnaire.languages == ["en"]
    assert questionnaire.title == {"en": "Spec test"}
    assert by_key(questionnaire, "skip_to_end").type == "thumbs"
    assert by_key(questionnaire, "q_1").text == {"en": "numerical name test"}
    report = report_of(name)
    assert "The Chinese texts are left out: Vox does not offer this language." in report
    assert "row 15: 'repeat_test' (repeat group) has no Vox equivalent" in report
    assert "row 48: 'deviceid' (deviceid) would record who answered" in report
    assert "row 34: 'geopoint_test' (geopoint) has no Vox equivalent; left out." in report
    assert "Skip logic, answer checks and 'required' are left out" in report


def conflicting_columns_are_named(name):
    message = refusal_of(name)
    assert message.startswith("unknown_question_type.xls: ")
    assert "'bind:relevant'" in message and "'relevance'" in message


def misnamed_choices_sheet_still_finds_the_colours(name):
    color = by_key(imported(name), "color")
    assert [option.text["en"] for option in color.options] == ["Red", "Blue", "Green", "Yellow"]
    assert "row 2: 'age' (integer) has no Vox equivalent; left out." in report_of(name)


EXPECTED = {
    "yes_or_no_question.xlsx": yes_or_no_becomes_thumbs,
    "specify_other.xlsx": specify_other_keeps_the_other_option,
    "group.xlsx": group_is_flattened_and_its_questions_reported,
    "text_and_integer.xlsx": text_is_kept_and_integer_reported,
    "choice_filter_test.xlsx": cascading_choices_show_every_option_once,
    "tutorial.xls": repeat_only_form_is_refused,
    "case_insensitivity.csv": mixed_case_csv_imports,
    "widgets.xls": widgets_are_reported_by_name_and_row,
    "xlsform_spec_test.xlsx": spec_test_keeps_english_and_reports_the_rest,
    "unknown_question_type.xls": conflicting_columns_are_named,
    "badly_named_choices_sheet.xls": misnamed_choices_sheet_still_finds_the_colours,
}


def test_every_foreign_form_is_tried():
    assert {path.name for path in FOREIGN_FORMS} == set(EXPECTED)


@pytest.mark.parametrize("path", FOREIGN_FORMS, ids=lambda p: p.name)
def test_a_foreign_form_imports_with_a_report_or_is_refused_in_one_line(path):
    try:
        result = import_xlsform(path)
    except XLSFormError as exc:
        message = str(exc)
        assert message.startswith(f"{path.name}: ") and "\n" not in message and "Traceback" not in message
    else:
        assert result.report and all(isinstance(line, Message) and "\n" not in str(line) for line in result.report)
        assert surveys.load_questionnaire(result.questionnaire.to_yaml(), name="imported.yaml") == result.questionnaire
    assert path.name in EXPECTED, f"say what a user should notice when importing {path.name}"
    EXPECTED[path.name](path.name)


# --- our own questionnaires go out and come back unchanged ----------------------------------------


def every_feature() -> surveys.Questionnaire:
    """A questionnaire in every language Vox knows, using every part of the format."""
    languages = list(surveys.LANGUAGES)

    def text(words):
        return {code: f"{words} ({code})" for code in languages}

    return surveys.questionnaire_from_dict({
        "id": "every-feature", "version": 7, "title": text("Title"), "description": text("What it is for"),
        "languages": languages,
        "intro": {"text": text("Intro"), "audio": {"nl": "audio/nl/intro.mp3", "kmr": "audio/kmr/intro.ogg"}},
        "questions": [
            {"key": "intro", "type": "info", "picture": "home", "text": text("Welcome"), "audio": {"ar": "a.mp3"}},
            {"key": "liked", "type": "faces", "points": 3, "indicator": "amif_helped_integration",
             "picture": "school", "text": text("Liked")},
            {"key": "helped", "type": "faces", "text": text("Helped")},
            {"key": "understood", "type": "thumbs", "text": text("Understood")},
            {"key": "again", "type": "thumbs", "dont_know": True, "text": text("Again"), "audio": {"en": "x.mp3"}},
            {"key": "where", "type": "pictures", "multiple": True, "text": text("Where"), "options": [
                {"key": "home", "picture": "home", "text": text("Home"), "audio": {"fr": "home.mp3"}},
                {"key": "bus", "picture": "bus", "text": text("Bus")}]},
            {"key": "agree", "type": "pictures", "text": text("Agree"), "options": [
                {"key": "yes", "picture": "check", "text": text("Yes")},
                {"key": "no", "picture": "x", "text": text("No")}]},
            {"key": "comment", "type": "text", "max_length": 120, "text": text("Comment")},
            {"key": "number", "type": "text", "text": {code: "1" for code in languages}},
        ],
    }, base_dir=None)


OUR_QUESTIONNAIRES = [pytest.param(lambda p=p: surveys.load_questionnaire(p), id=p.name)
                      for p in sorted(LIBRARY.glob("*.yaml"))]
OUR_QUESTIONNAIRES.append(pytest.param(every_feature, id="every-feature"))


def without_audio(data):
    """A questionnaire's data without its audio files (which never travel inside a spreadsheet)."""
    if isinstance(data, dict):
        return {key: without_audio(value) for key, value in data.items() if key != "audio"}
    return [without_audio(item) for item in data] if isinstance(data, list) else data


@pytest.mark.parametrize("make", OUR_QUESTIONNAIRES)
def test_a_questionnaire_survives_the_trip_through_xlsform(make):
    original = make()
    result = import_xlsform(export_xlsform(original), filename=f"{original.id}.xlsx")
    assert result.questionnaire.to_dict() == without_audio(original.to_dict())
    report = [str(line) for line in result.report[1:]]  # after the summary
    audio = original.to_dict() != without_audio(original.to_dict())
    assert report == (["The form names 5 audio files that did not come with it (a.mp3, audio/kmr/intro.ogg, "
                       "audio/nl/intro.mp3, home.mp3, x.mp3): they are left out; record or upload them in Vox."]
                      if audio else [])


@pytest.mark.parametrize("make", OUR_QUESTIONNAIRES)
def test_kobotoolbox_can_convert_the_exported_form(make, tmp_path):
    original = make()
    path = tmp_path / f"{original.id}.xlsx"
    path.write_bytes(export_xlsform(original))
    result = convert(xlsform=path, warnings=[])
    assert "<h:html" in result.xform
    assert f"<h:title>{original.title[original.languages[0]]}</h:title>" in result.xform
    for code in original.languages:
        assert f'lang="{surveys.language_name(code)} ({code})"' in result.xform


def test_the_exported_sheet_names_languages_the_way_kobotoolbox_does():
    sheets = openpyxl.load_workbook(io.BytesIO(export_xlsform(every_feature())))
    assert sheets.sheetnames == ["survey", "choices", "settings"]
    survey_header = [cell.value for cell in sheets["survey"][1]]
    assert survey_header[:4] == ["type", "name", "label::Dutch (nl)", "label::French (fr)"]
    assert "media::audio::Kurdish (Kurmanji) (kmr)" in survey_header and "vox_indicator" in survey_header
    lists = {row[0].value for row in sheets["choices"].iter_rows(min_row=2)}
    assert lists == {"vox_faces3", "vox_faces5", "vox_thumbs", "vox_thumbs_dk", "options_where", "options_agree"}


# --- how foreign forms are read ----------------------------------------------------------------------


def markdown_form(survey: str, choices: str = "", settings: str = "") -> bytes:
    return "\n".join(part for part in ("| survey |", survey, choices and "| choices |", choices,
                                       settings and "| settings |", settings) if part).encode()


def test_a_satisfaction_scale_becomes_faces_and_yes_no_dont_know_becomes_thumbs():
    form = markdown_form(
        """|  | type | name | label::Dutch (nl) |
           |  | select_one sat | liked | Hoe was het? |
           |  | select_one yn | again | Kom je terug? |""",
        """|  | list_name | name | label::Dutch (nl) |
           |  | sat | a | Helemaal niet tevreden |
           |  | sat | b | Niet tevreden |
           |  | sat | c | Tevreden |
           |  | yn | y | Ja |
           |  | yn | n | Nee |
           |  | yn | dk | Weet ik niet |""")
    result = import_xlsform(form, filename="form.md")
    liked, again = result.questionnaire.questions
    assert (liked.type, liked.settings["points"]) == ("faces", 3)
    assert (again.type, again.settings["dont_know"]) == ("thumbs", True)
    assert "row 2: 'liked' is a 3-point satisfaction scale: shown as 3 faces" in "\n".join(map(str, result.report))


def test_a_five_point_french_scale_becomes_five_faces():
    form = markdown_form(
        """|  | type | name | label::French |
           |  | select_one s | ok | Êtes-vous content ? |""",
        """|  | list_name | name | label::French |
           |  | s | 1 | Très mal |
           |  | s | 2 | Mal |
           |  | s | 3 | Moyen |
           |  | s | 4 | Bien |
           |  | s | 5 | Très bien |""")
    question = import_xlsform(form, filename="form.md").questionnaire.questions[0]
    assert (question.type, question.settings["points"], question.text) == ("faces", 5, {"fr": "Êtes-vous content ?"})


def test_a_language_with_missing_texts_is_left_out_and_named():
    form = markdown_form(
        """|  | type | name | label::English (en) | label::Dutch (nl) |
           |  | text | name | Your name? | Je naam? |
           |  | text | city | Your city? | |""")
    result = import_xlsform(form, filename="form.md")
    assert result.questionnaire.languages == ["en"]
    assert "Dutch is left out: it is missing in 1 of the 2 texts." in result.report


def test_a_plain_label_column_is_in_the_default_language_and_gets_the_usual_intro():
    form = markdown_form("""|  | type | name | label |
                            |  | text | name | Hoe heet je? |""")
    result = import_xlsform(form, filename="form.md", default_language="nl")
    assert result.questionnaire.languages == ["nl"]
    assert result.questionnaire.intro.text == {"nl": DEFAULT_INTRO["nl"]}
    assert any("added its usual one" in str(line) for line in result.report)


def test_a_form_in_any_language_vox_offers_gets_the_usual_intro_in_that_language():
    form = markdown_form("""|  | type | name | label::Turkish (tr) |
                            |  | text | name | Adınız? |""")
    result = import_xlsform(form, filename="form.md")
    assert result.questionnaire.intro.text == {"tr": DEFAULT_INTRO["tr"]}
    assert DEFAULT_INTRO["tr"] != DEFAULT_INTRO["en"]
    assert not any("introduction text" in str(line) for line in result.report)


def test_a_leading_note_becomes_the_intro_and_pictogram_files_become_pictures():
    form = markdown_form(
        """|  | type | name | label::English (en) | media::audio::English (en) |
           |  | note | hello | Thank you for helping us. | hello.mp3 |
           |  | begin group | part | Part one | |
           |  | select_multiple w | where | Where? | where.mp3 |
           |  | end group | | | |""",
        """|  | list_name | name | label::English (en) | media::image | media::audio::English (en) |
           |  | w | at_home | At home | home.png | home.mp3 |
           |  | w | outside | Outside | tree.jpg | |""")
    result = import_xlsform(form, filename="form.md")
    questionnaire = result.questionnaire
    assert questionnaire.intro.text == {"en": "Thank you for helping us."}
    where = questionnaire.question("where")
    assert where.settings["multiple"] is True
    assert [(o.key, o.picture) for o in where.options] == [("at_home", "home"), ("outside", "help")]
    report = "\n".join(map(str, result.report))
    assert "The form names 3 audio files that did not come with it (hello.mp3, home.mp3, where.mp3)" in report
    assert "row 3: the group 'part' (Part one) is not kept as a group" in report
    assert "outside shows 'help'" in report


def test_language_columns_are_understood_with_or_without_a_code():
    assert language_code("English (en)") == "en"
    assert language_code("Kurdish (Kurmanji) (kmr)") == "kmr"
    assert language_code("french") == "fr"
    assert language_code("NL") == "nl"
    assert language_code("Nederlands") == "nl"
    assert language_code("Chinese") is None
    assert language_code("Chinese (zh)") is None


def test_the_usual_intro_exists_in_every_library_language_and_german():
    assert set(surveys.LIBRARY_LANGUAGES) | {"de"} <= set(DEFAULT_INTRO)
    assert DEFAULT_INTRO["en"] == ("We want to know what you really think. Nobody sees what you answer. "
                                   "You can skip any question.")


@pytest.mark.parametrize("content, name", [(b"not a spreadsheet", "form.xlsx"), (b"", "form.xls")])
def test_a_file_that_is_no_spreadsheet_is_refused_in_one_line(content, name):
    with pytest.raises(XLSFormError, match=rf"^{name}: this is not an XLSForm spreadsheet Vox can read"):
        import_xlsform(content, filename=name)


def test_a_missing_file_is_refused_in_one_line(tmp_path):
    with pytest.raises(XLSFormError, match=r"^nothing\.xlsx: cannot read the file"):
        import_xlsform(tmp_path / "nothing.xlsx")


def test_an_unknown_default_language_is_refused():
    with pytest.raises(XLSFormError, match="'xx' is not a language Vox knows"):
        import_xlsform(FIXTURES / "group.xlsx", default_language="xx")


# --- the command line ------------------------------------------------------------------------------


def test_cli_import_writes_the_questionnaire_and_prints_the_report(app, tmp_path):
    result = app.test_cli_runner().invoke(
        args=["surveys", "import", str(FIXTURES / "yes_or_no_question.xlsx"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    target = tmp_path / "out" / "yes-or-no-question.yaml"
    assert "row 2: 'good_day' is a yes/no question" in result.output
    assert result.output.strip().endswith(f"wrote {target}")
    assert surveys.load_questionnaire(target).question("good_day").type == "thumbs"


def test_cli_import_takes_a_default_language(app, tmp_path):
    form = tmp_path / "form.md"
    form.write_bytes(markdown_form("""|  | type | name | label |
                                      |  | text | naam | Hoe heet je? |"""))
    result = app.test_cli_runner().invoke(
        args=["surveys", "import", str(form), "--out", str(tmp_path), "--default-language", "nl"])
    assert result.exit_code == 0, result.output
    assert surveys.load_questionnaire(tmp_path / "form.yaml").languages == ["nl"]


def test_cli_import_of_a_file_vox_cannot_take_says_why_in_one_line(app, tmp_path):
    result = app.test_cli_runner().invoke(
        args=["surveys", "import", str(FIXTURES / "unknown_question_type.xls"), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("unknown_question_type.xls: ") and "'relevance'" in lines[0]
    assert not list(tmp_path.iterdir())


def test_cli_export_writes_an_xlsform_next_to_the_file(app, tmp_path):
    source = tmp_path / "after-activity.yaml"
    source.write_bytes((LIBRARY / "after-activity.yaml").read_bytes())
    result = app.test_cli_runner().invoke(args=["surveys", "export", str(source), "--xlsform"])
    assert result.exit_code == 0, result.output
    target = tmp_path / "after-activity.xlsx"
    assert f"wrote {target}" in result.output
    assert import_xlsform(target).questionnaire.to_dict() == surveys.load_questionnaire(source).to_dict()


def test_cli_export_writes_into_the_out_folder_or_file(app, tmp_path):
    runner = app.test_cli_runner()
    source = str(LIBRARY / "after-activity.yaml")
    assert runner.invoke(args=["surveys", "export", source, "--xlsform", "--out", str(tmp_path)]).exit_code == 0
    assert (tmp_path / "after-activity.xlsx").is_file()
    named = tmp_path / "for-kobo.xlsx"
    assert runner.invoke(args=["surveys", "export", source, "--xlsform", "--out", str(named)]).exit_code == 0
    assert convert(xlsform=named, warnings=[]).xform


def test_cli_export_of_a_broken_questionnaire_prints_its_problems(app, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: broken\nversion: 1\nlanguages: [en]\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["surveys", "export", str(broken), "--xlsform"])
    assert result.exit_code == 1
    assert "title: missing" in result.stderr and "questions" in result.stderr
    assert not (tmp_path / "broken.xlsx").exists()


def test_cli_export_asks_for_a_format(app):
    result = app.test_cli_runner().invoke(args=["surveys", "export", str(LIBRARY / "after-activity.yaml")])
    assert result.exit_code == 2
    assert "--xlsform" in result.output


# --- the attack review (issue 11) -----------------------------------------------------------------


def test_a_text_that_starts_like_a_formula_is_exported_as_text_and_comes_back():
    survey = every_feature()
    data = survey.to_dict()
    data["title"] = {code: "=HYPERLINK(\"http://evil.example\", \"Click\")" for code in survey.languages}
    data["questions"][1]["text"] = {code: "+1 is better than -1" for code in survey.languages}
    data["questions"][2]["text"] = {code: "@SUM(A1:A9)" for code in survey.languages}
    formulas = surveys.questionnaire_from_dict(data, base_dir=None)
    exported = export_xlsform(formulas)
    workbook = openpyxl.load_workbook(io.BytesIO(exported))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    assert any(cell.value == "@SUM(A1:A9)" for cell in cells)
    back = import_xlsform(exported, filename="formulas.xlsx").questionnaire
    assert back.title == formulas.title and back.questions[2].text == formulas.questions[2].text


@pytest.mark.parametrize(("column", "code"), [
    ("Tigrigna", "ti"), ("Tigirigna", "ti"), ("Tigrinya (tir)", "ti"), ("ትግርኛ", "ti"),
    ("Farsi", "fa"), ("Persian (fa-IR)", "fa"), ("Dari (fa-AF)", "prs"), ("Dari", "prs"), ("Dari (prs)", "prs"),
    ("Pushto", "ps"), ("Pashto (pus)", "ps"), ("Kurdish (Kurmanji)", "kmr"), ("Kurmanji", "kmr"),
    ("Kurdî (Kurmancî)", "kmr"), ("Arabic (ar-SY)", "ar"), ("Flemish", "nl"), ("Néerlandais", "nl"),
    ("Somali (so)", "so"), ("english", "en"),
])
def test_language_columns_named_the_way_other_tools_write_them_are_recognised(column, code):
    assert language_code(column) == code


@pytest.mark.parametrize("column", ["Chinese", "Sorani", "Kurdish (Sorani)", "Klingon", "xx", "fr-XX-!!", ""])
def test_a_language_vox_does_not_offer_is_not_taken_for_another(column):
    assert language_code(column) is None


def test_a_form_with_tigrigna_and_farsi_columns_keeps_both_languages():
    form = markdown_form("""|  | type | name | label::Tigrigna | label::Farsi | label::Pushto |
                            |  | text | idea | ሓሳብካ? | نظر شما؟ | ستاسو نظر؟ |""")
    result = import_xlsform(form, filename="form.md")
    assert result.questionnaire.languages == ["ti", "fa", "ps"]
    assert not any("does not offer" in str(line) for line in result.report)


def test_formatting_in_labels_becomes_plain_text_and_is_reported():
    form = markdown_form(
        """|  | type | name | label::English (en) |
           |  | note | intro | # Welcome **to** the _survey_ |
           |  | select_one yn | fine | Are you <span style="color:red">fine</span>? |
           |  | text | idea | *What* would you __change__? See [our site](http://example.org) |""",
        """|  | list_name | name | label::English (en) |
           |  | yn | yes | **Yes** |
           |  | yn | no | No |""")
    result = import_xlsform(form, filename="form.md")
    survey = result.questionnaire
    assert survey.intro.text == {"en": "Welcome to the survey"}
    assert survey.question("fine").text == {"en": "Are you fine?"}
    assert survey.question("idea").text == {"en": "What would you change? See our site"}
    report = "\n".join(map(str, result.report))
    assert "row 2: the text of 'intro' has formatting (bold, headings, colours, links) that Vox does not show; " \
           "it is now plain text." in report
    assert "row 4: the text of 'idea' has formatting" in report
    assert "'fine' has formatting" in report


def test_snake_case_names_and_arithmetic_are_not_taken_for_formatting():
    form = markdown_form("""|  | type | name | label::English (en) |
                            |  | text | idea | Use my_file_name or 2 * 3 * 4, then <3 |""")
    result = import_xlsform(form, filename="form.md")
    assert result.questionnaire.question("idea").text == {"en": "Use my_file_name or 2 * 3 * 4, then <3"}
    assert not any("formatting" in str(line) for line in result.report)


def test_a_reference_to_another_answer_is_replaced_and_reported():
    form = markdown_form("""|  | type | name | label::English (en) |
                            |  | text | pet | What is your pet called? |
                            |  | text | why | Why do you like ${pet}? |""")
    result = import_xlsform(form, filename="form.md")
    assert result.questionnaire.question("why").text == {"en": "Why do you like …?"}
    assert ("row 3: the text of 'why' showed ${pet}, which Vox cannot fill in; it shows … instead: edit the text."
            in map(str, result.report))


@pytest.mark.parametrize(("name", "label"), [
    ("name", "Your name?"), ("q1", "What is your full name?"), ("phone", "Number"), ("tel", "Telephone number"),
    ("q2", "Your e-mail address"), ("adres", "Waar woon je?"), ("naam", "Hoe heet je?"), ("q3", "Votre nom ?"),
    ("q4", "Numéro de téléphone"), ("contact", "How can we reach you?"),
])
def test_a_text_question_asking_who_someone_is_gets_a_warning(name, label):
    form = markdown_form(f"""|  | type | name | label::English (en) |
                             |  | text | {name} | {label} |""")
    report = "\n".join(map(str, import_xlsform(form, filename="form.md").report))
    assert f"row 2: '{name}' asks for something that tells who answered (a name, phone number, e-mail or " \
           "address): answers in Vox are anonymous; change or remove this question." in report


def test_an_ordinary_comment_question_gets_no_warning():
    form = markdown_form("""|  | type | name | label::English (en) |
                            |  | text | comment | What would you change in the course? |
                            |  | text | nominal | Which name would you give the course? |""")
    report = "\n".join(map(str, import_xlsform(form, filename="form.md").report))
    assert "tells who answered" not in report


def test_media_files_that_did_not_come_with_the_form_are_left_out_and_named(app, tmp_path):
    form = tmp_path / "media.md"
    form.write_bytes(markdown_form(
        """|  | type | name | label::English (en) | media::audio::English (en) | media::image | media::video |
           |  | note | hello | Thank you. | hello.mp3 | | |
           |  | select_one w | where | Where? | where.mp3 | scan_0042.png | map.mp4 |""",
        """|  | list_name | name | label::English (en) | media::audio::English (en) | audio |
           |  | w | home | At home | home.mp3 | |
           |  | w | out | Outside | | out.ogg |"""))
    runner = app.test_cli_runner()
    imported = runner.invoke(args=["surveys", "import", str(form), "--out", str(tmp_path / "out")])
    assert imported.exit_code == 0, imported.output
    assert ("The form names 4 audio files that did not come with it (hello.mp3, home.mp3, out.ogg, where.mp3): "
            "they are left out; record or upload them in Vox.") in imported.output
    assert "scan_0042.png is not one of Vox's pictograms" in imported.output
    assert "the video file of 'where' is left out" in imported.output
    checked = runner.invoke(args=["surveys", "check", str(tmp_path / "out" / "media.yaml")])
    assert checked.exit_code == 0, checked.output
