"""The printable report printed to PDF by Chromium, and an export that shows its progress, in a real browser."""

import csv
import io
import subprocess
import uuid
from datetime import date, timedelta

import pytest

from app.extensions import db
from app.models import Role, User
from app.responses.tallies import rebuild_tallies
from tests.browser import SCREENS
from tests.programs import missing

OUTPUT = SCREENS.parent
COMMENTS = ["Meer les over werk, graag.", "Le groupe était trop grand.", "شكراً، تعلمت الكثير عن بلجيكا.",
            "The teacher spoke too fast.", "Goed georganiseerd."]


def need(tool: str) -> None:
    if reason := missing(tool, "poppler-utils"):
        pytest.skip(reason)


@pytest.fixture
def results(make_centre, make_project, make_round, make_response):
    """A project with two rounds of the AMIF questionnaire (18 and 12 people) and one small round (3)."""
    project = make_project("Taal en werk", centre=make_centre("OCMW Gent"))
    rounds = [make_round(project=project, questionnaire="amif-satisfaction", opens_on=day, attendance=attended,
                         planned_last_day=day + timedelta(days=14), languages=["nl", "fr", "ar"])
              for day, attended in ((date(2024, 3, 4), 22), (date(2024, 6, 10), 15), (date(2024, 9, 2), 4))]
    for index in range(30):
        round_ = rounds[0] if index < 18 else rounds[1]
        answers = {"overall": str(2 + index % 4), "helped_integration": str(1 + index % 5),
                   "helped_most": ["language", "work"] if index % 3 else ["papers"],
                   "staff_listened": "yes" if index % 4 else "dont_know", "recommend": "yes" if index % 5 else "no"}
        if index < len(COMMENTS):
            answers["comment"] = COMMENTS[index]
        make_response(round_, answers, language=("nl", "fr", "ar")[index % 3], day=round_.opens_on)
    for _ in range(3):
        make_response(rounds[2], {"overall": "1", "comment": "Small round: never shown"}, day=rounds[2].opens_on)
    rebuild_tallies(rounds)
    coordinator = User(email="coordinator@example.org", name="Coordinator", role=Role.COORDINATOR, locale="en",
                       organisation=project.organisation, password_hash="x")
    db.session.add(coordinator)
    db.session.commit()
    return project, coordinator


@pytest.fixture
def staff_page(app, browser, live_server):
    """A browser page logged in as the given user (a signed session cookie, as the login form would set)."""
    contexts = []

    def open_as(user, viewport=None):
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, accept_downloads=True)
        contexts.append(context)
        cookie = app.session_interface.get_signing_serializer(app).dumps({"_user_id": user.get_id(), "_fresh": True})
        db.session.commit()  # the cookie's session, seen by the live server
        context.add_cookies([{"name": app.config["SESSION_COOKIE_NAME"], "value": cookie, "url": live_server.url}])
        return context.new_page()

    yield open_as
    for context in contexts:
        context.close()


def test_the_printed_report_is_a_readable_a4_document(results, staff_page, live_server, screenshot):
    need("pdftotext")
    need("pdftoppm")
    project, coordinator = results
    page = staff_page(coordinator)
    page.goto(f"{live_server}/results/projects/{project.id}/report")
    screenshot(page, "report-screen")
    pdf = OUTPUT / "report.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Taal en werk" in text and "OCMW GENT" in text.upper()
    assert "30" in text and "people answered" in text
    assert "Meer les over werk" in text and "Small round: never shown" not in text
    assert "2 Sep 2024" not in text, "the round of three is left out"
    for old in SCREENS.glob("report-page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(SCREENS / "report-page")], check=True)
    pages = sorted(SCREENS.glob("report-page-*.png"))
    assert len(pages) >= 3, "the summary, the rounds, the questions and the comments start on new pages"
    print_only = page.evaluate("getComputedStyle(document.querySelector('.toolbar')).display")
    assert print_only != "none", "the toolbar shows on screen; print media hides it"


def test_a_coordinator_downloads_the_answers_and_sees_the_progress(results, staff_page, live_server):
    project, coordinator = results
    page = staff_page(coordinator)
    page.goto(f"{live_server}/results/projects/{project.id}")
    section = page.locator(".download-card")
    with page.expect_download() as download_info:
        section.get_by_role("link", name="CSV").nth(1).click()
    download = download_info.value
    progress = section.locator("progress")
    status = section.locator("[data-status]")
    page.wait_for_function("document.querySelector('[data-status]').textContent.includes('saved')")
    assert status.inner_text().startswith("30 of 30 rows")
    assert progress.evaluate("p => [p.value, p.max]") == [30, 30]
    section.screenshot(path=str(SCREENS / "export-progress.png"))
    path = download.path()
    assert download.suggested_filename.startswith("vox-taal-en-werk-responses-")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 30 and "Small round: never shown" not in path.read_text(encoding="utf-8-sig")
    assert not any(uuid_like(value) for row in rows for value in row.values())


def uuid_like(value: str) -> bool:
    try:
        uuid.UUID(value)
    except (ValueError, TypeError, AttributeError):
        return False
    return True


def test_the_network_sees_the_amif_table(results, staff_page, live_server, screenshot):
    project, _ = results
    network = User(email="network@example.org", name="Network", role=Role.NETWORK, locale="en", password_hash="x")
    db.session.add(network)
    db.session.commit()
    page = staff_page(network)
    page.goto(f"{live_server}/results/amif")
    row = page.locator("tr.level-project")
    assert row.locator("th").inner_text() == "Taal en werk"
    # helped_integration 1..5 in turn: faces 4 and 5 are 12 of 30
    assert [cell.inner_text() for cell in row.locator("td.num").all()] == ["12", "30", "40%"]
    screenshot(page, "amif-table")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excel (XLSX)").click()
    assert download_info.value.suggested_filename.endswith(".xlsx")
