"""Results per project: numbers by hand, small groups hidden even through filters, trust warnings."""

import csv
import io
import json
import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

import surveys
from analysis.figures import diverging_faces
from analysis.summaries import summarise
from app.dashboard import charts
from app.dashboard.overview import project_overview
from app.dashboard.report import Filters, project_report
from app.extensions import db
from app.models import Role


def page(client, project, query="") -> str:
    response = client.get(f"/results/projects/{project.id}{query}")
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def results(client, project, query="") -> list[dict]:
    response = client.get(f"/results/projects/{project.id}/results.csv{query}")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))


def counts_of(rows: list[dict], key: str) -> tuple[str, dict[str, str]]:
    """A question's answered count and its count per answer, as the export holds them."""
    (question,) = [r for r in rows if r["table"] == "question" and r["question_key"] == key]
    answers = [r for r in rows if r["table"] == "answer" and r["question_key"] == key]
    return question["count"], {r["value"]: r["count"] for r in answers}


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
    over(answered_round(project, big, opens_on=date.today() - timedelta(days=9), questionnaire="amif-satisfaction"))
    over(answered_round(project, [("nl", {"comment": "only me"})], opens_on=date.today() - timedelta(days=9),
                        questionnaire="amif-satisfaction"))
    report = project_report(project, Filters(), k=5, with_comments=True)
    texts = sorted(text for _, text in report.comments)
    assert texts == [f"opmerking {i}" for i in range(5)]


def over(round_):
    """Closed long enough ago that no late answer can come in any more."""
    round_.closed_by_hand_on = date.today() - timedelta(days=round_.grace_days + 1)
    db.session.commit()
    return round_


def test_comments_wait_until_no_more_answers_can_come_in(answered_round, make_project, log_in_as):
    """A comment that appears right after someone used the tablet would tell who wrote it."""
    project = make_project()
    given = [("nl", {"overall": "4", "comment": f"opmerking {i}"}) for i in range(6)]
    round_ = answered_round(project, given, opens_on=date.today() - timedelta(days=3),
                            questionnaire="amif-satisfaction")
    client = log_in_as(centre=project.organisation)
    shown = page(client, project)
    assert "opmerking" not in shown and "The comments of 1 round are shown once it is over" in shown
    round_.closed_by_hand_on = date.today()  # closed, but a tablet that was offline may still send its answers
    db.session.commit()
    assert "opmerking" not in page(client, project)
    over(round_)
    shown = page(client, project)
    assert all(f"opmerking {i}" in shown for i in range(6)) and "The comments of" not in shown


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


def test_the_demo_shows_which_project_is_good_bad_and_too_good(demo_data):
    from sqlalchemy import select

    from app.models import Project

    rows = project_overview(db.session.scalars(select(Project)).all(), k=5)
    by_name = {row.project.name: row for row in rows}
    assert [row.project.name for row in rows if row.too_good] == ["Woonbegeleiding"]
    assert by_name["Vrouwengroep"].satisfaction > by_name["Accompagnement vers l'emploi"].satisfaction + 15


# --- differencing: no two views may differ by a group that one round hides ------------------------------------

def test_comparing_periods_never_gives_a_language_group_that_its_round_hides(answered_round, make_project, log_in_as):
    project = make_project()
    january, february = date.today() - timedelta(days=60), date.today() - timedelta(days=30)
    answered_round(project, faces(4, 4, 4, 4, 4, 4, 4, 4) + faces(1, 1, language="ti"), opens_on=january)
    answered_round(project, faces(4, 4, 4, 4, 4, 4) + faces(5, 5, 5, 5, 5, 5, language="ti"), opens_on=february)
    # January alone hides its two Tigrinya speakers (and Dutch with them)
    alone = project_report(project, Filters(end=january), k=5, with_comments=False)
    assert alone.languages == {"nl": None, "ti": None}
    # all rounds minus February used to give them: 8 - 6 = 2 people, and the "1"s they gave
    everything = project_report(project, Filters(), k=5, with_comments=False)
    february_only = project_report(project, Filters(start=february), k=5, with_comments=False)
    assert everything.respondents == 22
    assert everything.languages["ti"] == february_only.languages["ti"] == 6
    client = log_in_as(centre=project.organisation)
    overview = page(client, project)
    assert re.search(r"<td>≥ 6</td>", overview), "the count says it leaves rounds out"
    assert "≥ marks a count that leaves out the rounds" in overview
    filtered, february_filtered = page(client, project, "?language=ti"), page(client, project,
                                                                             f"?language=ti&start={february}")
    assert "1 round is left out: this group is too small there to be shown on its own." in filtered
    answered = re.findall(r"(\d+) answered, (\d+)% skipped it", filtered)
    assert answered == re.findall(r"(\d+) answered, (\d+)% skipped it", february_filtered) == [("6", "0"), ("6", "0")]
    assert counts_of(results(client, project, "?language=ti"), "liked_today") == (
        "6", {"1": "0", "2": "0", "3": "0", "4": "0", "5": "6"})


