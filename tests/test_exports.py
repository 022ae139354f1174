"""Exports and the AMIF table: numbers checked by hand, small groups hidden, no order or time to recover."""

import csv
import io
import re
from datetime import date, timedelta

import openpyxl
import pytest
from sqlalchemy import select

from analysis.stats import wilson_interval
from app.audit.models import AuditEvent
from app.extensions import db
from app.models import Role

#: 12 answers to the AMIF satisfaction questionnaire; 7 of 12 say it helped (faces 4 and 5)
HELPED = ["5", "5", "4", "4", "4", "5", "4", "3", "2", "1", "3", "2"]
#: the "overall" face of the same 12 people: 1 x1, 2 x1, 3 x2, 4 x5, 5 x3
OVERALL = ["4", "5", "4", "3", "4", "5", "4", "1", "2", "3", "5", "4"]


@pytest.fixture
def centre(make_centre):
    return make_centre("Centre A")


@pytest.fixture
def project(make_project, centre):
    return make_project("Taal en werk", centre=centre)


@pytest.fixture
def login(log_in_as, centre):
    """A client logged in as a user of the given role (of centre A, unless network or admin)."""

    def as_role(role=Role.COORDINATOR, project=None, locale="en"):
        return log_in_as(role, centre=None if role in (Role.NETWORK, Role.ADMIN) else centre,
                         projects=[project] if project is not None else [], locale=locale)

    return as_role


@pytest.fixture
def make_round(make_round):
    """These tests' rounds opened in 2024 and 2025: unless a test says otherwise, each ran for two weeks."""
    def make(**kw):
        if "planned_last_day" not in kw and kw.get("opens_on") and kw["opens_on"] < date.today() - timedelta(days=30):
            kw["planned_last_day"] = kw["opens_on"] + timedelta(days=14)
        return make_round(**kw)

    return make


@pytest.fixture
def answered(make_response):
    """Store responses; they wait to be counted until figures are read (see kiosk/tallies.py), then count together."""

    def store(round_, people: list[dict], **kw):
        for answers in people:
            make_response(round_, answers, day=kw.get("day", round_.opens_on), language=kw.get("language", "nl"),
                          mode=kw.get("mode"))
        db.session.commit()

    return store


def amif_people() -> list[dict]:
    people = []
    for index, (helped, overall) in enumerate(zip(HELPED, OVERALL, strict=True)):
        person = {"helped_integration": helped, "overall": overall, "recommend": "yes" if index < 9 else "no"}
        if index < 5:
            person["helped_most"] = ["language", "work"] if index < 2 else ["work"]
        if index == 0:
            person["comment"] = "Meer les graag"
        people.append(person)
    return people


def get(client, url: str):
    """A response read whole and closed (an XLSX is sent from a temporary file, which closing removes)."""
    with client.get(url) as response:
        response.streamed = response.is_streamed
        response.get_data()
    return response


def read_csv(response) -> list[dict]:
    assert response.status_code == 200, response.status_code
    return list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))


def read_xlsx(response) -> openpyxl.Workbook:
    assert response.status_code == 200, response.status_code
    return openpyxl.load_workbook(io.BytesIO(response.get_data()))


def codes_of_headers(workbook: openpyxl.Workbook) -> dict[str, str]:
    """The data dictionary's columns: header (in the staff member's language) -> code."""
    dictionary = workbook.worksheets[-1]
    return {row[0]: row[1] for row in dictionary.iter_rows(values_only=True) if row[0] and len(row) > 1 and row[1]}


def xlsx_records(workbook: openpyxl.Workbook, sheet: str) -> list[dict]:
    """A sheet's rows keyed by the columns' codes, read through the data dictionary as a person would."""
    codes = codes_of_headers(workbook)
    header, *data = list(workbook[sheet].iter_rows(values_only=True))
    return [dict(zip([codes[title] for title in header], row, strict=True)) for row in data]


