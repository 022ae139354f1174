"""Counts kept at insert time agree with the answers stored, so dashboards can trust them."""

import uuid
from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.kiosk.tallies import AnswerTally, ResponseTally, rebuild_tallies


def tallies():
    db.session.expire_all()
    responses = {(t.round_id, t.day, t.language, t.mode): (t.responses, t.scale_responses, t.ceiling, t.straightlining)
                 for t in db.session.scalars(select(ResponseTally))}
    answers = {(t.round_id, t.language, t.question_key, t.value): t.n for t in db.session.scalars(select(AnswerTally))}
    return responses, answers


def send(client, round_, answers, language="nl"):
    body = {"id": str(uuid.uuid4()), "language": language, "answers": answers}
    assert client.post(f"/api/rounds/{round_.token}/responses", json=body).status_code == 201
    return body


def test_each_stored_response_is_counted_once_with_its_trust_flags(client, make_round):
    round_ = make_round(questionnaire="amif-satisfaction", languages=["nl", "ar"])
    db.session.commit()
    best = {"overall": "5", "helped_integration": "5"}
    body = send(client, round_, {**best, "helped_most": ["language", "work"], "comment": "Meer les"})
    client.post(f"/api/rounds/{round_.token}/responses", json=body)  # sent again: not counted again
    send(client, round_, {"overall": "2", "helped_integration": "4"}, language="ar")
    send(client, round_, {})
    responses, answers = tallies()
    assert responses[(round_.id, date.today(), "nl", "kiosk")] == (2, 1, 1, 0)
    assert responses[(round_.id, date.today(), "ar", "kiosk")] == (1, 1, 0, 0)
    assert answers[(round_.id, "nl", "helped_most", "")] == 1
    assert answers[(round_.id, "nl", "helped_most", "work")] == 1
    assert answers[(round_.id, "nl", "comment", "")] == 1
    assert not any(value == "Meer les" for (_, _, _, value) in answers), "free text is never counted by value"


def test_recounting_from_the_stored_answers_gives_the_same_tallies(client, make_round):
    round_ = make_round(questionnaire="amif-satisfaction", languages=["nl", "ar"])
    db.session.commit()
    for overall in "55432":
        send(client, round_, {"overall": overall, "helped_integration": overall, "comment": "ok"})
    before = tallies()
    rebuild_tallies([round_.id])
    db.session.commit()
    assert tallies() == before
