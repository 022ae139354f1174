"""Each question type carries what the rest of Vox needs to know about it (surveys/types.py): how its answers are
summarised, what staff call it, what the editor offers to add, its XLSForm type and the name of its template
partials. A new type is one class and its partials."""

import pytest

import surveys
from surveys import QUESTION_TYPES, SummaryKind


def asked(question: dict) -> surveys.Question:
    survey = surveys.questionnaire_from_dict({
        "id": "types", "version": 1, "languages": ["en"], "title": {"en": "T"}, "intro": {"text": {"en": "I"}},
        "questions": [{"key": "q", "text": {"en": "Q"}, **question}]})
    return survey.question("q")


def test_each_type_says_how_its_answers_are_summarised_in_words_templates_can_compare():
    summaries = {name: kind.summary for name, kind in QUESTION_TYPES.items()}
    assert summaries == {"faces": SummaryKind.SCALE, "thumbs": SummaryKind.CHOICE, "pictures": SummaryKind.CHOICE,
                         "text": SummaryKind.COMMENTS, "info": SummaryKind.NONE}
    assert SummaryKind.SCALE == "scale" and SummaryKind.COMMENTS == "comments"


@pytest.mark.parametrize(("question", "positive"), [
    ({"type": "faces"}, {"4", "5"}), ({"type": "faces", "points": 3}, {"5"}),
    ({"type": "thumbs", "dont_know": True}, {"yes"}), ({"type": "text"}, set()),
])
def test_each_type_names_the_answers_that_say_it_helped(question, positive):
    question = asked(question)
    assert question.kind.positive_values(question) == positive


@pytest.mark.parametrize(("question", "xlsform_type"), [
    ({"type": "faces"}, "select_one vox_faces5"), ({"type": "faces", "points": 3}, "select_one vox_faces3"),
    ({"type": "faces", "points": 3, "labels": "extent"}, "select_one vox_extent3"),
    ({"type": "thumbs"}, "select_one vox_thumbs"), ({"type": "thumbs", "dont_know": True}, "select_one vox_thumbs_dk"),
    ({"type": "pictures", "options": [{"key": "a", "picture": "home", "text": {"en": "A"}},
                                      {"key": "b", "picture": "home", "text": {"en": "B"}}]}, "select_one options_q"),
    ({"type": "pictures", "multiple": True, "options": [{"key": "a", "picture": "home", "text": {"en": "A"}},
                                                        {"key": "b", "picture": "home", "text": {"en": "B"}}]},
     "select_multiple options_q"),
    ({"type": "text"}, "text"), ({"type": "info"}, "note"),
])
def test_each_type_gives_the_xlsform_type_kobotoolbox_reads(question, xlsform_type):
    question = asked(question)
    assert question.kind.xlsform_type(question) == xlsform_type


@pytest.mark.parametrize("points", [3, 5])
@pytest.mark.parametrize("labels", ["quality", "extent"])
def test_a_faces_list_name_reads_back_as_the_faces_it_was_written_from(points, labels):
    question = asked({"type": "faces", "points": points, "labels": labels})
    faces = question.kind
    assert faces.list_settings(faces.xlsform_list(question)) == {"points": points, "labels": labels}
    assert faces.list_settings("vox_faces4") is None and faces.list_settings("options_q") is None