def rows_of(rows: list[dict], table: str, **match) -> list[dict]:
    return [r for r in rows if r["table"] == table and all(r[k] == v for k, v in match.items())]


# --- aggregated results ---------------------------------------------------------------------------------------

def test_the_aggregated_export_holds_the_numbers_computed_by_hand(project, make_round, answered, login):
    round_ = make_round(project=project, questionnaire="amif-satisfaction", opens_on=date(2024, 3, 4), attendance=16)
    answered(round_, amif_people())
    rows = read_csv(get(login(), f"/results/projects/{project.id}/results.csv"))

    assert rows_of(rows, "respondents")[0]["count"] == "12"
    (round_row,) = rows_of(rows, "round")
    assert (round_row["count"], round_row["base"], round_row["share"]) == ("12", "16", "0.75")
    # overall: faces 1 x1, 2 x1, 3 x2, 4 x5, 5 x3 -> mean (0 + 25 + 100 + 375 + 300) / 12 = 66.6667
    counts = {r["value"]: int(r["count"]) for r in rows_of(rows, "answer", question_key="overall")}
    assert counts == {"1": 1, "2": 1, "3": 2, "4": 5, "5": 3}
    assert rows_of(rows, "question", question_key="overall")[0]["mean_0_100"] == "66.6667"
    # happy faces (4 and 5): 8 of 12, with the Wilson interval
    (positive,) = rows_of(rows, "positive", question_key="overall")
    low, high = wilson_interval(8, 12)
    assert (positive["count"], positive["base"], positive["share"]) == ("8", "12", "0.6667")
    assert (positive["ci_low"], positive["ci_high"]) == (str(round(low, 4)), str(round(high, 4)))
    # a multiple choice: 5 answered, "work" by all 5, "language" by 2
    choices = {r["value"]: (r["count"], r["share"]) for r in rows_of(rows, "answer", question_key="helped_most")}
    assert (choices["work"], choices["language"], choices["health"]) == (("5", "1.0"), ("2", "0.4"), ("0", "0.0"))
    # thumbs: 9 yes, 3 no of 12
    recommend = {r["value"]: r["count"] for r in rows_of(rows, "answer", question_key="recommend")}
    assert (recommend["yes"], recommend["no"], recommend["dont_know"]) == ("9", "3", "0")
    # satisfaction: mean of every face given (overall and helped_integration, 24 faces)
    faces = [int(v) for v in HELPED + OVERALL]
    assert float(rows_of(rows, "respondents")[0]["mean_0_100"]) == pytest.approx(
        sum((v - 1) * 25 for v in faces) / 24, abs=1e-4)
    # ceiling: best face to both face questions: persons 2 and 6 (5 and 5)
    ceiling = sum(1 for h, o in zip(HELPED, OVERALL, strict=True) if h == o == "5")
    (trust,) = rows_of(rows, "trust", group="ceiling")
    assert (trust["count"], trust["base"]) == (str(ceiling), "12") and ceiling == 2


