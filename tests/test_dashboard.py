"""Results per project: numbers by hand, small groups hidden even through filters, trust warnings."""

import uuid
from datetime import date, timedelta

import pytest

from app.dashboard.overview import project_overview
from app.dashboard.report import Filters, project_report
from app.extensions import db


@pytest.fixture
def answered_round(client, make_round):
    """A round of the after-activity questionnaire filled through the real submission API."""

    def make(project=None, answers=(), opens_on=None, mode="kiosk", questionnaire="after-activity"):
        round_ = make_round(project=project, questionnaire=questionnaire, languages=["nl", "ar", "ti"],
                            mode=mode, opens_on=opens_on or date.today())
        db.session.commit()
        for language, given in answers:
            body = {"id": str(uuid.uuid4()), "language": language, "answers": given}
            assert client.post(f"/api/rounds/{round_.token}/responses", json=body).status_code == 201
        return round_

    return make


def faces(*values, language="nl"):
    return [(language, {"liked_today": str(v), "understood": "yes"}) for v in values]


def test_the_project_report_matches_numbers_computed_by_hand(answered_round, make_project):
    project = make_project()
    answered_round(project, faces(5, 4, 4, 3, 1, 5))
    report = project_report(project, Filters(), k=5, with_comments=False)
    assert report.respondents == 6
    [section] = report.sections
    liked = next(q for q in section.questions if q.question.key == "liked_today")
    # scores 100, 75, 75, 50, 0, 100 -> mean 400/6 = 66.67; happy faces (4, 5) = 4 of 6
    assert round(liked.summary.mean, 2) == 66.67
    assert liked.summary.positive == 4
    assert report.satisfaction == pytest.approx(400 / 6)
    assert report.trust.ceiling == 2  # the two who gave 5 to the only face question


def test_a_round_with_fewer_than_k_responses_is_left_out_of_every_figure(answered_round, make_project):
    project = make_project()
    answered_round(project, faces(5, 5, 5, 5, 5), opens_on=date.today() - timedelta(days=30))
    small = answered_round(project, faces(1, 1, 1), opens_on=date.today())
    report = project_report(project, Filters(), k=5, with_comments=False)
    assert report.respondents == 5
    assert next(f for f in report.rounds if f.round.id == small.id).withheld
    only_small = project_report(project, Filters(start=date.today()), k=5, with_comments=False)
    assert only_small.respondents is None and only_small.sections == []


def test_a_language_filter_cannot_single_out_a_small_group(answered_round, make_project):
    project = make_project()
    answered_round(project, faces(4, 4, 4, 4, 4, 4) + faces(2, 2, language="ar") + faces(1, 1, 1, language="ti"))
    report = project_report(project, Filters(), k=5, with_comments=False)
    assert report.languages == {"nl": 6, "ar": None, "ti": None}
    refused = project_report(project, Filters(language="ti"), k=5, with_comments=False)
    assert refused.refused_filter == "ti" and refused.respondents == 11
    # subtracting the visible Dutch group from the total leaves two hidden groups together, never one
    assert report.respondents - report.languages["nl"] == 5


def test_complementary_suppression_protects_a_lone_small_language(answered_round, make_project):
    project = make_project()
    answered_round(project, faces(*[4] * 10) + faces(3, 3, 3, 3, 3, 3, language="ar") + faces(1, 1, language="ti"))
    report = project_report(project, Filters(), k=5, with_comments=False)
    assert report.languages["ti"] is None
    assert report.languages["ar"] is None, "otherwise total - nl - ar would give the Tigrinya group"
    assert project_report(project, Filters(language="ar"), k=5, with_comments=False).refused_filter == "ar"


def test_comments_come_only_from_rounds_with_at_least_k_responses(answered_round, make_project):
    project = make_project()
    big = [("nl", {"overall": "4", "comment": f"opmerking {i}"}) for i in range(5)]
    answered_round(project, big, opens_on=date.today() - timedelta(days=9), questionnaire="amif-satisfaction")
    answered_round(project, [("nl", {"comment": "only me"})], opens_on=date.today(), questionnaire="amif-satisfaction")
    report = project_report(project, Filters(), k=5, with_comments=True)
    texts = sorted(text for _, text in report.comments)
    assert texts == [f"opmerking {i}" for i in range(5)]


def test_a_ceiling_of_best_answers_raises_the_too_good_to_be_true_note(answered_round, make_project, make_centre):
    honest, suspicious = make_project("Taalcafé"), make_project("Woonhulp", centre=make_centre("Centre Noord"))
    answered_round(honest, faces(5, 4, 3, 2, 5, 4, 1, 3))
    answered_round(suspicious, faces(5, 5, 5, 5, 5, 5, 5, 4), mode="assisted")
    assert project_report(honest, Filters(), k=5, with_comments=False).notes == []
    assert project_report(suspicious, Filters(), k=5, with_comments=False).notes == ["ceiling"]
    rows = {row.project.name: row for row in project_overview([honest, suspicious], k=5)}
    assert rows["Woonhulp"].too_good and not rows["Taalcafé"].too_good


def test_satisfaction_by_mode_appears_only_when_every_mode_has_k_answers(answered_round, make_project):
    project = make_project()
    answered_round(project, faces(5, 5, 5, 5, 5), mode="assisted", opens_on=date.today() - timedelta(days=3))
    answered_round(project, faces(2, 3, 2, 3), mode="kiosk")
    assert project_report(project, Filters(), k=5, with_comments=False).satisfaction_by_mode is None
    answered_round(project, faces(3, 2, 3, 2, 3, 3), mode="kiosk", opens_on=date.today() - timedelta(days=1))
    by_mode = project_report(project, Filters(), k=5, with_comments=False).satisfaction_by_mode
    assert by_mode["assisted"] == 100 and by_mode["kiosk"] < 50


def test_the_demo_shows_which_project_is_good_bad_and_too_good(app):
    from sqlalchemy import select

    from app.models import Project

    app.test_cli_runner().invoke(args=["demo"])
    rows = project_overview(db.session.scalars(select(Project)).all(), k=5)
    by_name = {row.project.name: row for row in rows}
    assert [row.project.name for row in rows if row.too_good] == ["Woonbegeleiding"]
    assert by_name["Vrouwengroep"].satisfaction > by_name["Accompagnement vers l'emploi"].satisfaction + 15
