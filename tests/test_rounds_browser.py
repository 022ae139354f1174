"""A social worker's rounds in a real browser (Chromium): launch, flyer on paper, kiosk mode and back, typing in."""

import subprocess
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from app.extensions import db
from app.models import Response, Role, Round
from tests.browser import SCREENS, TABLET, follow
from tests.browser import log_in as log_in_page
from tests.programs import needs

PASSWORD = "correct horse battery"
PIN = "2468"


@pytest.fixture
def worker(make_user, make_project, library):
    project = make_project("Taalcafé")
    user = make_user(email="lies@example.org", role=Role.WORKER, centre=project.organisation, locale="en", name="Lies")
    user.projects.append(project)
    db.session.commit()
    return user


@pytest.fixture
def project(worker):
    return worker.projects[0]


def log_in(context, live_server, user):
    """A new page of the browser ``context`` with ``user`` logged in through the real login form."""
    return log_in_page(context.new_page(), live_server, user.email, PASSWORD)


@pytest.fixture
def staff_page(browser, live_server, worker):
    """The social worker, logged in on a tablet."""
    context = browser.new_context(viewport=TABLET)
    yield log_in(context, live_server, worker)
    context.close()


@pytest.fixture
def kiosk_round(make_round, project):
    def make(**kw):
        kw = {"languages": ["nl", "ar"], "mode": "kiosk", "opens_on": date.today() - timedelta(days=1), **kw}
        round_ = make_round(project=project, **kw)
        round_.pin_hash = generate_password_hash(PIN)
        db.session.commit()
        return round_

    return make


def the_rounds() -> list[Round]:
    db.session.expire_all()
    return db.session.scalars(select(Round)).all()


def test_a_social_worker_launches_a_round_in_arabic_and_dutch(staff_page, live_server, library, project, screenshot):
    page = staff_page
    screenshot(page, "rounds-1-projects")
    follow(page.get_by_role("link", name="Launch a round"))
    page.select_option("select[name=questionnaire]", label="After the activity (version 1)")
    complete = library["after-activity"].survey.languages
    expect(page.locator("#languages label:visible")).to_have_count(len(complete))
    expect(page.locator("#languages input:checked"), "all of them, unless told otherwise").to_have_count(len(complete))
    page.get_by_role("button", name="Untick all").click()
    page.get_by_label("العربية (Arabic)").check()
    page.get_by_label("Nederlands (Dutch)").check()
    expect(page.locator("#pin-row")).to_be_visible()
    page.get_by_label("Own phone").check()
    expect(page.locator("#pin-row"), "a PIN is asked only for a tablet").to_be_hidden()
    page.get_by_label("Tablet (kiosk)").check()
    page.fill("input[name=pin]", PIN)
    screenshot(page, "rounds-2-launch")
    follow(page.get_by_role("button", name="Launch the round"))
    [round_] = the_rounds()
    page.wait_for_url(f"{live_server}/projects/{project.id}/rounds/{round_.id}")
    assert round_.languages == ["nl", "ar"] and round_.mode == "kiosk" and round_.pin_hash
    assert page.locator("#kiosk-link").input_value() == f"http://vox.test/r/{round_.token}"
    qr = page.locator(".qr-box svg.qr").bounding_box()
    assert qr["width"] >= 150 and abs(qr["width"] - qr["height"]) < 1
    screenshot(page, "rounds-3-round")
    follow(page.get_by_role("link", name="Taalcafé"))
    screenshot(page, "rounds-4-project")
    assert page.locator("table.rounds tbody tr").count() == 1


def pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@needs("pdftotext", "poppler-utils")
@pytest.mark.parametrize("languages", [["nl", "ar"], ["nl", "fr", "en", "ar", "prs", "uk", "ti"], "all"],
                         ids=["two-languages", "seven-languages", "every-language"])
def test_the_flyer_prints_on_one_a4_page_with_the_link(staff_page, live_server, kiosk_round, library, languages):
    if languages == "all":
        languages = library["after-activity"].survey.languages
    round_ = kiosk_round(languages=languages, mode="phone")
    page = staff_page
    page.goto(f"{live_server}/projects/{round_.project_id}/rounds/{round_.id}")
    follow(page.get_by_role("link", name="Print the flyer"))
    assert page.locator(".invite[lang=ar]").evaluate("el => getComputedStyle(el).direction") == "rtl"
    name = f"flyer-{len(languages)}-languages"
    screenshot_path = SCREENS / f"{name}-screen.png"
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshot_path), full_page=True)
    pdf = SCREENS / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    assert pdf_pages(pdf) == 1
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # pdftotext sometimes puts a space inside the printed link (after "_"): compare without spaces
    assert f"vox.test/r/{round_.token}" in "".join(text.split())
    assert "Scan de code met je telefoon" in text and "Back to the round" not in text
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(SCREENS / f"{name}-pdf")], check=True)