def test_a_round_where_few_answered_a_question_is_left_out_of_its_figures(answered_round, make_project, log_in_as):
    project = make_project()
    first = date.today() - timedelta(days=30)
    # ten people, two of whom answered "understood": hidden when the round is shown alone
    answered_round(project, [("nl", {"liked_today": "1", "understood": "no"})] * 2
                   + [("nl", {"liked_today": "4"})] * 8, opens_on=first)
    answered_round(project, [("nl", {"liked_today": "3", "understood": "yes"})] * 8)
    client = log_in_as(centre=project.organisation)
    alone = results(client, project, f"?end={first}")
    assert counts_of(alone, "understood")[0] == ""
    # both rounds used to show 10 answered, 2 "no": minus the second round alone, the first round's two answers
    both, second = results(client, project), results(client, project, f"?start={date.today()}")
    assert counts_of(both, "understood") == counts_of(second, "understood") == (
        "8", {"yes": "8", "no": "0", "dont_know": "0"})
    assert counts_of(both, "liked_today")[0] == "18", "a question enough people answered keeps both rounds"
    assert [r["note"] for r in both if r["table"] == "question" and r["question_key"] == "understood"] == [
        "1 round is left out of this question: too few people answered it there."]
    shown = page(client, project)
    assert "8 answered, 0% skipped it. 1 round is left out of this question" in shown
    assert "10 answered" not in shown
    # the overview's satisfaction counts the same answers as the project's page
    report = project_report(project, Filters(), k=5, with_comments=False)
    assert project_overview([project], k=5)[0].satisfaction == pytest.approx(report.satisfaction)


def test_a_filtered_view_leaves_out_rounds_where_the_group_is_hidden(answered_round, make_project, log_in_as):
    """Sections add up rounds of one questionnaire: with a round hidden among them, its count was a subtraction."""
    project = make_project()
    days = [date.today() - timedelta(days=d) for d in (60, 30, 0)]
    answered_round(project, faces(*[4] * 8) + faces(2, 2, 2, language="ar"), opens_on=days[0])
    answered_round(project, faces(*[4] * 8) + faces(3, 3, 3, 3, 3, 3, 3, language="ar"), opens_on=days[1])
    answered_round(project, [(language, {"overall": "4"}) for language in ["nl"] * 8 + ["ar"] * 5],
                   opens_on=days[2], questionnaire="amif-satisfaction")
    client = log_in_as(centre=project.organisation)
    rows = results(client, project, "?language=ar")
    rounds = {r["group"][:10]: r["count"] for r in rows if r["table"] == "round"}
    assert rounds == {str(days[0]): "", str(days[1]): "7", str(days[2]): "5"}
    # before: 15 people, and "liked_today: 10 answered" minus the 7 of the round shown gave the hidden 3
    assert [r["count"] for r in rows if r["table"] == "respondents"] == ["12"]
    assert counts_of(rows, "liked_today")[0] == "7" and counts_of(rows, "overall")[0] == "5"
    shown = page(client, project, "?language=ar")
    assert "1 round is left out: this group is too small there to be shown on its own." in shown
    assert "10 answered" not in shown and "15 people answered" not in shown


def test_filters_on_the_other_languages_never_leave_one_hidden_group_to_subtract(answered_round, make_project,
                                                                                log_in_as):
    project = make_project()
    answered_round(project, [("nl", {"liked_today": "4", "understood": "no"})] * 3
                   + [("nl", {"liked_today": "4"})] * 7
                   + [(language, {"liked_today": "4", "understood": "yes"}) for language in ["ar"] * 6 + ["ti"] * 6])
    client = log_in_as(centre=project.organisation)
    everyone = counts_of(results(client, project), "understood")
    assert everyone == ("15", {"yes": "12", "no": "3", "dont_know": "0"})
    per_language = {language: counts_of(results(client, project, f"?language={language}"), "understood")[0]
                    for language in ("nl", "ar", "ti")}
    # before: Arabic 6 and Tigrinya 6 shown, so 15 - 6 - 6 gave the three Dutch "no"s
    hidden = [language for language, count in per_language.items() if count == ""]
    assert len(hidden) >= 2 and "nl" in hidden, per_language
    assert int(everyone[0]) - sum(int(n) for n in per_language.values() if n) > 3


