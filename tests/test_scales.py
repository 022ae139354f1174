"""A question about how much something helped is answered in words that fit it, in every language Vox offers."""

import re

import surveys
from surveys.scales import EXTENT_TEXTS, FACE_TEXTS
from surveys.xlsform import export_xlsform, import_xlsform
from tests.test_fuzz import LIBRARY

AMIF = surveys.load_questionnaire(LIBRARY / "amif-satisfaction.yaml")


def test_did_it_help_is_answered_from_not_at_all_to_very_much_in_every_language():
    helped = AMIF.question("helped_integration")
    assert helped.indicator == "amif_helped_integration"
    for language in AMIF.languages:
        words = [choice.text[language] for choice in helped.choices()]
        assert words == [EXTENT_TEXTS[face][language] for face in range(1, 6)], language
        assert not set(words) & {FACE_TEXTS[face][language] for face in range(1, 6)}, "no 'very bad' for 'did it help'"
    assert [c.text["en"] for c in helped.choices()] == ["Not at all", "A little", "Somewhat", "A lot", "Very much"]
    assert [c.text["en"] for c in AMIF.question("overall").choices()][0] == "Very bad", "other faces keep theirs"


def test_the_words_of_each_face_differ_within_a_language():
    for words in (FACE_TEXTS, EXTENT_TEXTS):
        for language in surveys.LANGUAGES:
            assert len({words[face][language] for face in range(1, 6)}) == 5, language


def test_the_scale_survives_an_xlsform_round_trip():
    back = import_xlsform(export_xlsform(AMIF), filename="amif.xlsx").questionnaire
    assert back.question("helped_integration").settings["labels"] == "extent"
    assert back.question("overall").settings["labels"] == "quality"


def test_a_tigrinya_respondent_sees_the_words_under_the_faces(client, make_round):
    round_ = make_round(questionnaire="amif-satisfaction", languages=["ti", "nl"])
    from app.extensions import db

    db.session.commit()
    page = client.get(f"/r/{round_.token}").get_data(as_text=True)
    assert "ፈጺሙ" in page and "ኣዝዩ ብዙሕ" in page and "Heel veel" in page
    assert re.search(r"Helemaal niet", page)
