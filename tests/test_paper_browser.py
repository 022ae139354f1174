"""Paper in a real browser (Chromium): the printed questionnaire on A4, and typing in a paper left blank."""

import subprocess
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Response, Role
from tests.browser import SCREENS, TABLET, log_in
from tests.programs import needs

PASSWORD = "correct horse battery"
needs_poppler = needs("pdftotext", "poppler-utils")


@pytest.fixture
def paper_round(make_user, make_project, make_round, library):
    project = make_project("Taalcafé")
    round_ = make_round(project=project, questionnaire="amif-satisfaction", languages=["nl", "ar", "ti", "fa"],
                        mode="paper", opens_on=date.today() - timedelta(days=3))
    user = make_user(email="lies@example.org", role=Role.WORKER, centre=project.organisation, locale="en",
                     password=PASSWORD)
    user.projects.append(project)
    db.session.commit()
    return round_


@pytest.fixture
def staff_page(browser, live_server, paper_round):
    """The social worker, logged in through the login form on a tablet, on the paper round's page."""
    context = browser.new_context(viewport=TABLET)
    page = log_in(context.new_page(), live_server, "lies@example.org", PASSWORD)
    page.goto(f"{live_server}/projects/{paper_round.project_id}/rounds/{paper_round.id}")
    yield page
    context.close()


def pdf_text(path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def print_to_pdf(page, name: str):
    """The page printed on A4 as the browser prints it, and each printed page as a PNG to look at."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    pdf = SCREENS / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4")
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(SCREENS / name)], check=True)
    return pdf


@needs_poppler
def test_a_social_worker_prints_the_paper_questionnaire_on_a4_without_splitting_a_question(staff_page, paper_round):
    page = staff_page
    page.get_by_role("link", name="Print paper questionnaires").click()
    page.wait_for_url("**/paper")
    page.screenshot(path=str(SCREENS / "paper-nl-screen.png"), full_page=True)
    pdf = print_to_pdf(page, "paper-nl")
    assert "Print" not in pdf_text(pdf) and "Back to the round" not in pdf_text(pdf), "the toolbar is not printed"
    survey = paper_round.questionnaire.survey
    pages = [" ".join(pdf_text(pdf, number).split()) for number in range(1, pdf_pages(pdf) + 1)]
    assert 2 <= len(pages) <= 3
    rather_not = "Dat zeg ik liever niet"
    for question in survey.answerable_questions:
        [page_of] = [text for text in pages if question.text["nl"] in text]
        assert all(choice.text["nl"].split()[0] in page_of for choice in question.choices()), question.key
    for text in pages:  # a question's last line, "I'd rather not say", is on the page of its first
        asked = [q for q in survey.answerable_questions if q.text["nl"] in text and q.choices()]
        assert text.count(rather_not) == len(asked)
    assert sum(text.count(rather_not) for text in pages) == 7


@needs_poppler
@pytest.mark.parametrize("language", ["ar", "ti", "fa"])
def test_the_paper_questionnaire_prints_in_the_respondents_script_and_direction(staff_page, paper_round, language):
    page = staff_page
    page.get_by_role("link", name="Print paper questionnaires").click()
    page.get_by_label("Nederlands").uncheck()
    page.locator(f"input[name=language][value={language}]").check()
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(f"**/paper?language={language}")
    sheet = page.locator(f"article.sheet[lang={language}]")
    assert page.locator("article.sheet").count() == 1
    direction = "rtl" if language in ("ar", "fa") else "ltr"
    assert sheet.evaluate("el => getComputedStyle(el).direction") == direction
    faces = sheet.locator(".t-faces").first.locator(".box")
    first, last = faces.first.bounding_box(), faces.nth(4).bounding_box()
    assert (first["x"] > last["x"]) == (direction == "rtl"), "the worst face comes first in reading order"
    assert sheet.locator(".t-faces").first.locator(".tick").count() == 6, "5 faces and I'd rather not say"
    page.screenshot(path=str(SCREENS / f"paper-{language}-screen.png"), full_page=True)
    pdf = print_to_pdf(page, f"paper-{language}")
    assert pdf_pages(pdf) <= 3
    assert paper_round.questionnaire.survey.title[language].split()[0] in pdf_text(pdf, 1)


def test_a_paper_typed_in_blank_is_refused_and_nothing_is_stored(staff_page, paper_round):
    page = staff_page
    page.get_by_role("link", name="Enter answers").click()
    page.wait_for_url("**/enter")
    page.get_by_role("button", name="Save and enter the next one").click()
    alert = page.get_by_role("alert")
    assert "Nothing was saved: no question was answered" in alert.inner_text()
    page.screenshot(path=str(SCREENS / "paper-enter-blank.png"), full_page=False)
    page.locator("label", has_text="Good").nth(0).click()
    page.get_by_role("button", name="Save and enter the next one").click()
    page.wait_for_selector(".flash:has-text('Answer saved')")
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Response)) == 1
