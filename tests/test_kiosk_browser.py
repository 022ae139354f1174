"""The respondent's experience in a real browser (Chromium), at tablet and phone size."""

import json
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlalchemy import func, select

from app.extensions import db
from app.models import Answer, Response, Round
from tests.browser import PHONE, TABLET, kept_offline

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def stored_responses() -> list[Response]:
    db.session.expire_all()
    return db.session.scalars(select(Response)).all()


def submitted(response) -> bool:
    """A response of the server to answers sent by the page (it sends them in the background after "thank you")."""
    return response.request.method == "POST" and "/api/rounds/" in response.url


@pytest.fixture
def open_round(make_round):
    def make(mode="kiosk", languages=("nl", "ar"), questionnaire="after-activity", **kw):
        round_ = make_round(mode=mode, languages=list(languages), questionnaire=questionnaire, **kw)
        db.session.commit()
        return round_

    return make


@pytest.fixture
def kiosk(browser, live_server):
    """A fresh browser context (no cookies, no storage) showing a round's page."""
    contexts = []

    def open_page(round_: Round, viewport=TABLET, **context_args):
        context = browser.new_context(viewport=viewport, **context_args)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server}/r/{round_.token}")
        return page

    yield open_page
    for context in contexts:
        context.close()


def visible_question(page):
    return page.locator("section.question:not([hidden])")


def answer_after_activity(page, screenshot=None, name=""):
    """Faces: 4th face; thumbs: skipped; pictures: "just right"; then send."""
    page.locator(".intro [data-act=next]").click()
    shoot(screenshot, page, f"{name}-2-faces")
    visible_question(page).locator(".choice").nth(3).click()
    shoot(screenshot, page, f"{name}-3-faces-chosen")
    page.wait_for_selector("section.question[data-key=understood]:not([hidden])")
    shoot(screenshot, page, f"{name}-4-thumbs")
    visible_question(page).locator("[data-act=skip]").click()
    shoot(screenshot, page, f"{name}-5-pictures")
    visible_question(page).locator(".choice[data-value=just_right]").click()
    page.wait_for_selector("section.send:not([hidden])")
    shoot(screenshot, page, f"{name}-6-send")
    page.locator("[data-act=send]").click()
    page.wait_for_selector("section.thanks:not([hidden])")
    shoot(screenshot, page, f"{name}-7-thanks")


def shoot(screenshot, page, name):
    if screenshot:
        screenshot(page, name)


@pytest.mark.parametrize(("language", "viewport", "direction"), [
    ("nl", TABLET, "ltr"), ("ar", TABLET, "rtl"), ("nl", PHONE, "ltr"), ("ar", PHONE, "rtl")])
def test_a_respondent_answers_a_whole_round_by_tapping_pictures(open_round, kiosk, screenshot, language, viewport,
                                                                direction):
    round_ = open_round(languages=["nl", "fr", "ar", "prs", "uk", "ti"])
    page = kiosk(round_, viewport)
    size = "tablet" if viewport == TABLET else "phone"
    name = f"kiosk-{language}-{size}"
    screenshot(page, f"{name}-0-languages")
    assert page.locator("button.lang").all_inner_texts() == ["Nederlands", "Français", "العربية", "دری",
                                                             "Українська", "ትግርኛ"]
    page.locator(f"button.lang[data-lang={language}]").click()
    expect(page.locator("html")).to_have_attribute("dir", direction)
    expect(page.locator("html")).to_have_attribute("lang", language)
    skip_words = {"nl": "Dat zeg ik liever niet", "ar": "أفضّل عدم الإجابة"}
    assert page.locator("section.question[data-key=liked_today] [data-act=skip]").inner_text() == skip_words[language]
    screenshot(page, f"{name}-1-intro")
    with page.expect_response(submitted) as sent:
        answer_after_activity(page, screenshot, name)
    assert sent.value.status == 201
    [response] = stored_responses()
    assert response.language == language and response.mode == "kiosk"
    assert {a.question_key: a.value for a in response.answers} == {"liked_today": "4", "too_long": "just_right"}


