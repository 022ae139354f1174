"""The language screen in a real browser: each language and its speaker are one tile, told apart by name."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from app.extensions import db
from app.models import Round
from app.voices.operations import store_voice
from tests.browser import PHONE, TABLET
from tests.test_kiosk_browser import WCAG_AA
from tests.test_voices import wav

#: each language's own name, and "Listen" in that language, as its speaker is named
SPEAKERS = {"nl": ("Nederlands", "Luister: Nederlands"), "ar": ("العربية", "استماع: العربية"),
            "ti": ("ትግርኛ", "ስምዑ: ትግርኛ")}


@pytest.fixture
def spoken_round(make_round) -> Round:
    """A round whose centre recorded each language's name: every speaker shows, whatever the device's voices."""
    round_ = make_round(languages=list(SPEAKERS))
    for code, (name, _label) in SPEAKERS.items():
        store_voice(round_.project.organisation_id, code, name, wav(), "audio/wav")
    db.session.commit()
    return round_


def buttons_named(page, name: str):
    return page.locator("#languages").get_by_role("button", name=name, exact=True)


@pytest.mark.parametrize("viewport", [TABLET, PHONE], ids=["tablet", "phone"])
def test_each_speaker_sits_in_its_language_s_tile_and_says_which_language_it_plays(spoken_round, browser,
                                                                                   live_server, screenshot, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{live_server}/r/{spoken_round.token}")
    for code, (name, label) in SPEAKERS.items():
        tile = page.get_by_role("group", name=name, exact=True)
        names = [button.get_attribute("aria-label") or button.inner_text()
                 for button in tile.get_by_role("button").all()]
        assert names == [name, label], f"{code}: the language, then its own speaker"
        assert buttons_named(page, name).count() == 1 and buttons_named(page, label).count() == 1
        choose, speaker = (tile.get_by_role("button").nth(i).bounding_box() for i in (0, 1))
        frame = tile.bounding_box()
        for box in (choose, speaker):
            assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 0.5
            assert frame["y"] <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"] + 0.5
    border = page.locator(".langs .tile").first.evaluate("el => getComputedStyle(el).borderTopWidth")
    assert float(re.sub("px$", "", border)) >= 2, "the tile is drawn around its language and speaker"
    found = Axe().run(page, options=WCAG_AA).response["violations"]
    assert [(v["id"], v["help"]) for v in found] == []
    screenshot(page, f"language-screen-{'tablet' if viewport == TABLET else 'phone'}")
    context.close()


def test_the_speaker_plays_its_own_language_s_name(spoken_round, browser, live_server):
    context = browser.new_context(viewport=TABLET)
    page = context.new_page()
    page.goto(f"{live_server}/r/{spoken_round.token}")
    with page.expect_request(lambda request: "/r/voice/" in request.url) as heard:
        page.get_by_role("button", name="ስምዑ: ትግርኛ", exact=True).click()
    speaker = page.locator("button.speak[data-lang=ti]")
    assert heard.value.url.endswith(speaker.get_attribute("data-audio"))
    context.close()