def test_a_withheld_round_changes_no_number_anywhere(answered_round, make_project, log_in_as):
    project = make_project()
    answered_round(project, faces(5, 4, 4, 3, 2, 5, 4) + faces(3, 3, 3, 3, 3, language="ar"),
                   opens_on=date.today() - timedelta(days=20))
    client = log_in_as(centre=project.organisation)
    before = results(client, project)
    answered_round(project, faces(1, 1) + faces(1, language="ti"), opens_on=date.today())
    after = results(client, project)
    assert after == before, "a round of 3: its people, skips and answers are in no count, share or mean"
    assert project_report(project, Filters(), k=5, with_comments=False).rounds[-1].withheld


def test_a_group_shown_beside_the_total_never_leaves_fewer_than_k_others_to_compute(answered_round, make_project,
                                                                                   log_in_as):
    """A round of 9: 6 Dutch, 1 Arabic, 2 Tigrinya. Everyone minus the Dutch 6 gave the other 3's answers."""
    project = make_project()
    answered_round(project, faces(5, 5, 5, 5, 5, 5) + faces(1, language="ar") + faces(1, 1, language="ti"))
    client = log_in_as(centre=project.organisation)
    everyone = results(client, project)
    assert counts_of(everyone, "liked_today") == ("9", {"1": "3", "2": "0", "3": "0", "4": "0", "5": "6"})
    assert {r["group"]: r["count"] for r in everyone if r["table"] == "language"} == {"nl": "", "ar": "", "ti": ""}
    dutch = results(client, project, "?language=nl")
    assert [r["value"] for r in dutch if r["group"] == "refused_filter"] == ["nl"]
    assert counts_of(dutch, "liked_today") == counts_of(everyone, "liked_today"), "everyone is counted instead"
    assert "the people it leaves out are fewer than 5" in page(client, project, "?language=nl")


def test_one_more_response_to_a_running_round_moves_no_figure_anywhere(answered_round, make_project, log_in_as,
                                                                       send_response):
    project = make_project()
    helped = {"overall": "4", "helped_integration": "4"}
    round_ = answered_round(project, [("nl", helped)] * 6, questionnaire="amif-satisfaction")
    coordinator = log_in_as(centre=project.organisation)

    def figures():
        return (results(coordinator, project), coordinator.get("/results/amif.csv").get_data(),
                re.sub(r"\s+", " ", coordinator.get("/results/").get_data(as_text=True)))

    def answer(given):
        send_response(round_, given)

    before = figures()
    assert counts_of(before[0], "overall") == ("6", {"1": "0", "2": "0", "3": "0", "4": "6", "5": "0"})
    answer({"overall": "1", "helped_integration": "1", "recommend": "no"})
    assert figures() == before, "the figures before and after one person used the tablet are the same"
    assert "1 response is not counted yet" in page(coordinator, project)
    for _ in range(3):
        answer({"overall": "1"})
    assert figures() == before
    answer({"overall": "2"})
    after = figures()
    assert counts_of(after[0], "overall") == ("11", {"1": "4", "2": "1", "3": "0", "4": "6", "5": "0"})
    assert "not counted yet" not in page(coordinator, project)


def test_each_batch_of_a_running_round_hides_its_small_groups_on_its_own(answered_round, make_project, log_in_as,
                                                                         send_response):
    project = make_project()
    round_ = answered_round(project, faces(4, 4, 4, 4, 4, 4))
    coordinator = log_in_as(centre=project.organisation)
    assert counts_of(results(coordinator, project, "?language=nl"), "liked_today")[0] == "6"
    for language, face in [("nl", "1"), ("nl", "1"), ("nl", "1"), ("ar", "2"), ("ar", "2")]:
        send_response(round_, {"liked_today": face}, language)
    everyone, dutch = results(coordinator, project), results(coordinator, project, "?language=nl")
    assert counts_of(everyone, "liked_today")[0] == "11", "the new batch of 5 counts for everyone"
    # the second batch's 3 Dutch beside its 2 Arabic speakers are hidden: Dutch still counts the first batch only,
    # so comparing with the view before gives nothing about anyone of the second batch
    assert counts_of(dutch, "liked_today") == ("6", {"1": "0", "2": "0", "3": "0", "4": "6", "5": "0"})


