"""Counts of released batches agree with the answers stored, so dashboards can trust them, and tell no order."""

from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from app.extensions import db
from app.models import AnswerTally, ResponseTally, Round
from app.responses.tallies import rebuild_tallies, release_waiting, waiting_responses


def tallies():
    db.session.expire_all()
    responses = {(t.round_id, t.day, t.language, t.mode): (t.responses, t.scale_responses, t.ceiling, t.straightlining)
                 for t in db.session.scalars(select(ResponseTally))}
    answers = {(t.round_id, t.language, t.question_key, t.value): t.n for t in db.session.scalars(select(AnswerTally))}
    return responses, answers


def test_each_stored_response_is_counted_once_with_its_trust_flags(client, send_response, make_round):
    round_ = make_round(questionnaire="amif-satisfaction", languages=["nl", "ar"])
    db.session.commit()
    best = {"overall": "5", "helped_integration": "5"}
    body = send_response(round_, {**best, "helped_most": ["language", "work"], "comment": "Meer les"})
    client.post(f"/api/rounds/{round_.token}/responses", json=body)  # sent again: not counted again
    send_response(round_, {"overall": "2", "helped_integration": "4"}, language="ar")
    send_response(round_, {})
    assert release_waiting([round_], k=4) == 0 and tallies() == ({}, {}), "3 responses wait for a fourth"
    send_response(round_, {"overall": "3"}, language="ar")
    assert release_waiting([round_], k=4) == 1 and waiting_responses([round_]) == 0
    responses, answers = tallies()
    assert set(t.batch for t in db.session.scalars(select(ResponseTally))) == {1}
    assert responses[(round_.id, date.today(), "nl", "kiosk")] == (2, 1, 1, 0)
    assert responses[(round_.id, date.today(), "ar", "kiosk")] == (2, 2, 0, 0)
    assert answers[(round_.id, "nl", "helped_most", "")] == 1
    assert answers[(round_.id, "nl", "helped_most", "work")] == 1
    assert answers[(round_.id, "nl", "comment", "")] == 1
    assert not any(value == "Meer les" for (_, _, _, value) in answers), "free text is never counted by value"


def test_recounting_from_the_stored_answers_gives_the_same_tallies(send_response, make_round):
    round_ = make_round(questionnaire="amif-satisfaction", languages=["nl", "ar"])
    db.session.commit()
    for overall in "55432":
        send_response(round_, {"overall": overall, "helped_integration": overall, "comment": "ok"})
    release_waiting([round_], k=5)
    before = tallies()
    assert before[0]
    rebuild_tallies([round_])
    db.session.commit()
    assert tallies() == before


def test_each_release_is_a_new_batch_of_the_waiting_responses_only(send_response, make_round):
    round_ = make_round(questionnaire="amif-satisfaction", languages=["nl"])
    db.session.commit()
    for overall in "5432":
        send_response(round_, {"overall": overall})
    release_waiting([round_], k=2)
    send_response(round_, {"overall": "1"})
    assert release_waiting([round_], k=2) == 0, "one new response waits: the figures do not move by one person"
    send_response(round_, {"overall": "1"})
    assert release_waiting([round_], k=2) == 1
    batches = {(t.batch, t.value): t.n for t in db.session.scalars(select(AnswerTally).where(
        AnswerTally.question_key == "overall", AnswerTally.value != ""))}
    assert batches == {(1, "5"): 1, (1, "4"): 1, (1, "3"): 1, (1, "2"): 1, (2, "1"): 2}


TABLES = ("response_tallies", "answer_tallies", "responses", "answers")


def test_the_tally_tables_keep_no_order_of_arrival(app):
    """No counter numbers the rows as they come: on SQLite no rowid (it counts up as rows are written), on
    PostgreSQL no column filled from a sequence."""
    if db.engine.dialect.name == "postgresql":
        numbered = db.session.execute(text(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_name = ANY(:tables) "
            "AND (column_default LIKE 'nextval%' OR is_identity = 'YES')"), {"tables": list(TABLES)}).all()
        assert numbered == []
        return
    for table in TABLES:
        with pytest.raises(OperationalError, match="rowid"):
            db.session.execute(text(f"SELECT rowid FROM {table}"))
        db.session.rollback()


def test_two_readers_releasing_at_once_count_each_response_once_in_batches_of_k(app, send_response, make_round):
    import threading

    round_ = make_round(languages=["nl"])
    db.session.commit()
    for _ in range(12):
        send_response(round_, {"liked_today": "4"})
    round_id, start, errors = round_.id, threading.Barrier(3), []

    def release():
        with app.app_context():
            start.wait()
            try:
                release_waiting([db.session.get(Round, round_id)], k=5)
            except Exception as error:  # noqa: BLE001 - reported below, with its type
                errors.append(error)
            finally:
                db.session.remove()

    readers = [threading.Thread(target=release) for _ in range(3)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert errors == []
    db.session.expire_all()
    sizes = {t.batch: t.responses for t in db.session.scalars(select(ResponseTally))}
    assert sum(sizes.values()) == 12 and all(n >= 5 for n in sizes.values()), sizes
    assert waiting_responses([round_]) == 0
