"""The AMIF question "did this project help you?" shows words of how much under its faces, in a real browser."""

import pytest

from app.extensions import db
from surveys.scales import EXTENT_TEXTS
from tests.browser import TABLET

HELPED = "section.question[data-key=helped_integration]"


@pytest.mark.parametrize("language", ["nl", "ar", "ti"])
def test_did_it_help_reads_not_at_all_to_very_much(make_round, browser, live_server, screenshot, language):
    round_ = make_round(mode="kiosk", questionnaire="amif-satisfaction", languages=["nl", "ar", "ti"])
    db.session.commit()
    context = browser.new_context(viewport=TABLET)
    page = context.new_page()
    page.goto(f"{live_server}/r/{round_.token}")
    page.locator(f"button.lang[data-lang={language}]").click()
    page.locator(".intro [data-act=next]").click()
    while not page.locator(f"{HELPED}:not([hidden])").count():
        page.locator("section.question:not([hidden])").locator("[data-act=skip], [data-act=next]").first.click()
    faces = page.locator(f"{HELPED} .choice")
    assert faces.count() == 5
    words = [faces.nth(i).inner_text().strip() for i in range(5)]
    assert words == [EXTENT_TEXTS[face][language] for face in range(1, 6)]
    assert all(faces.nth(i).is_visible() for i in range(5))
    screenshot(page, f"kiosk-did-it-help-{language}")
    context.close()