def test_aggregated_exports_never_hold_free_text(project, make_round, answered, login):
    round_ = make_round(project=project, questionnaire="amif-satisfaction", opens_on=date(2024, 3, 4))
    answered(round_, amif_people())
    client = login()
    text = get(client, f"/results/projects/{project.id}/results.csv").get_data().decode()
    workbook = read_xlsx(get(client, f"/results/projects/{project.id}/results.xlsx"))
    cells = [str(c) for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "Meer les" not in text and not any("Meer les" in c for c in cells)


def test_the_xlsx_holds_the_same_numbers_and_a_data_dictionary(project, make_round, answered, login):
    round_ = make_round(project=project, questionnaire="amif-satisfaction", opens_on=date(2024, 3, 4))
    answered(round_, amif_people())
    workbook = read_xlsx(get(login(), f"/results/projects/{project.id}/results.xlsx"))
    assert workbook.sheetnames == ["Results", "Data dictionary"]
    header = [cell.value for cell in workbook["Results"][1]]
    rows = xlsx_records(workbook, "Results")
    overall = [r for r in rows if r["table"] == "positive" and r["question_key"] == "overall"][0]
    assert (overall["count"], overall["base"], overall["share"]) == (8, 12, pytest.approx(8 / 12))
    described = {row[0] for row in workbook["Data dictionary"].iter_rows(values_only=True)}
    assert set(header) <= described, "every column is explained"


def test_a_dutch_coordinator_gets_the_sheets_named_in_dutch(project, make_round, answered, login):
    round_ = make_round(project=project, questionnaire="amif-satisfaction", opens_on=date(2024, 3, 4))
    answered(round_, amif_people())
    workbook = read_xlsx(get(login(locale="nl"), f"/results/projects/{project.id}/results.xlsx"))
    assert workbook.sheetnames == ["Resultaten", "Codeboek"]


# --- suppression ----------------------------------------------------------------------------------------------

def every_export(client, project_id: int) -> dict[str, str]:
    """The text of every export of a project (and of the AMIF table), XLSX cells joined."""
    found = {}
    for name in ("results.csv", "responses.csv", "report"):
        response = get(client, f"/results/projects/{project_id}/{name}")
        assert response.status_code == 200
        found[name] = response.get_data().decode("utf-8-sig")
    for url in (f"/results/projects/{project_id}/results.xlsx", f"/results/projects/{project_id}/responses.xlsx",
                "/results/amif.xlsx"):
        workbook = read_xlsx(get(client, url))
        found[url] = "\n".join(",".join(str(c) for c in row if c is not None)
                               for sheet in workbook for row in sheet.iter_rows(values_only=True))
    found["amif.csv"] = get(client, "/results/amif.csv").get_data().decode("utf-8-sig")
    return found


def test_a_round_of_three_is_absent_from_every_export(project, make_round, answered, login):
    big = make_round(project=project, questionnaire="amif-satisfaction", opens_on=date(2024, 3, 4))
    small = make_round(project=project, questionnaire="amif-satisfaction", opens_on=date(2024, 5, 6))
    answered(big, amif_people())
    answered(small, [{"helped_integration": "1", "overall": "1", "comment": "Only three of us"}] * 3)
    exports = every_export(login(), project.id)
    for name, text in exports.items():
        assert "2024-05-06" not in text and "6 May 2024" not in text, name
        assert "Only three of us" not in text, name
    responses = list(csv.DictReader(io.StringIO(exports["responses.csv"])))
    assert len(responses) == 12
    amif = list(csv.DictReader(io.StringIO(exports["amif.csv"])))
    assert [(r["helped"], r["answered"]) for r in amif if r["level"] == "project"] == [("7", "12")]


def test_a_language_group_of_two_is_hidden_with_the_next_smallest(project, make_round, answered, login):
    round_ = make_round(project=project, languages=["nl", "fr", "ar"], opens_on=date(2024, 3, 4))
    answered(round_, [{"liked_today": "4"}] * 12, language="nl")
    answered(round_, [{"liked_today": "3"}] * 6, language="fr")
    answered(round_, [{"liked_today": "5"}] * 2, language="ar")
    client = login()
    rows = read_csv(get(client, f"/results/projects/{project.id}/results.csv"))
    languages = {r["group"]: r["count"] for r in rows_of(rows, "language")}
    assert languages == {"nl": "12", "fr": "", "ar": ""}
    assert all(r["note"] for r in rows_of(rows, "language") if r["count"] == "")
    assert rows_of(rows, "respondents")[0]["count"] == "20"
    # the same in the response-level data: the language of the 8 fr and ar rows is left empty
    responses = read_csv(get(client, f"/results/projects/{project.id}/responses.csv"))
    assert sorted(r["language"] for r in responses) == [""] * 8 + ["nl"] * 12
    # and a filter on the hidden group is refused: everyone is counted instead
    rows = read_csv(get(client, f"/results/projects/{project.id}/results.csv?language=ar"))
    assert rows_of(rows, "respondents")[0]["count"] == "20"
    assert rows_of(rows, "about", group="refused_filter")


def test_the_response_file_labels_exactly_the_groups_the_dashboard_shows(project, make_round, answered, login):
    """The file used to hide 1 Arabic and 1 Tigrinya speaker with the 6 Dutch (8 rows without a language) while
    the dashboard showed the Dutch 6: the 8 rows minus the dashboard's Dutch figures gave the other two."""
    small = make_round(project=project, languages=["nl", "ar", "ti"], opens_on=date(2024, 3, 4))
    answered(small, [{"liked_today": "4"}] * 6, language="nl")
    answered(small, [{"liked_today": "1"}], language="ar")
    answered(small, [{"liked_today": "2"}], language="ti")
    big = make_round(project=project, languages=["nl", "ar", "ti"], opens_on=date(2024, 9, 2))
    for language, n in (("nl", 10), ("ar", 5), ("ti", 6)):
        answered(big, [{"liked_today": "3"}] * n, language=language)
    client = login()
    responses = read_csv(get(client, f"/results/projects/{project.id}/responses.csv"))
    for dates in ("2024-03-04", "2024-09-02"):
        labels = [r["language"] for r in responses if r["round"].startswith(dates)]
        shown = read_csv(get(client, f"/results/projects/{project.id}/results.csv?start={dates}&end={dates}"))
        dashboard = {r["group"]: r["count"] for r in rows_of(shown, "language")}
        assert {language: str(labels.count(language)) for language in set(labels) - {""}} == {
            language: n for language, n in dashboard.items() if n}, "the same groups, with the same counts"
        assert labels.count("") == 0 or labels.count("") >= 5, "the rows without a language are never a small group"
        for language, n in dashboard.items():
            filtered = read_csv(get(client, f"/results/projects/{project.id}/results.csv?language={language}"
                                            f"&start={dates}&end={dates}"))
            assert bool(rows_of(filtered, "about", group="refused_filter")) == (n == "")
    assert sorted(r["language"] for r in responses if r["round"].startswith("2024-03-04")) == [""] * 8


def test_a_day_shared_by_fewer_than_k_responses_is_not_shown(project, make_round, answered, login):
    round_ = make_round(project=project, opens_on=date(2024, 3, 4), planned_last_day=date(2024, 3, 8))
    answered(round_, [{"liked_today": "4"}] * 9, day=date(2024, 3, 4))
    answered(round_, [{"liked_today": "2"}] * 2, day=date(2024, 3, 5))
    responses = read_csv(get(login(), f"/results/projects/{project.id}/responses.csv"))
    assert {r["day"] for r in responses} == {""}, "9 + 2: the day of 2 cannot be hidden alone, so neither is shown"


# --- response-level data ---------------------------------------------------------------------------------------

def test_response_rows_come_in_a_new_random_order_each_time(project, make_round, answered, login):
    round_ = make_round(project=project, questionnaire="amif-satisfaction", opens_on=date(2024, 3, 4))
    inserted = [f"person {i:02d}" for i in range(30)]
    answered(round_, [{"overall": str(1 + i % 5), "comment": text} for i, text in enumerate(inserted)])
    client = login()
    first = [r["comment"] for r in read_csv(get(client, f"/results/projects/{project.id}/responses.csv"))]
    second = [r["comment"] for r in read_csv(get(client, f"/results/projects/{project.id}/responses.csv"))]
    assert sorted(first) == sorted(second) == inserted
    assert first != inserted and second != inserted and first != second
    workbook = read_xlsx(get(client, f"/results/projects/{project.id}/responses.xlsx"))
    in_xlsx = [row["comment"] for row in xlsx_records(workbook, "Responses")]
    assert sorted(in_xlsx) == inserted and in_xlsx != inserted


def test_a_round_that_can_still_get_answers_is_not_in_the_response_file(project, make_round, answered, login):
    """Two downloads of a running round would show the rows added in between: what the last person said."""
    running = make_round(project=project, opens_on=date.today() - timedelta(days=3))
    answered(running, [{"liked_today": "4"}] * 6, day=date.today())
    ended = make_round(project=project, questionnaire="amif-satisfaction", opens_on=date(2024, 3, 4))
    answered(ended, amif_people())
    client = login()
    rows = read_csv(get(client, f"/results/projects/{project.id}/responses.csv"))
    assert len(rows) == len(amif_people()) and {r["questionnaire"] for r in rows} == {"amif-satisfaction"}
    notes = [str(c) for row in read_xlsx(get(client, f"/results/projects/{project.id}/responses.xlsx"))[
        "Data dictionary"].iter_rows(values_only=True) for c in row if c]
    assert "1 round of the period is not in this file yet for that reason." in notes
    running.closed_by_hand_on = date.today() - timedelta(days=running.grace_days + 1)
    db.session.commit()
    assert len(read_csv(get(client, f"/results/projects/{project.id}/responses.csv"))) == len(amif_people()) + 6


def test_response_rows_hold_no_id_and_no_time(project, make_round, answered, login):
    round_ = make_round(project=project, questionnaire="amif-satisfaction", opens_on=date(2024, 3, 4))
    answered(round_, amif_people())
    response = get(login(), f"/results/projects/{project.id}/responses.csv")
    assert response.streamed and response.headers["X-Total-Rows"] == "12"
    text = response.get_data().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0])[:7] == ["round", "questionnaire", "day", "language", "language_name", "mode", "mode_name"]
    assert not any(column == "id" or column.endswith("_id") for column in rows[0])
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", text), "no response id"
    assert not re.search(r"\d{1,2}:\d{2}", text), "no time of day"
    assert {r["day"] for r in rows} == {"2024-03-04"}
    assert {r["round"] for r in rows} == {"2024-03-04 Your opinion on the project"}
    mine = [r for r in rows if r["comment"]]
    assert [r["helped_most"] for r in mine] == ["language;work"] and mine[0]["comment"] == "Meer les graag"
    assert sorted(r["helped_integration"] for r in rows) == sorted(HELPED)