def test_the_centre_and_network_comparisons_carry_the_trust_flags(answered_round, make_project, make_centre,
                                                                  log_in_as):
    north, south = make_centre("Centre Noord"), make_centre("Centre Zuid")
    honest, glowing = make_project("Taalcafé", centre=north), make_project("Woonhulp", centre=north)
    answered_round(honest, faces(5, 4, 2, 3, 1, 4, 3))
    answered_round(glowing, faces(5, 5, 5, 5, 5, 5), mode="assisted")
    answered_round(make_project("Werkwinkel", centre=south), faces(4, 2, 3, 5, 1, 3))

    def trust_cells(client, url) -> list[str]:
        shown = re.sub(r"\s+", " ", client.get(url).get_data(as_text=True))
        return re.findall(r"<td>(.*?)</td>", re.search(r'<tr class="trust">(.*?)</tr>', shown).group(1))

    projects = trust_cells(log_in_as(Role.COORDINATOR, centre=north), f"/results/centres/{north.id}")
    centres = trust_cells(log_in_as(Role.NETWORK), "/results/network")
    # the centre north: 7 of 13 gave only the best face (Woonhulp's 6 and one in Taalcafé), 6 of 13 with staff beside
    for cells, ceiling, assisted in ((projects, "100%", True), (centres, "54%", False)):
        assert len(cells) == 2 and sum("No warning" in cell for cell in cells) == 1
        (flagged,) = [cell for cell in cells if "No warning" not in cell]
        assert f"{ceiling} gave the best face to every question" in flagged
        assert ("100% answered with a member of staff beside them" in flagged) == assisted


def test_faces_worded_not_at_all_to_very_much_get_their_own_legend_on_the_page_and_in_the_report(
        answered_round, make_project, log_in_as):
    """"Did this project help you?" is answered "not at all" to "very much": a legend saying "very bad" to
    "very good" beside it would make the coordinator read the AMIF question wrong."""
    project = make_project()
    answered_round(project, [("nl", {"overall": str(4 + i % 2), "helped_integration": str(3 + i % 3)})
                             for i in range(6)], opens_on=date.today() - timedelta(days=3),
                   questionnaire="amif-satisfaction")
    client = log_in_as(centre=project.organisation)
    html = client.get(f"/results/projects/{project.id}").get_data(as_text=True)
    shown = {}
    faces_figure = r'<script type="application/json" id="fig-(faces-[^"]+)">(.*?)</script>'
    for name, figure in re.findall(faces_figure, html, re.S):
        data = json.loads(figure)
        shown[name] = ({label.replace("<br>", " ") for bar in data["data"] for label in bar["y"]},
                         [bar["name"] for bar in sorted(data["data"], key=lambda bar: bar["legendrank"])
                          if bar.get("showlegend", True)])
    (quality_questions, quality_legend), (extent_questions, extent_legend) = shown.values()
    assert quality_legend == ["Very bad", "Bad", "So-so", "Good", "Very good"]
    assert extent_legend == ["Not at all", "A little", "Somewhat", "A lot", "Very much"]
    assert any("help" in q.lower() for q in extent_questions)
    assert not any("help" in q.lower() for q in quality_questions)

    report = re.sub(r"\s+", " ", client.get(f"/results/projects/{project.id}/report").get_data(as_text=True))
    legends = re.findall(r'<p class="legend" aria-hidden="true">(.*?)</p>', report)
    assert len(legends) == 2
    assert "Very good" in legends[0] and "Not at all" not in legends[0]
    assert "Not at all" in legends[1] and "Very bad" not in legends[1]


def test_a_three_point_scale_s_chart_names_only_its_three_faces(app):
    question = surveys.load_questionnaire(surveys.LIBRARY_DIR / "voice-of-the-group.yaml").question(
        "staff_listen_group")
    summary = summarise(question, {"1": 2, "3": 3, "5": 5}, answered=10, respondents=10, k=5)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        [(legend, _group)] = charts.by_face_words([SimpleNamespace(question=question, summary=summary)])
    assert list(legend) == ["1", "3", "5"]
    figure = diverging_faces([("Did the staff listen to the group?", summary)], legend)
    assert sorted({bar.name for bar in figure.data}) == sorted(legend.values())
