"""Every respondent language in a real browser: named in its own script, laid out in its direction,
accessible, and answerable start to finish."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

import surveys
from app.extensions import db
from tests.browser import PHONE, TABLET
from tests.test_kiosk_browser import WCAG_AA, answer_after_activity, stored_responses, submitted, visible_question

ALL = list(surveys.LANGUAGES)


@pytest.fixture
def every_language_round(make_round):
    round_ = make_round(questionnaire="after-activity", languages=ALL, idle_seconds=30)
    db.session.commit()
    return round_


def test_the_language_screen_names_every_language_in_its_own_script(every_language_round, browser, live_server,
                                                                    screenshot):
    context = browser.new_context(viewport=TABLET)
    page = context.new_page()
    page.goto(f"{live_server}/r/{every_language_round.token}")
    names = page.locator("button.lang").all_inner_texts()
    assert names == [surveys.LANGUAGES[code].endonym for code in ALL]
    for code in ALL:
        item = page.locator(f"li[lang={code}]")
        assert item.get_attribute("dir") == ("rtl" if surveys.is_rtl(code) else "ltr")
    screenshot(page, "languages-all-fifteen")
    context.close()


@pytest.mark.parametrize("language", ALL)
def test_each_languages_screens_pass_axe_and_follow_its_direction(every_language_round, browser, live_server,
                                                                  screenshot, language):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server}/r/{every_language_round.token}")
    page.clock.install()
    page.locator(f"button.lang[data-lang={language}]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if surveys.is_rtl(language) else "ltr")
    axe, problems = Axe(), []

    def check(screen):
        found = axe.run(page, options=WCAG_AA).response["violations"]
        problems.extend(f"{language} {screen}: {v['id']} {v['help']}" for v in found)

    check("intro")
    page.locator(".intro [data-act=next]").click()
    check("faces")
    screenshot(page, f"lang-{language}-faces")
    skip = visible_question(page).locator("[data-act=skip]").inner_text()
    assert skip.strip() and (language == "en" or skip != "I'd rather not say"), "the skip button is translated"
    visible_question(page).locator("[data-act=skip]").click()
    check("thumbs")
    visible_question(page).locator("[data-act=skip]").click()
    visible_question(page).locator("[data-act=skip]").click()
    check("send")
    page.locator("[data-act=send]").click()
    check("thanks")
    assert problems == []
    context.close()


@pytest.mark.parametrize("language", ["ti", "ps"])
def test_a_round_in_tigrinya_or_pashto_is_answered_start_to_finish(make_round, browser, live_server, screenshot,
                                                                   language):
    round_ = make_round(questionnaire="after-activity", languages=[language])
    db.session.commit()
    context = browser.new_context(viewport=TABLET)
    page = context.new_page()
    page.goto(f"{live_server}/r/{round_.token}")
    screenshot(page, f"round-{language}-0-language")
    page.locator(f"button.lang[data-lang={language}]").click()
    with page.expect_response(submitted) as sent:
        answer_after_activity(page, screenshot, f"round-{language}")
    assert sent.value.status == 201
    [response] = stored_responses()
    assert response.language == language
    context.close()