def test_a_comment_that_looks_like_a_formula_stays_text(project, make_round, answered, login):
    round_ = make_round(project=project, questionnaire="amif-satisfaction", opens_on=date(2024, 3, 4))
    answered(round_, [{"overall": "4", "comment": "=HYPERLINK(\"http://evil.example\")"}] * 5)
    client = login()
    rows = read_csv(get(client, f"/results/projects/{project.id}/responses.csv"))
    assert {r["comment"] for r in rows} == {"'=HYPERLINK(\"http://evil.example\")"}
    workbook = read_xlsx(get(client, f"/results/projects/{project.id}/responses.xlsx"))
    header, first = list(workbook["Responses"].iter_rows(max_row=2))
    cell = first[[codes_of_headers(workbook)[c.value] for c in header].index("comment")]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


@pytest.mark.parametrize("role", [Role.WORKER, Role.NETWORK])
def test_response_level_data_is_refused_to_workers_and_the_network(project, make_round, answered, login, role):
    round_ = make_round(project=project, opens_on=date(2024, 3, 4))
    answered(round_, [{"liked_today": "4"}] * 6)
    client = login(role, project=project if role == Role.WORKER else None)
    for name in ("responses.csv", "responses.xlsx"):
        assert get(client, f"/results/projects/{project.id}/{name}").status_code == 403
    if role == Role.WORKER:
        assert get(client, f"/results/projects/{project.id}/results.csv").status_code == 200