def test_kiosk_mode_keeps_respondents_away_from_staff_pages_until_the_pin(staff_page, live_server, kiosk_round,
                                                                         screenshot):
    round_ = kiosk_round()
    page = staff_page
    round_page = f"{live_server}/projects/{round_.project_id}/rounds/{round_.id}"
    page.goto(round_page)
    page.get_by_role("button", name="Open the kiosk on this tablet").click()
    page.wait_for_url(f"{live_server}/r/{round_.token}")
    way_out = page.get_by_role("link", name="Leave kiosk mode")
    box = way_out.bounding_box()
    assert box["width"] >= 64 and box["height"] >= 64
    screenshot(page, "rounds-5-kiosk-locked")
    page.locator("button.lang[data-lang=ar]").click()
    expect(way_out, "no way out in the middle of someone's answers").to_be_hidden()
    page.evaluate("window.vox.reset()")
    expect(way_out, "the reset for the next person keeps the way out").to_be_visible()
    for staff_url in ("/projects", "/", round_page.removeprefix(live_server.url), "/login"):
        page.goto(f"{live_server}{staff_url}")
        assert page.url == f"{live_server}/r/{round_.token}", staff_url
    way_out.click()
    page.wait_for_url(f"{live_server}/kiosk/unlock")
    assert page.locator("input[name=pin]").get_attribute("inputmode") == "numeric"
    page.fill("input[name=pin]", "1357")
    page.get_by_role("button", name="Leave kiosk mode").click()
    assert page.get_by_role("alert").inner_text() == "That is not the PIN of this round."
    screenshot(page, "rounds-6-unlock-wrong-pin")
    page.fill("input[name=pin]", PIN)
    page.get_by_role("button", name="Leave kiosk mode").click()
    page.wait_for_url(round_page)
    page.goto(f"{live_server}/projects")
    assert page.url == f"{live_server}/projects"


def test_a_social_worker_types_in_an_answer_given_with_help(staff_page, live_server, kiosk_round, screenshot):
    round_ = kiosk_round(mode="assisted", questionnaire="amif-satisfaction")
    page = staff_page
    page.goto(f"{live_server}/projects/{round_.project_id}/rounds/{round_.id}")
    page.get_by_role("link", name="Enter answers").click()
    page.wait_for_url("**/enter")
    page.wait_for_load_state()
    assert page.locator("#day-row").is_hidden(), "a helped answer is given today"
    page.locator("label", has_text="Good").nth(0).click()
    page.locator("label", has_text="Work").click()
    page.locator("textarea[name=q_comment]").fill("Meer oefenen met spreken")
    screenshot(page, "rounds-7-enter")
    page.get_by_role("button", name="Save and enter the next one").click()
    page.wait_for_selector(".flash:has-text('Answer saved')")
    assert page.locator("textarea[name=q_comment]").input_value() == ""
    screenshot(page, "rounds-8-enter-saved")
    db.session.expire_all()
    [response] = db.session.scalars(select(Response)).all()
    assert (response.mode, response.day, response.language) == ("assisted", date.today(), "nl")
    assert {a.question_key: a.value for a in response.answers} == {
        "overall": "4", "helped_most": "work", "comment": "Meer oefenen met spreken"}


def test_a_coordinator_notes_attendance_and_deletes_a_rounds_responses(browser, live_server, make_user, project,
                                                                      kiosk_round, make_response, screenshot):
    round_ = kiosk_round(opens_on=date.today() - timedelta(days=7))
    for day in (2, 2, 2, 1):
        make_response(round_, {"liked_today": "4"}, day=date.today() - timedelta(days=day))
    coordinator = make_user(email="an@example.org", role=Role.COORDINATOR, centre=project.organisation, locale="en")
    db.session.commit()
    context = browser.new_context(viewport=TABLET)
    page = log_in(context, live_server, coordinator)
    page.goto(f"{live_server}/projects/{project.id}/rounds/{round_.id}")
    page.get_by_label("People who attended").fill("16")
    follow(page.get_by_role("button", name="Save", exact=True))
    page.get_by_label("Day of the session").fill((date.today() - timedelta(days=2)).isoformat())
    page.get_by_label("People present").fill("6")
    follow(page.get_by_role("button", name="Save the session"))
    assert page.locator("table.sessions tbody tr").inner_text().split("\t")[1:3] == ["6", "3 (50%)"]
    assert "25%" in page.locator(".figures").inner_text()
    screenshot(page, "rounds-9-attendance")
    page.get_by_role("link", name="Delete the responses").click()
    follow(page.get_by_role("button", name="Delete the responses"))
    assert page.locator("span.error").count() == 2 and len(the_responses()) == 4
    page.get_by_label("I understand that this cannot be undone.").check()
    page.get_by_label("Type the number of responses to delete").fill("4")
    screenshot(page, "rounds-10-delete")
    page.get_by_role("button", name="Delete the responses").click()
    page.wait_for_selector(".flash:has-text('4 responses deleted')")
    assert the_responses() == []
    context.close()


def the_responses() -> list[Response]:
    db.session.expire_all()
    return db.session.scalars(select(Response)).all()
