"""Any input gives a valid result or a clear error: never a crash, never half of it stored."""

import json
import uuid
from datetime import date

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

import surveys
from app.extensions import db
from app.models import Answer, Response
from app.responses.submission import SubmissionError, parse_submission

LIBRARY = surveys.LIBRARY_DIR
AFTER_ACTIVITY = surveys.load_questionnaire(LIBRARY / "after-activity.yaml")
SOURCE = (LIBRARY / "after-activity.yaml").read_text()

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_load_or_give_problems(raw):
    try:
        surveys.load_questionnaire(raw, name="fuzz.yaml")
    except surveys.QuestionnaireError as error:
        assert error.problems and all(str(problem).startswith("fuzz.yaml") for problem in error.problems)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(SOURCE) - 1), st.integers(0, 40), st.text(max_size=8))
def test_a_damaged_questionnaire_loads_or_gives_problems(start, length, inserted):
    damaged = SOURCE[:start] + inserted + SOURCE[start + length:]
    try:
        surveys.load_questionnaire(damaged.encode(), name="damaged.yaml")
    except surveys.QuestionnaireError as error:
        assert error.problems


odd_values = (json_values | st.integers(min_value=10**30) | st.text(alphabet=st.characters(), max_size=6)
              | st.just("${name}") | st.just("\ud800"))
question_shaped = st.fixed_dictionaries(
    {"key": st.just("q1") | odd_values, "type": st.sampled_from(["faces", "pictures", "text"]) | odd_values,
     "text": st.just({"en": "How was it?"}) | odd_values},
    optional={"options": st.lists(st.dictionaries(st.sampled_from(["key", "picture", "text"]), odd_values,
                                                  max_size=3), max_size=3) | odd_values,
              "points": odd_values, "audio": odd_values, "indicator": odd_values, "picture": odd_values})
questionnaire_shaped = st.fixed_dictionaries(
    {"id": st.just("fuzz") | odd_values, "version": st.just(1) | odd_values,
     "languages": st.just(["en"]) | st.lists(odd_values, max_size=3) | odd_values,
     "title": st.just({"en": "Fuzz"}) | odd_values, "intro": st.just({"text": {"en": "Hi"}}) | odd_values,
     "questions": st.lists(question_shaped | odd_values, max_size=3) | odd_values})


@settings(max_examples=300, deadline=None)
@given(questionnaire_shaped)
def test_questionnaire_shaped_yaml_with_odd_values_loads_or_gives_problems(data):
    try:
        source = yaml.safe_dump(data, allow_unicode=False)
    except yaml.YAMLError:
        return
    try:
        surveys.load_questionnaire(source.encode(), name="fuzz.yaml")
    except surveys.QuestionnaireError as error:
        assert error.problems and all(str(problem).startswith("fuzz.yaml") for problem in error.problems)


@settings(max_examples=300, deadline=None)
@given(questionnaire_shaped)
def test_questionnaire_shaped_data_from_elsewhere_loads_or_gives_problems(data):
    try:
        surveys.questionnaire_from_dict(data, name="edited")
    except surveys.QuestionnaireError as error:
        assert error.problems and all(str(problem).encode() for problem in error.problems)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["id", "language", "day", "answers", "extra"]), json_values, max_size=5),
       st.dictionaries(st.sampled_from(["liked_today", "understood", "too_long", "nope"]), json_values, max_size=4))
def test_any_submission_is_accepted_whole_or_refused_naming_a_field(body, answers):
    if "answers" in body:
        body["answers"] = answers
    try:
        submission = parse_submission(json.dumps(body).encode(), AFTER_ACTIVITY, ["nl", "ar"], date.today())
    except SubmissionError as error:
        assert error.field and error.message
    else:
        for key, _position, value in submission.values:
            assert AFTER_ACTIVITY.question(key).clean_answer(value) == [value]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["liked_today", "understood", "too_long", "unknown"]), json_values,
                       max_size=4), st.sampled_from(["nl", "ar", "xx"]))
def test_the_submission_api_never_fails_and_never_stores_half(client, make_round, answers, language):
    round_ = make_round_once(make_round)
    before = counts()
    body = {"id": str(uuid.uuid4()), "language": language, "answers": answers}
    reply = client.post(f"/api/rounds/{round_.token}/responses", json=body)
    assert reply.status_code in (201, 400), reply.text
    responses, answers_stored = counts()
    if reply.status_code == 400:
        assert (responses, answers_stored) == before
    else:
        assert responses == before[0] + 1


_rounds: dict = {}


def make_round_once(make_round):
    key = id(db.session.get_bind())
    round_ = _rounds.get(key)
    if round_ is None or db.session.get(type(round_), round_.id) is None:
        round_ = make_round(languages=["nl", "ar"])
        db.session.commit()
        _rounds[key] = round_
    return round_


def counts():
    return (db.session.scalar(select(func.count()).select_from(Response)),
            db.session.scalar(select(func.count()).select_from(Answer)))