def test_every_export_is_in_the_audit_log(project, make_round, answered, login):
    round_ = make_round(project=project, opens_on=date(2024, 3, 4))
    answered(round_, [{"liked_today": "4"}] * 6)
    every_export(login(), project.id)
    actions = sorted(e.action for e in db.session.scalars(select(AuditEvent)))
    assert actions == ["export.amif"] * 2 + ["export.report"] + ["export.responses"] * 2 + ["export.results"] * 2


# --- the AMIF indicator table ----------------------------------------------------------------------------------

def amif_lines(client, query="") -> list[dict]:
    return read_csv(get(client, f"/results/amif.csv{query}"))


def test_the_amif_indicator_by_hand(project, make_round, answered, login):
    round_ = make_round(project=project, questionnaire="amif-satisfaction", opens_on=date(2024, 3, 4))
    answered(round_, amif_people() + [{"overall": "5"}])  # a 13th person skipped the indicator question
    lines = amif_lines(login())
    assert [(r["level"], r["project"], r["period"], r["helped"], r["answered"]) for r in lines] == [
        ("project", "Taal en werk", "2024", "7", "12"),
        ("period_total", "All projects", "2024", "7", "12"),
        ("total", "All projects", "All years", "7", "12")]
    low, high = wilson_interval(7, 12)
    assert (lines[0]["share"], lines[0]["ci_low"], lines[0]["ci_high"]) == (
        "0.5833", str(round(low, 4)), str(round(high, 4)))
    page = get(login(Role.NETWORK), "/results/amif").get_data(as_text=True)
    assert "Taal en werk" in page and "58%" in page


