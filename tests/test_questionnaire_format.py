"""The questionnaire format: each question type's definition and answers, and every loader error path."""

from pathlib import Path

import pytest

from surveys import InvalidAnswer, QuestionnaireError, check_questionnaire, load_questionnaire

LIBRARY = Path(__file__).parent.parent / "surveys" / "library"

HEADER = """\
id: test-form
version: 1
languages: [en, ar]
title: {en: Test, ar: اختبار}
intro:
  text: {en: Nobody sees your answers., ar: لا أحد يرى إجاباتك.}
questions:
"""


def load(questions: str, header: str = HEADER):
    return load_questionnaire((header + questions).encode(), name="form.yaml")


def problems(source: str | bytes, name: str = "form.yaml") -> list[str]:
    return [str(p) for p in check_questionnaire(source.encode() if isinstance(source, str) else source, name=name)]


FACES = """\
  - key: mood
    type: faces
    points: {points}
    text: {{en: 'How was it?', ar: 'كيف كان؟'}}
"""


@pytest.mark.parametrize("points", [3, 5])
def test_faces_offer_three_or_five_faces_worst_first(points):
    question = load(FACES.format(points=points)).question("mood")
    choices = question.choices()
    assert len(choices) == points
    assert choices[0].picture == "face-1" and choices[-1].picture == "face-5"
    assert choices[-1].text["ar"] and choices[0].text["en"] == "Very bad"


def test_faces_with_four_points_are_refused_with_the_line():
    assert problems(HEADER + FACES.format(points=4)) == ["form.yaml:10 questions[0].points: must be one of 3, 5"]


def test_a_face_answer_must_be_one_of_the_faces():
    question = load(FACES.format(points=3)).question("mood")
    assert question.clean_answer("5") == ["5"]
    assert question.clean_answer(3) == ["3"]
    for forged in ("2", "6", "", None, True, ["1", "3"], {"v": 1}):
        with pytest.raises(InvalidAnswer):
            question.clean_answer(forged)


THUMBS = """\
  - key: helped
    type: thumbs
    dont_know: {dont_know}
    text: {{en: 'Did it help?', ar: 'هل ساعد؟'}}
"""


def test_thumbs_offer_dont_know_only_when_asked():
    without = load(THUMBS.format(dont_know="false")).question("helped")
    with_dk = load(THUMBS.format(dont_know="true")).question("helped")
    assert [c.value for c in without.choices()] == ["yes", "no"]
    assert [c.value for c in with_dk.choices()] == ["yes", "no", "dont_know"]
    assert with_dk.clean_answer("dont_know") == ["dont_know"]
    with pytest.raises(InvalidAnswer, match="not one of the options"):
        without.clean_answer("dont_know")


def test_thumbs_setting_must_be_true_or_false():
    assert problems(HEADER + THUMBS.format(dont_know="maybe")) == [
        "form.yaml:10 questions[0].dont_know: must be true or false"
    ]


PICTURES = """\
  - key: helped_most
    type: pictures
    multiple: {multiple}
    text: {{en: 'What helped?', ar: 'ما الذي ساعد؟'}}
    options:
      - {{key: language, picture: language, text: {{en: Language, ar: اللغة}}}}
      - {{key: work, picture: briefcase, text: {{en: Work, ar: العمل}}}}
      - {{key: home, picture: home, text: {{en: Housing, ar: السكن}}}}
"""


def test_pictures_offer_each_option_with_its_pictogram():
    question = load(PICTURES.format(multiple="false")).question("helped_most")
    assert [(c.value, c.picture) for c in question.choices()] == [
        ("language", "language"), ("work", "briefcase"), ("home", "home")]
    assert question.clean_answer("work") == ["work"]
    with pytest.raises(InvalidAnswer):
        question.clean_answer(["work", "home"])


def test_multiple_pictures_accept_several_distinct_options_in_a_stable_order():
    question = load(PICTURES.format(multiple="true")).question("helped_most")
    assert question.clean_answer(["home", "language"]) == ["language", "home"]
    for forged in ([], ["work", "work"], ["work", "garden"], [1]):
        with pytest.raises(InvalidAnswer):
            question.clean_answer(forged)


