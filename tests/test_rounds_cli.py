"""`flask rounds`: what staff see of their rounds at the command line, and counting their figures again."""

from datetime import date, timedelta

from app.dashboard.report import Filters, project_report
from app.extensions import db
from app.responses.models import AnswerTally, ResponseTally


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


def test_rounds_recount_gives_back_figures_whose_tallies_were_lost(app, answered_round, make_project):
    project = make_project()
    answered_round(project, [("nl", {"liked_today": str(value)}) for value in (5, 4, 4, 3, 1, 5)])
    before = project_report(project, Filters(), k=5, with_comments=False)
    db.session.execute(ResponseTally.__table__.delete())
    db.session.execute(AnswerTally.__table__.delete())
    db.session.commit()
    assert not project_report(project, Filters(), k=5, with_comments=False).respondents, "no figures: no tallies"

    output = app.test_cli_runner().invoke(args=["rounds", "recount"]).output
    assert output == "1 rounds recounted: 6 responses counted, 0 waiting for more.\n"
    after = project_report(project, Filters(), k=5, with_comments=False)
    assert after.respondents == before.respondents == 6
    assert after.satisfaction == before.satisfaction