def test_a_round_where_few_answered_the_amif_question_is_left_out_and_cannot_be_computed(
        make_project, centre, make_round, answered, login):
    first, second, third = (make_project(name, centre=centre) for name in ("A first", "B second", "C third"))
    answered(make_round(project=first, questionnaire="amif-satisfaction", opens_on=date(2024, 2, 1)), amif_people())
    answered(make_round(project=first, questionnaire="amif-satisfaction", opens_on=date(2025, 2, 1)),
             [{"helped_integration": "5"}] * 8)
    # 6 responses, but only 3 answered the indicator question: too few to show
    answered(make_round(project=second, questionnaire="amif-satisfaction", opens_on=date(2024, 4, 1)),
             [{"helped_integration": "1"}] * 3 + [{"overall": "3"}] * 3)
    answered(make_round(project=third, questionnaire="amif-satisfaction", opens_on=date(2024, 6, 1)),
             [{"helped_integration": "4"}] * 9)
    client = login()
    lines = amif_lines(client)
    by = {(r["project"], r["period"]): r for r in lines}
    assert (by[("A first", "2024")]["answered"], by[("A first", "2025")]["answered"]) == ("12", "8")
    assert by[("A first", "All years")]["answered"] == "20"
    # the round where only 3 answered is left out, so the 2024 total holds only rows that are shown:
    # C's own results page shows its 9 answers, and the total minus A minus C used to give B's three "1"s
    assert ("B second", "2024") not in by
    assert by[("C third", "2024")]["answered"] == "9"
    total_2024 = [r for r in lines if r["level"] == "period_total" and r["period"] == "2024"][0]
    assert (total_2024["answered"], total_2024["helped"]) == ("21", "16")
    page = read_csv(get(client, f"/results/projects/{third.id}/results.csv?start=2024-01-01&end=2024-12-31"))
    assert rows_of(page, "question", question_key="helped_integration")[0]["count"] == "9"
    shown = sum(int(r["answered"]) for r in lines if r["level"] == "project" and r["period"] == "2024")
    assert int(total_2024["answered"]) - shown == 0
    assert "fewer than 5 people answered the indicator question are left out" in get(
        client, "/results/amif").get_data(as_text=True)
    # the year filter shows the same cells
    in_2024 = {(r["project"], r["period"]): r["answered"] for r in amif_lines(login(), "?year=2024")}
    assert in_2024 == {("A first", "2024"): "12", ("C third", "2024"): "9", ("All projects", "2024"): "21"}