def test_right_to_left_mirrors_the_layout_but_not_the_faces(open_round, kiosk):
    page = kiosk(open_round(), TABLET)
    page.locator("button.lang[data-lang=ar]").click()
    page.locator(".intro [data-act=next]").click()
    faces = visible_question(page).locator(".choice")
    worst, best = faces.first.bounding_box(), faces.last.bounding_box()
    assert worst["x"] > best["x"], "in Arabic the scale runs from right to left"
    arrow = page.locator("section.question:not([hidden]) [data-act=back] svg")
    assert "matrix(-1" in arrow.evaluate("el => getComputedStyle(el).transform")
    face = faces.first.locator("svg")
    assert face.evaluate("el => getComputedStyle(el).transform") == "none"


def test_touch_targets_are_at_least_64_px(open_round, kiosk):
    round_ = open_round()
    for viewport in (TABLET, PHONE):
        page = kiosk(round_, viewport)
        page.locator("button.lang").first.click()
        page.locator(".intro [data-act=next]").click()
        for button in visible_question(page).locator("button:visible").all():
            box = button.bounding_box()
            assert box["width"] >= 64 and box["height"] >= 64, button.inner_text()


def test_the_selected_answer_is_visible_without_colour(open_round, kiosk):
    page = kiosk(open_round(), TABLET)
    page.locator("button.lang").first.click()
    page.locator(".intro [data-act=next]").click()
    # the question itself, not whichever is visible: tapping a face may already have moved on to the next one
    chosen = page.locator("section.question[data-key=liked_today] .choice").nth(1)
    other = page.locator("section.question[data-key=liked_today] .choice").nth(2)
    chosen.click()
    width = chosen.evaluate("el => getComputedStyle(el).borderTopWidth")
    assert width != other.evaluate("el => getComputedStyle(el).borderTopWidth")
    assert chosen.evaluate("el => getComputedStyle(el, '::after').content") != "none"
    assert chosen.get_attribute("aria-pressed") == "true"


def test_back_goes_to_the_previous_question_with_the_answer_kept(open_round, kiosk):
    page = kiosk(open_round(), TABLET)
    page.locator("button.lang").first.click()
    page.locator(".intro [data-act=next]").click()
    visible_question(page).locator(".choice").nth(0).click()
    page.wait_for_selector("section.question[data-key=understood]:not([hidden])")
    visible_question(page).locator("[data-act=back]").click()
    assert visible_question(page).get_attribute("data-key") == "liked_today"
    assert visible_question(page).locator(".choice[aria-pressed=true]").get_attribute("data-value") == "1"


def test_an_idle_kiosk_asks_then_clears_everything_without_storing(open_round, kiosk, screenshot):
    round_ = open_round(idle_seconds=30)
    page = kiosk(round_, TABLET)
    page.clock.install()
    page.reload()
    page.locator("button.lang[data-lang=nl]").click()
    page.locator(".intro [data-act=next]").click()
    visible_question(page).locator(".choice").nth(4).click()
    page.clock.run_for(1000)
    page.clock.run_for(31_000)
    page.wait_for_selector(".still-there:not([hidden])")
    screenshot(page, "kiosk-nl-tablet-8-still-there")
    page.clock.run_for(21_000)
    page.wait_for_selector("#languages:not([hidden])")
    assert page.locator("#survey").inner_html() == ""
    assert stored_responses() == []


def test_still_there_lets_the_respondent_carry_on(open_round, kiosk):
    page = kiosk(open_round(idle_seconds=30), TABLET)
    page.clock.install()
    page.reload()
    page.locator("button.lang[data-lang=nl]").click()
    page.locator(".intro [data-act=next]").click()
    page.clock.run_for(32_000)
    page.locator(".still-there [data-act=continue]").click()
    assert visible_question(page).get_attribute("data-key") == "liked_today"
    page.clock.run_for(25_000)
    assert page.locator(".still-there").is_hidden()


