"""The library speaks every respondent language: each ready questionnaire is complete in every language Vox
knows, and so are the fixed answers (faces and thumbs) that every questionnaire shows."""

from pathlib import Path

import pytest

import surveys
from surveys.scales import FACE_TEXTS, THUMB_TEXTS

LIBRARY = Path(surveys.__file__).parent / "library"
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