def test_the_amif_table_shows_each_user_only_their_projects(make_project, make_centre, centre, make_round, answered,
                                                           login):
    ours = make_project("Ours", centre=centre)
    theirs = make_project("Theirs", centre=make_centre("Centre B"))
    for project in (ours, theirs):
        answered(make_round(project=project, questionnaire="amif-satisfaction", opens_on=date(2024, 2, 1)),
                 amif_people())
    assert {r["project"] for r in amif_lines(login()) if r["level"] == "project"} == {"Ours"}
    assert {r["project"] for r in amif_lines(login(Role.WORKER)) if r["level"] == "project"} == set()
    network = {r["project"] for r in amif_lines(login(Role.NETWORK)) if r["level"] == "project"}
    assert network == {"Ours", "Theirs"}


def test_the_amif_xlsx_explains_the_indicator_k_and_the_suppression(project, make_round, answered, login):
    answered(make_round(project=project, questionnaire="amif-satisfaction", opens_on=date(2024, 2, 1)),
             amif_people())
    workbook = read_xlsx(get(login(), "/results/amif.xlsx"))
    assert workbook.sheetnames == ["AMIF indicator", "Data dictionary"]
    text = " ".join(str(c) for row in workbook["Data dictionary"].iter_rows(values_only=True) for c in row if c)
    assert "amif_helped_integration" in text and "K = 5" in text and "subtracting" in text
    for column in ("helped", "answered", "share", "ci_low", "ci_high"):
        assert column in text


def test_the_project_page_offers_the_downloads_each_role_may_have(project, make_round, answered, login):
    answered(make_round(project=project, opens_on=date(2024, 3, 4)), [{"liked_today": "4"}] * 6)
    coordinator = get(login(), f"/results/projects/{project.id}?start=2024-01-01").get_data(as_text=True)
    assert f"/results/projects/{project.id}/responses.csv?start=2024-01-01" in coordinator
    assert f"/results/projects/{project.id}/results.xlsx?start=2024-01-01" in coordinator
    assert f"/results/projects/{project.id}/report?start=2024-01-01" in coordinator
    worker = get(login(Role.WORKER, project=project), f"/results/projects/{project.id}").get_data(as_text=True)
    assert "/results.csv" in worker and "/report" in worker and "/responses." not in worker
    assert "/results/amif" in get(login(), "/results/").get_data(as_text=True)


def test_the_amif_table_flags_answers_too_good_to_be_true_and_has_a_version_without_them(
        make_project, centre, make_round, answered, login):
    """20 of 20 "helped", all with the best face and a member of staff beside them, raised the centre's total
    from 58% to 84% with no flag anywhere; the ministry's figures must say so, and offer a version without them."""
    honest, glowing = (make_project(name, centre=centre) for name in ("Taal", "Werk"))
    answered(make_round(project=honest, questionnaire="amif-satisfaction", opens_on=date(2025, 3, 3)),
             amif_people())
    answered(make_round(project=glowing, questionnaire="amif-satisfaction", opens_on=date(2025, 4, 7), mode="assisted"),
             [{"helped_integration": "5", "overall": "5"}] * 20, mode="assisted")
    client = login()
    full = {(r["level"], r["project"]): r for r in read_csv(get(client, "/results/amif.csv"))}
    assert full[("project", "Werk")]["trust"] == (
        "100% gave the best face to every question; 100% answered with a member of staff beside them")
    assert full[("project", "Taal")]["trust"] == ""
    assert [full[("total", "All projects")][name] for name in ("helped", "answered", "share")] == ["27", "32",
                                                                                                   "0.8438"]
    page = get(client, "/results/amif").get_data(as_text=True)
    assert "1 project in a year has answers that look too good to be true" in page and "Leave them out" in page
    assert "100% gave the best face to every question" in page
    trusted_response = get(client, "/results/amif.csv?trusted=1")
    assert "amif-trusted" in trusted_response.headers["Content-Disposition"]
    trusted = {(r["level"], r["project"]): r for r in read_csv(trusted_response)}
    assert trusted[("project", "Werk")]["answered"] == ""
    assert trusted[("project", "Werk")]["note"] == "Left out of this version: the answers look too good to be true."
    assert [trusted[("total", "All projects")][name] for name in ("helped", "answered", "share")] == ["7", "12",
                                                                                                      "0.5833"]
    assert "This version leaves out 1 project in a year" in get(client, "/results/amif?trusted=1").get_data(
        as_text=True)
    trust = {r["group"]: r for r in rows_of(read_csv(get(client, f"/results/projects/{glowing.id}/results.csv")),
                                            "trust")}
    assert [(trust[g]["share"], bool(trust[g]["note"])) for g in ("ceiling", "straightlining", "assisted")] == [
        ("1.0", True), ("0.0", False), ("1.0", True)], "the project's own export warns too"
    workbook = read_xlsx(get(client, "/results/amif.xlsx?trusted=1"))
    assert any("leaves out the projects in a year" in str(cell.value) for sheet in workbook for row in sheet.iter_rows()
               for cell in row)


