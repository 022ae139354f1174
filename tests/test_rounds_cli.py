"""`flask rounds list`: what staff see of their rounds at the command line."""

from datetime import date, timedelta

from app.extensions import db


def test_rounds_list_shows_each_round_with_its_kiosk_url_state_and_response_count(app, make_round, make_response,
                                                                                   make_project):
    open_round = make_round(project=make_project("Taalcafé"), mode="kiosk")
    closed = make_round(project=open_round.project, questionnaire="amif-satisfaction", mode="phone",
                        opens_on=date.today() - timedelta(days=9), closed_by_hand_on=date.today() - timedelta(days=2))
    for value in ("1", "5", "4"):
        make_response(open_round, {"liked_today": value})
    db.session.commit()
    lines = app.test_cli_runner().invoke(args=["rounds", "list"]).output.splitlines()
    assert lines == [  # oldest round first
        f"Centre Zuid / Taalcafé | amif-satisfaction v2 | phone | closed | http://vox.test/r/{closed.token} | "
        "0 responses",
        f"Centre Zuid / Taalcafé | after-activity v1 | kiosk | open | http://vox.test/r/{open_round.token} | "
        "3 responses",
    ]


def test_rounds_list_says_when_there_are_none(app):
    assert app.test_cli_runner().invoke(args=["rounds", "list"]).output == "No rounds yet.\n"