def test_after_thanks_the_kiosk_resets_and_the_back_button_shows_nothing_of_the_last_person(open_round, kiosk):
    round_ = open_round(reset_seconds=5)
    page = kiosk(round_, TABLET)
    page.clock.install()
    page.reload()
    page.locator("button.lang[data-lang=nl]").click()
    answer_after_activity(page)
    page.clock.run_for(5_500)
    page.wait_for_selector("#languages:not([hidden])")
    assert page.locator("#survey").inner_html() == ""
    page.go_back()
    page.go_forward()
    page.wait_for_selector("#languages:not([hidden])")
    assert page.locator(".choice[aria-pressed=true]").count() == 0
    assert page.locator("section.thanks:not([hidden])").count() == 0
    assert len(stored_responses()) == 1


def test_on_an_own_phone_the_browser_remembers_it_answered(open_round, kiosk, screenshot):
    round_ = open_round(mode="phone")
    page = kiosk(round_, PHONE)
    page.locator("button.lang[data-lang=ar]").click()
    answer_after_activity(page)
    page.reload()
    page.wait_for_selector("section.already:not([hidden])")
    screenshot(page, "phone-ar-already-answered")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    [response] = stored_responses()
    assert response.mode == "phone"


def test_offline_answers_wait_in_the_browser_and_are_stored_once_when_back_online(open_round, kiosk, screenshot):
    round_ = open_round(reset_seconds=2)
    page = kiosk(round_, TABLET)
    # the service worker has kept the page for offline use
    page.context.set_offline(True)
    for language in ("nl", "ar", "nl"):
        page.wait_for_selector("#languages:not([hidden])")
        page.locator(f"button.lang[data-lang={language}]").click()
        answer_after_activity(page)
        page.wait_for_selector("#languages:not([hidden])", timeout=5000)
    page.wait_for_function("() => document.querySelector('#outbox .count').textContent === '3'")
    screenshot(page, "kiosk-offline-three-waiting")
    assert stored_responses() == []
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#outbox")).to_be_hidden(timeout=10_000)  # once the server acknowledged each of them
    responses = stored_responses()
    assert len(responses) == 3 and len({r.id for r in responses}) == 3
    assert sorted(r.language for r in responses) == ["ar", "nl", "nl"]


def wait_until_served_by_service_worker(page):
    """Wait until the service worker kept the page and controls it after a reload."""
    assert kept_offline(page, [page.evaluate("location.pathname")])
    page.reload()
    page.wait_for_function("() => !!navigator.serviceWorker.controller", timeout=10_000)


def test_the_service_worker_serves_the_round_when_the_server_cannot_be_reached(open_round, kiosk, live_server):
    round_ = open_round()
    page = kiosk(round_, TABLET)
    wait_until_served_by_service_worker(page)
    live_server.stop()
    page.reload()
    page.locator("button.lang[data-lang=ar]").click()
    page.locator(".intro [data-act=next]").click()
    visible_question(page).locator(".choice").first.click()
    page.wait_for_selector("section.question[data-key=understood]:not([hidden])")


def test_a_response_whose_acknowledgement_was_lost_is_stored_once(open_round, kiosk):
    round_ = open_round()
    page = kiosk(round_, TABLET)
    body = {"id": str(uuid.uuid4()), "language": "nl", "answers": {"liked_today": "2"}}
    script = """async ([url, body]) => {
        const send = () => fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'},
                                        body: JSON.stringify(body)}).then(r => r.status);
        return [await send(), await send(), await send()];
    }"""
    statuses = page.evaluate(script, [f"/api/rounds/{round_.token}/responses", body])
    assert statuses == [201, 200, 200]
    assert len(stored_responses()) == 1