# --- spreadsheets people read ------------------------------------------------------------------------------------

def test_a_dutch_coordinator_reads_dutch_headers_and_answers_in_words_next_to_their_codes(project, make_round,
                                                                                        answered, login):
    round_ = make_round(project=project, questionnaire="amif-satisfaction", opens_on=date(2024, 3, 4))
    answered(round_, amif_people(), mode="assisted")
    client = login(locale="nl")
    workbook = read_xlsx(get(client, f"/results/projects/{project.id}/responses.xlsx"))
    header = [cell.value for cell in workbook["Ingevulde vragenlijsten"][1]]
    assert header[:7] == ["Ronde", "Vragenlijst", "Dag", "Taalcode", "Taal", "Manier van antwoorden (code)",
                          "Manier van antwoorden"]
    question = "Hoe vond je het project?"
    assert header[header.index(question) + 1] == f"{question} (in woorden)"
    rows = xlsx_records(workbook, "Ingevulde vragenlijsten")
    # two people said language and work (rows come in no order: a row's place must not tell who answered)
    both = sorted((row["helped_most_words"], row["overall"], row["overall_words"]) for row in rows
                  if row["helped_most"] == "language;work")
    assert both == [("De taal; Werk", 4, "Goed"), ("De taal; Werk", 5, "Heel goed")]
    assert {(row["mode"], row["mode_name"]) for row in rows} == {("assisted", "met hulp van een medewerker")}
    assert codes_of_headers(workbook)["Taal"] == "language_name", "the codebook keeps each column's code"
    csv_header = list(read_csv(get(client, f"/results/projects/{project.id}/responses.csv"))[0])
    assert "helped_most" in csv_header and "Werk" not in csv_header, "a CSV keeps the codes programs read"


def test_xlsx_columns_are_as_wide_as_what_they_hold(project, make_round, answered, login):
    round_ = make_round(project=project, questionnaire="amif-satisfaction", opens_on=date(2024, 3, 4))
    answered(round_, amif_people())
    workbook = read_xlsx(get(login(locale="nl"), f"/results/projects/{project.id}/results.xlsx"))
    sheet = workbook["Resultaten"]
    widths = {cell.value: sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]}
    longest_question = max(len(str(row[3].value or "")) for row in sheet.iter_rows(min_row=2))
    assert widths["Vraag"] >= min(longest_question, 60)
    assert widths["Mensen"] <= 12, "a column of small numbers stays narrow"
    assert all(cell.alignment.wrap_text for cell in sheet[1]), "a long header wraps instead of widening its column"
