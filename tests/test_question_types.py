"""Each question type carries what the rest of Vox needs to know about it (surveys/types.py): how its answers are
summarised, what staff call it, what the editor offers to add, its XLSForm type and the name of its template
partials. A new type is one class and its partials."""

import pytest
from jinja2 import ChoiceLoader, DictLoader
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

import surveys
from app.extensions import db
from app.library import editor
from app.models import Answer, Questionnaire, Role, Round
from app.timeutil import today
from surveys import QUESTION_TYPES, Choice, QuestionType, SummaryKind
from surveys.messages import N_
from surveys.types import Pictures, Preset
from tests.clients import logged_in


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


# -- a new type: one class and its partials ------------------------------------------------------

#: where the app shows a question, and whether a screen that asks nothing is shown there
PARTIAL_PLACES = {"kiosk/types": True, "rounds/paper/types": False, "rounds/entry/types": False,
                  "library/edit/types": True, "library/badge/types": True}


@pytest.mark.parametrize("kind", QUESTION_TYPES.values(), ids=QUESTION_TYPES)
def test_every_type_has_its_partial_wherever_a_question_is_shown(app, kind):
    for place, with_screens_that_ask_nothing in PARTIAL_PLACES.items():
        if kind.answerable or with_screens_that_ask_nothing:
            assert app.jinja_env.get_template(f"{place}/{kind.partial}.html")



class Stars(QuestionType):
    """One to three stars: a type Vox does not have, added the way the module's docstring says."""

    name = "stars"
    label = N_("Stars")
    presets = (Preset("stars3", N_("Stars, one to three")),)

    def choices(self, question):
        return [Choice(str(n), "heart", {code: "*" * n for code in surveys.LANGUAGES}) for n in (1, 2, 3)]


#: its partials, each with a word to find it by
STARS_PARTIALS = {
    "kiosk/types/stars.html": '<p class="stars-kiosk">{% for c in choices %}<button type="button" '
                              'data-value="{{ c.value }}">{{ c.text[lang] }}</button>{% endfor %}</p>',
    "rounds/paper/types/stars.html": '<p class="stars-paper">{{ item.boxes|length }} boxes</p>',
    "rounds/entry/types/stars.html": '<p class="stars-entry">{% for option in field %}{{ option() }}{% endfor %}</p>',
    "library/edit/types/stars.html": '<p class="stars-settings">no settings</p>',
    "library/badge/types/stars.html": " · stars-badge",
}


@pytest.fixture
def with_stars(app, monkeypatch):
    stars = Stars()
    monkeypatch.setitem(QUESTION_TYPES, "stars", stars)
    monkeypatch.setitem(surveys.PRESETS, "stars3", (stars, stars.presets[0]))
    monkeypatch.setattr(app.jinja_env, "loader", ChoiceLoader([DictLoader(STARS_PARTIALS), app.jinja_env.loader]))
    app.jinja_env.cache.clear()


@pytest.fixture
def stars_round(app, with_stars, make_project, make_user):
    project = make_project()
    definition = {"id": "stars", "version": 1, "languages": ["en"], "title": {"en": "Stars"},
                  "intro": {"text": {"en": "Hello"}},
                  "questions": [{"key": "rating", "type": "stars", "text": {"en": "How many stars?"}}]}
    questionnaire = Questionnaire(organisation_id=project.organisation_id, slug="stars", version=1, title="Stars",
                                  definition=definition)
    round_ = Round(project=project, questionnaire=questionnaire, languages=["en"], mode="paper")
    db.session.add(round_)
    coordinator = make_user("coordinator@example.org", Role.COORDINATOR, centre=project.organisation)
    db.session.commit()
    return round_, logged_in(app, coordinator)


def test_a_new_type_is_one_class_and_its_partials(stars_round):
    round_, staff = stars_round
    questionnaire = f"/library/{round_.questionnaire_id}"
    page = f"/projects/{round_.project_id}/rounds/{round_.id}"
    kiosk = staff.get(f"/r/{round_.token}").text
    assert 'class="stars-kiosk"' in kiosk and 'data-value="3">***</button>' in kiosk
    assert 'class="stars-paper">3 boxes' in staff.get(f"{page}/paper").text
    entry = staff.get(f"{page}/enter").text
    assert '<p class="stars-entry"><input checked id="q_rating-0" name="q_rating" type="radio" value="">' in entry
    assert '<input id="q_rating-3" name="q_rating" type="radio" value="3"></p>' in entry
    assert "Stars · stars-badge</span>" in staff.get(questionnaire).text
    editor = staff.get(f"{questionnaire}/edit").text
    assert 'class="stars-settings"' in editor and '<option value="stars3">Stars, one to three</option>' in editor
    entered = staff.post(f"{page}/enter", data={"mode": "paper", "day": today().isoformat(), "language": "en",
                                                 "q_rating": "2"})
    assert entered.status_code == 302
    assert [(a.question_key, a.value) for a in db.session.scalars(select(Answer))] == [("rating", "2")]


class Cards(Pictures):
    """Options on cards: a new type whose questions list their options, as pictures questions do."""

    name = "cards"


def test_the_editor_adds_and_reads_the_options_of_any_type_that_lists_them(app, monkeypatch):
    monkeypatch.setitem(QUESTION_TYPES, "cards", Cards())
    draft = {"questions": [{"key": "q", "type": "cards", "options": []}]}
    assert editor.apply_change(draft, "add_option:0", MultiDict()) == "questions[0].options[0]"
    assert [option["key"] for option in draft["questions"][0]["options"]] == ["option_1"]
    form = MultiDict({"languages": "en", "q0.type": "cards", "q0.key": "q", "q0.o0.key": "sun", "q0.o0.text.en": "Sun"})
    read = editor.draft_from_form(form, {"id": "cards", "version": 1})
    assert [(o["key"], o["text"]) for o in read["questions"][0]["options"]] == [("sun", {"en": "Sun"})]
