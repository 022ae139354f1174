"""The library speaks every respondent language: each ready questionnaire is complete in every language Vox
knows, and so are the fixed answers (faces and thumbs) that every questionnaire shows."""


import pytest

import surveys
from surveys.scales import FACE_TEXTS, THUMB_TEXTS

LIBRARY = surveys.LIBRARY_DIR
QUESTIONNAIRES = sorted(LIBRARY.glob("*.yaml"))


def test_the_library_has_questionnaires():
    assert len(QUESTIONNAIRES) >= 4


@pytest.mark.parametrize("path", QUESTIONNAIRES, ids=lambda p: p.name)
def test_a_library_questionnaire_is_complete_in_every_language(path):
    questionnaire = surveys.load_questionnaire(path)
    assert set(questionnaire.languages) == set(surveys.LANGUAGES)
    incomplete = {code: questionnaire.completeness(code) for code in surveys.LANGUAGES
                  if questionnaire.completeness(code) < 1.0}
    assert not incomplete, f"{path.name} is incomplete in {incomplete}"


@pytest.mark.parametrize("path", QUESTIONNAIRES, ids=lambda p: p.name)
def test_library_texts_have_no_stray_spaces(path):
    questionnaire = surveys.load_questionnaire(path)
    for _, text in questionnaire.texts():
        for code, words in text.items():
            assert words == words.strip() and "  " not in words, (path.name, code, words)


@pytest.mark.parametrize("scale,texts", [("faces", FACE_TEXTS), ("thumbs", THUMB_TEXTS)])
def test_the_fixed_answers_have_every_language(scale, texts):
    for answer, words in texts.items():
        missing = [code for code in surveys.LANGUAGES if not words.get(code, "").strip()]
        assert not missing, f"{scale} answer {answer!r} has no text in {missing}"
        assert set(words) <= set(surveys.LANGUAGES), f"{scale} answer {answer!r} has unknown languages"


#: words that ask for the one thing above all others, which a question with several answers must not do
SUPERLATIVES = {"en": ("most", "best"), "nl": ("meest", "best"), "fr": ("le plus",), "de": ("meisten", "am besten")}


@pytest.mark.parametrize("path", QUESTIONNAIRES, ids=lambda p: p.name)
def test_a_question_with_several_answers_does_not_ask_for_the_one_that_counts_most(path):
    questionnaire = surveys.load_questionnaire(path)
    asking_for_one = [(question.key, code) for question in questionnaire.questions if question.settings.get("multiple")
                      for code, words in SUPERLATIVES.items()
                      if any(word in question.text[code].lower() for word in words)]
    assert not asking_for_one, f"{path.name}: several answers allowed, but the text asks for the one that counts most"