def test_a_pictures_question_needs_two_options_each_with_an_existing_pictogram():
    source = HEADER + """\
  - key: pick
    type: pictures
    text: {en: Pick, ar: اختر}
    options:
      - {key: a, picture: unicorn, text: {en: A, ar: أ}}
"""
    assert problems(source) == [
        "form.yaml:12 questions[0].options[0].picture: picture 'unicorn' does not exist in the pictogram set",
        "form.yaml:11 questions[0].options: a pictures question needs at least two options",
    ]


TEXT = """\
  - key: comment
    type: text
    text: {en: 'Anything else?', ar: 'شيء آخر؟'}
"""


def test_a_comment_is_trimmed_and_limited_in_length():
    question = load(TEXT).question("comment")
    assert question.clean_answer("  more evening classes  ") == ["more evening classes"]
    for forged in ("", "   ", "x" * 501, 42, "bell\x07"):
        with pytest.raises(InvalidAnswer):
            question.clean_answer(forged)


def test_an_info_screen_shows_a_picture_and_takes_no_answer():
    survey = load("""\
  - key: welcome
    type: info
    picture: heart-handshake
    text: {en: Thank you for coming., ar: شكرا لحضورك.}
""" + TEXT)
    info = survey.question("welcome")
    assert not info.answerable and info.picture == "heart-handshake"
    assert [q.key for q in survey.answerable_questions] == ["comment"]
    with pytest.raises(InvalidAnswer):
        info.clean_answer("anything")


def test_a_question_can_carry_audio_and_an_indicator(tmp_path):
    (tmp_path / "audio").mkdir()
    (tmp_path / "audio" / "helped-en.mp3").write_bytes(b"ID3")
    path = tmp_path / "form.yaml"
    path.write_text(HEADER + """\
  - key: helped
    type: thumbs
    indicator: amif_helped_integration
    audio: {en: audio/helped-en.mp3}
    text: {en: 'Did it help?', ar: 'هل ساعد؟'}
""")
    question = load_questionnaire(path).question("helped")
    assert question.indicator == "amif_helped_integration"
    assert question.audio == {"en": "audio/helped-en.mp3"}


def test_a_missing_audio_file_is_named(tmp_path):
    path = tmp_path / "form.yaml"
    path.write_text(HEADER + """\
  - key: helped
    type: thumbs
    audio: {ar: audio/helped-ar.mp3}
    text: {en: 'Did it help?', ar: 'هل ساعد؟'}
""")
    assert [str(p) for p in check_questionnaire(path)] == [
        f"{path}:10 questions[0].audio.ar: audio file 'audio/helped-ar.mp3' does not exist"]


def test_every_problem_is_reported_at_once_with_line_and_field():
    source = """\
id: amif
version: 1
languages: [nl, ar]
title: {nl: Tevredenheid, ar: الرضا}
intro:
  text: {nl: Niemand ziet je antwoorden., ar: لا أحد يرى إجاباتك.}
questions:
  - key: q1
    type: faces
    text: {nl: 'Hoe was het?', ar: 'كيف كان؟'}
    colour: red
  - key: q1
    type: pictures
    text: {nl: 'Wat hielp?'}
    options:
      - {key: a, picture: home, text: {nl: Huis, ar: بيت}}
      - {key: b, picture: book, text: {nl: Boek}}
"""
    assert problems(source, name="amif.yaml") == [
        "amif.yaml:11 questions[0].colour: unknown key; expected one of audio, indicator, key, labels, picture, "
        "points, text, type",
        "amif.yaml:14 questions[1].text: no Arabic text",
        "amif.yaml:17 questions[1].options[1].text: no Arabic text",
        "amif.yaml:12 questions[1].key: key 'q1' is already used by questions[0]",
    ]