def test_a_forged_submission_from_the_page_stores_nothing(open_round, kiosk):
    round_ = open_round()
    page = kiosk(round_, TABLET)
    forged = {"id": str(uuid.uuid4()), "language": "nl", "answers": {"liked_today": "99"}}
    result = page.evaluate("""async ([url, body]) => {
        const r = await fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'}, body});
        return [r.status, await r.json()];
    }""", [f"/api/rounds/{round_.token}/responses", json.dumps(forged)])
    assert result[0] == 400 and result[1]["field"] == "answers.liked_today"
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 0


def test_a_closed_round_shows_a_friendly_page_in_the_respondents_language(open_round, browser, live_server):
    from datetime import date, timedelta

    round_ = open_round(opens_on=date.today() - timedelta(days=5), planned_last_day=date.today() - timedelta(days=1))
    context = browser.new_context(viewport=PHONE, locale="ar")
    page = context.new_page()
    reply = page.goto(f"{live_server}/r/{round_.token}")
    assert reply.status == 410
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert "Traceback" not in page.content()
    unknown = page.goto(f"{live_server}/r/not-a-round")
    assert unknown.status == 404
    context.close()


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_every_respondent_screen_passes_axe_wcag_aa(open_round, kiosk, language):
    round_ = open_round(questionnaire="amif-satisfaction", idle_seconds=30)
    page = kiosk(round_, TABLET)
    page.clock.install()
    page.reload()
    axe = Axe()
    problems = []

    def check(screen):
        found = axe.run(page, options=WCAG_AA).response["violations"]
        problems.extend(f"{screen}: {v['id']} {v['help']} ({len(v['nodes'])})" for v in found)

    check("languages")
    page.locator(f"button.lang[data-lang={language}]").click()
    check("intro")
    page.locator(".intro [data-act=next]").click()
    while page.locator("section.send:not([hidden])").count() == 0:
        key = visible_question(page).get_attribute("data-key")
        check(key)
        visible_question(page).locator("[data-act=skip], [data-act=next]").first.click()
        page.clock.run_for(10)
    check("send")
    page.clock.run_for(31_000)
    check("still-there")
    page.locator(".still-there [data-act=continue]").click()
    page.locator("[data-act=send]").click()
    check("thanks")
    assert problems == []


def test_listen_plays_the_questions_recording_in_the_chosen_language(app, make_project, kiosk, tmp_path, monkeypatch):
    from app.library import audio
    from app.models import Questionnaire

    (tmp_path / "audio").mkdir()
    (tmp_path / "audio" / "liked-ar.wav").write_bytes(silent_wav())
    monkeypatch.setattr(audio, "LIBRARY_DIR", tmp_path)
    definition = {
        "id": "with-audio", "version": 1, "languages": ["nl", "ar"], "title": {"nl": "Test", "ar": "اختبار"},
        "intro": {"text": {"nl": "Niemand ziet je antwoord.", "ar": "لا أحد يرى إجابتك."}},
        "questions": [{"key": "liked", "type": "faces", "text": {"nl": "Hoe was het?", "ar": "كيف كان؟"},
                       "audio": {"ar": "audio/liked-ar.wav"}}],
    }
    questionnaire = Questionnaire(slug="with-audio", version=1, title="Test", definition=definition)
    round_ = Round(project=make_project(), questionnaire=questionnaire, languages=["nl", "ar"])
    db.session.add(round_)
    db.session.commit()
    page = kiosk(round_, TABLET)
    page.locator("button.lang[data-lang=ar]").click()
    page.locator(".intro [data-act=next]").click()
    listen = visible_question(page).locator("[data-act=listen]")
    with page.expect_response(lambda r: "/audio/ar/liked" in r.url) as played:
        listen.click()
    assert played.value.status in (200, 206)  # browsers ask for audio in ranges
    page.evaluate("window.vox.reset()")
    page.locator("button.lang[data-lang=nl]").click()
    page.locator(".intro [data-act=next]").click()
    assert visible_question(page).locator("[data-act=listen]").get_attribute("data-audio") is None


def silent_wav() -> bytes:
    """A tenth of a second of silence, as a valid WAV file."""
    import io
    import wave

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * 800)
    return buffer.getvalue()
