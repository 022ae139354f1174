"""Each question type carries what the rest of Vox needs to know about it (surveys/types.py): how its answers are
summarised, what staff call it, what the editor offers to add, its XLSForm type and the name of its template
partials. A new type is one class and its partials."""

import pytest

import surveys
from surveys import QUESTION_TYPES, SummaryKind


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
    survey = surveys.questionnaire_from_dict({
        "id": "types", "version": 1, "languages": ["en"], "title": {"en": "T"}, "intro": {"text": {"en": "I"}},
        "questions": [{"key": "q", "text": {"en": "Q"}, **question}]})
    assert survey.question("q").kind.positive_values(survey.question("q")) == positive