def test_required_is_refused_because_every_question_can_be_skipped():
    found = problems(HEADER + TEXT + "    required: true\n")
    assert len(found) == 1 and "questions[0].required" in found[0] and "skip" in found[0]


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "form.yaml:1: the file is empty"),
    (b"   \n# only a comment\n", "form.yaml:1: the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "form.yaml: this is a binary file, not a YAML questionnaire"),
    (b"id: x\ntitle: {en: 'unclosed\n", "form.yaml:3: YAML syntax error"),
    (b"title: [a, b\nquestions: 1\n", "form.yaml:2: YAML syntax error"),
    (b"- just\n- a list\n", "form.yaml:1: must be a questionnaire"),
    (b"id: x\nid: y\n", "form.yaml:2 id: this key appears twice"),
    ("id: café\n".encode("latin-1"), "form.yaml:1: the file is not UTF-8 text"),
])
def test_broken_files_get_a_clear_line_never_a_traceback(content, expected):
    found = problems(content)
    assert found and found[0].startswith(expected), found


def test_a_missing_translation_names_the_language():
    source = HEADER.replace("intro:\n  text: {en: Nobody sees your answers., ar: لا أحد يرى إجاباتك.}",
                            "intro:\n  text: {en: Nobody sees your answers.}")
    assert problems(source + TEXT) == ["form.yaml:6 intro.text: no Arabic text"]


def test_unknown_languages_and_types_are_named():
    source = HEADER.replace("[en, ar]", "[en, ar, klingon]") + """\
  - key: where
    type: geopoint
    text: {en: 'Where?', ar: 'أين؟'}
"""
    assert problems(source) == [
        "form.yaml:3 languages[2]: 'klingon' is not a language Vox knows "
        "(nl, fr, de, en, ar, prs, fa, ps, ti, so, uk, ru, tr, es, kmr)",
        "form.yaml:9 questions[0].type: 'geopoint' is not a question type (faces, thumbs, pictures, text, info)",
    ]


def test_a_question_mark_in_an_unquoted_flow_text_is_part_of_the_text():
    assert load("  - {key: a, type: text, text: {en: Why?, ar: لماذا}}\n").question("a").text["en"] == "Why?"


def test_a_questionnaire_survives_writing_it_back_to_yaml():
    original = load(FACES.format(points=3) + THUMBS.format(dont_know="true") + PICTURES.format(multiple="true") + TEXT)
    again = load_questionnaire(original.to_yaml().encode(), name="again.yaml")
    assert again.to_dict() == original.to_dict()


@pytest.mark.parametrize("path", sorted(LIBRARY.glob("*.yaml")), ids=lambda p: p.stem)
def test_library_questionnaires_are_valid_and_complete(path):
    survey = load_questionnaire(path)
    assert survey.id == path.stem
    for language in ("nl", "fr", "en", "ar", "prs", "uk", "ti"):
        assert survey.completeness(language) == 1.0, language


def test_flask_surveys_check_prints_problems_and_fails(app, tmp_path):
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(HEADER + TEXT)
    bad.write_text(HEADER + FACES.format(points=7))
    result = app.test_cli_runner().invoke(args=["surveys", "check", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"{good}: ok" in result.output
    assert f"{bad}:10 questions[0].points: must be one of 3, 5" in result.output
    assert app.test_cli_runner().invoke(args=["surveys", "check", str(good)]).exit_code == 0


def test_loading_a_questionnaire_raises_with_all_problems():
    with pytest.raises(QuestionnaireError) as error:
        load(FACES.format(points=4) + THUMBS.format(dont_know="perhaps"))
    assert len(error.value.problems) == 2


def test_a_reference_to_another_answer_is_refused_naming_the_question():
    source = HEADER + "  - key: why\n    type: text\n    text: {en: 'Why ${pet}?', ar: 'لماذا ${pet}؟'}\n"
    assert problems(source) == [
        "form.yaml:10 questions[0].text.en: the text of 'why' shows ${pet}, an answer Vox cannot fill in; "
        "write the text out",
        "form.yaml:10 questions[0].text.ar: the text of 'why' shows ${pet}, an answer Vox cannot fill in; "
        "write the text out"]
