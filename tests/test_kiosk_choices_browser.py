"""Questions where several pictures may be chosen, in a real browser: the respondent is told, hears it, and can
always reach Next, also on a small phone."""

import json

import pytest
from playwright.sync_api import expect

from app.extensions import db
from surveys.speech import clip_name
from tests.browser import PHONE, SCREENS, TABLET

MULTIPLE = "section.question[data-key=helped_most]"


@pytest.fixture
def amif_round(make_round):
    round_ = make_round(mode="kiosk", questionnaire="amif-satisfaction", languages=["nl", "ar", "ti"])
    db.session.commit()
    return round_


def open_multiple_choice(page, language: str):
    """From the language screen to the question where several pictures may be chosen."""
    page.locator(f"button.lang[data-lang={language}]").click()
    page.locator(".intro [data-act=next]").click()
    while not page.locator(f"{MULTIPLE}:not([hidden])").count():
        page.locator("section.question:not([hidden])").locator("[data-act=skip], [data-act=next]").first.click()
    return page.locator(MULTIPLE)


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(viewport=PHONE)
    yield lambda round_: _open(context, live_server, round_)
    context.close()


def _open(context, live_server, round_):
    page = context.new_page()
    page.goto(f"{live_server}/r/{round_.token}")
    return page


@pytest.mark.parametrize(("language", "hint"), [
    ("nl", "Je mag meer dan één kiezen."),
    ("ar", "يمكنك اختيار أكثر من واحد."),
    ("ti", "ካብ ሓደ ንላዕሊ ክትመርጹ ትኽእሉ ኢኹም።"),
])
def test_a_question_with_several_answers_says_so_and_shows_a_box_on_every_picture(amif_round, phone_page, screenshot,
                                                                                   language, hint):
    page = phone_page(amif_round)
    question = open_multiple_choice(page, language)
    assert question.locator(".multi-hint").inner_text().strip() == hint
    assert question.locator(".choices").get_attribute("aria-describedby") == "hint-helped_most"
    boxes = question.locator(".choice .tick")
    assert boxes.count() == question.locator(".choice").count(), "every picture shows an empty box to tick"
    assert boxes.first.is_visible()
    question.locator(".choice").nth(0).click()
    question.locator(".choice").nth(2).click()
    screenshot(page, f"kiosk-multiple-{language}-phone")
    ticked = question.locator(".choice[aria-pressed=true] .tick")
    expect(ticked).to_have_count(2)
    assert ticked.first.evaluate("el => getComputedStyle(el, '::after').content") != "none", "a tick in the box"
    untouched = question.locator(".choice[aria-pressed=false] .tick").first
    assert untouched.evaluate("el => getComputedStyle(el, '::after').content") in ("none", "normal")


def test_a_single_choice_question_shows_no_boxes_and_no_hint(amif_round, phone_page):
    page = phone_page(amif_round)
    page.locator("button.lang[data-lang=nl]").click()
    page.locator(".intro [data-act=next]").click()
    page.locator("section.question:not([hidden]) [data-act=next]").click()
    question = page.locator("section.question[data-key=overall]")
    assert question.locator(".tick").count() == 0
    assert question.locator(".multi-hint").count() == 0


@pytest.mark.parametrize("language", ["nl", "ar", "ti"])
def test_next_stays_in_reach_on_a_phone_without_covering_a_picture(amif_round, phone_page, language):
    page = phone_page(amif_round)
    question = open_multiple_choice(page, language)
    choices = question.locator(".choice")
    assert choices.count() >= 8
    next_button = question.locator("[data-act=next]")
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"kiosk-multiple-{language}-phone-viewport.png"))
    assert _in_view(page, next_button), "Next is visible without scrolling"
    for index in range(choices.count()):
        choices.nth(index).evaluate("el => el.scrollIntoView({block: 'nearest'})")
        box, bar = choices.nth(index).bounding_box(), question.locator(".nav").bounding_box()
        assert box["y"] + box["height"] <= bar["y"] or box["y"] >= bar["y"] + bar["height"], \
            f"picture {index + 1} can be seen whole, not under the buttons"
        assert _in_view(page, next_button)
    choices.nth(1).click()
    next_button.click()
    expect(page.locator(f"{MULTIPLE}[hidden]")).to_have_count(1)


def _in_view(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def test_listen_says_the_hint_after_the_question_from_its_own_clip(app, amif_round, phone_page, tmp_path):
    hint = "Je mag meer dan één kiezen."
    app.config["VOX_SPEECH_DIR"] = str(tmp_path)
    (tmp_path / clip_name("nl", hint)).write_bytes(b"OggS")
    page = phone_page(amif_round)
    listen = open_multiple_choice(page, "nl").locator(".listen")
    said = json.loads(listen.get_attribute("data-say"))
    assert said[:2] == ["Wat heeft je geholpen?", hint]
    assert said[-1] == "Dat zeg ik liever niet"
    assert listen.get_attribute("data-audio").split(" ")[1].endswith(clip_name("nl", hint))


def test_on_a_tablet_the_boxes_and_next_are_there_too(amif_round, browser, live_server, screenshot):
    context = browser.new_context(viewport=TABLET)
    page = _open(context, live_server, amif_round)
    question = open_multiple_choice(page, "ar")
    question.locator(".choice").nth(1).click()
    screenshot(page, "kiosk-multiple-ar-tablet")
    expect(question.locator("[data-act=next]")).to_be_visible()
    context.close()
