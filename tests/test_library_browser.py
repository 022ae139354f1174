"""The questionnaire library in a real browser (Chromium): edit a copy, pick a pictogram, preview it, record audio."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlalchemy import func, select

from app.extensions import db
from app.models import Questionnaire, QuestionnaireAudio, Response, Role
from tests.browser import SCREENS, TABLET, follow, log_in

PASSWORD = "correct horse battery"
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
ARABIC = {"question": "أين تتدرب على اللغة الهولندية؟", "home": "في البيت", "work": "في العمل"}


def in_every_language(languages, what: str) -> dict[str, str]:
    """A text of the new pictures question in each language (Arabic for real, the others marked)."""
    english = {"question": "Where do you practise Dutch?", "home": "At home", "work": "At work"}[what]
    return {lang: ARABIC[what] if lang == "ar" else f"{english} ({lang})" for lang in languages}


@pytest.fixture
def coordinator(app, make_centre, make_user, library):
    user = make_user("coordinator@example.org", Role.COORDINATOR, centre=make_centre("OCMW Rivierstad"),
                     name="Chris Coordinator", locale="en")
    db.session.commit()
    return user


@pytest.fixture
def staff_page(browser, live_server, coordinator):
    """A logged-in coordinator, in a browser that may use a (fake) microphone."""
    context = browser.new_context(viewport=TABLET, locale="en-GB", permissions=["microphone"])
    page = context.new_page()
    page.set_default_timeout(5000)
    yield log_in(page, live_server, coordinator.email, PASSWORD)
    context.close()


def axe_violations(page) -> list:
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
            for v in Axe().run(page, options=WCAG_AA).response["violations"]]


def copy_after_activity(page, live_server):
    """From the list, copy the library's "After the activity" into the centre; the editor opens."""
    page.goto(f"{live_server}/library")
    card = page.locator("article", has=page.get_by_role("heading", name="After the activity")).last
    card.get_by_role("button", name="Copy into my centre").click()
    page.wait_for_url("**/edit")


def test_the_library_its_page_and_a_preview_in_arabic(staff_page, live_server, library, screenshot):
    page = staff_page
    page.goto(f"{live_server}/library")
    screenshot(page, "library-list")
    assert page.get_by_role("heading", name="Shared library").is_visible()
    assert axe_violations(page) == []
    follow(page.get_by_role("link", name="After the activity").first)
    screenshot(page, "library-questionnaire")
    assert page.locator(".languages-table tbody tr").count() == len(library["after-activity"].survey.languages)
    assert axe_violations(page) == []
    follow(page.get_by_role("link", name="Preview in Arabic"))
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert "answers are not stored" in page.locator(".preview-banner").inner_text()
    screenshot(page, "library-preview-ar-intro")
    page.locator(".intro [data-act=next]").click()
    screenshot(page, "library-preview-ar-question")


def test_a_coordinator_edits_a_copy_adds_a_pictures_question_and_previews_it_in_arabic(
        staff_page, live_server, library, screenshot):
    page = staff_page
    copy_after_activity(page, live_server)
    languages = library["after-activity"].survey.languages
    for lang in languages:
        if lang not in ("nl", "en", "ar"):
            page.locator(f"[data-show-language={lang}]").uncheck()
    expect(page.locator("input[name='title.fr']")).to_be_hidden()
    screenshot(page, "library-editor")
    assert axe_violations(page) == []
    page.locator("input[name='title.en']").fill("After the Tuesday activity")
    assert page.locator("input[name='title.en']").evaluate("el => el.closest('.text-row').className") == "text-row"

    page.get_by_label("Kind of question").select_option("pictures")
    follow(page.get_by_role("button", name="Add the question"))
    new = page.locator(".question-card").last
    assert "Not saved yet" in page.locator(".flash.unsaved").inner_text()
    # the page is new (the question was added by the server): wait for its script to apply the languages shown
    expect(page.locator("input[name='q3.text.fr']"), "the languages shown stay as chosen").to_be_hidden()
    follow(page.get_by_role("button", name="Save", exact=True).last)
    assert "Nothing was saved" in page.locator(".problems").inner_text()
    page.screenshot(path=str(SCREENS / "library-editor-problems.png"))
    page.locator(".problems a", has_text="Screen 4: text").click()
    assert page.locator("#f-questions-3-text .error").inner_text() == "missing; give the text in every language"
    expect(page.locator("input[name='q3.text.fr']"), "with problems, every language is shown").to_be_visible()
    new = page.locator(".question-card").last
    for lang, text in in_every_language(languages, "question").items():
        new.locator(f"input[name='q3.text.{lang}']").fill(text)
    for option, what in enumerate(["home", "work"]):
        for lang, text in in_every_language(languages, what).items():
            new.locator(f"input[name='q3.o{option}.text.{lang}']").fill(text)
    new.locator(".option").first.get_by_role("button", name="Choose a pictogram").click()
    page.screenshot(path=str(SCREENS / "library-editor-pictograms.png"))
    page.locator("#pictogram-dialog [data-picture=home]").click()
    expect(new.locator("input[name='q3.o0.picture']")).to_have_value("home")
    new.locator(".option").nth(1).get_by_role("button", name="Choose a pictogram").click()
    page.locator("#pictogram-dialog [data-picture=briefcase]").click()
    new.screenshot(path=str(SCREENS / "library-editor-new-question.png"))
    follow(page.get_by_role("button", name="Save", exact=True).last)
    assert page.locator(".flash").first.inner_text() == "Saved."

    db.session.expire_all()
    [copy_] = db.session.scalars(select(Questionnaire).where(Questionnaire.organisation_id.is_not(None))).all()
    survey = copy_.survey
    assert survey.title["en"] == "After the Tuesday activity"
    question = survey.questions[3]
    assert question.type == "pictures" and [o.picture for o in question.options] == ["home", "briefcase"]

    page.goto(f"{live_server}/library/{copy_.id}/preview/ar")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.locator(".intro [data-act=next]").click()
    page.locator("section.question:not([hidden]) [data-act=skip]").click()
    page.locator("section.question:not([hidden]) [data-act=skip]").click()
    page.locator("section.question:not([hidden]) [data-act=skip]").click()
    places = page.locator("section.question:not([hidden])")
    assert places.locator("h1").inner_text() == ARABIC["question"]
    assert places.locator(".choice use").first.get_attribute("href") == "#p-home"
    screenshot(page, "library-preview-ar-new-question")
    places.locator(".choice").first.click()
    page.wait_for_selector("section.send:not([hidden])")
    with page.expect_response(lambda r: "/library/preview/responses" in r.url) as sent:
        page.locator("[data-act=send]").click()
    assert sent.value.status == 200
    page.wait_for_selector("section.thanks:not([hidden])")
    assert db.session.scalar(select(func.count()).select_from(Response)) == 0


def test_a_recording_made_with_the_microphone_is_kept_and_played(staff_page, live_server):
    page = staff_page
    copy_after_activity(page, live_server)
    recordings = page.locator("#audio-liked_today")
    recordings.locator("summary").click()
    row = recordings.locator("tr[data-audio-row='liked_today-ar']")
    row.get_by_role("button", name="● Record").click()
    page.wait_for_timeout(700)
    row.get_by_role("button", name="Stop").click()
    row.get_by_role("button", name="Keep this recording").click()
    row.locator("[data-state=recorded]").wait_for()
    assert "Recording kept." in row.locator(".audio-message").inner_text()
    recordings.screenshot(path=str(SCREENS / "library-editor-recorded.png"))

    db.session.expire_all()
    [stored] = db.session.scalars(select(QuestionnaireAudio)).all()
    assert stored.ref == "audio/ar/liked_today.webm" and stored.content[:4] == b"\x1a\x45\xdf\xa3"
    played = page.request.get(live_server.url + row.locator("audio[data-play]").get_attribute("data-play"))
    assert played.status == 200 and played.headers["content-type"] == "audio/webm"


def test_a_tigrinya_option_recorded_with_the_microphone_is_heard_on_the_centre_s_kiosk(
        staff_page, live_server, library, coordinator, make_round, make_project, screenshot):
    page = staff_page
    questionnaire = library["after-activity"]
    page.goto(f"{live_server}/library/{questionnaire.id}")
    follow(page.get_by_role("link", name="What respondents hear in Tigrinya · ትግርኛ"))
    expect(page.get_by_role("heading", name="What respondents hear in Tigrinya · ትግርኛ")).to_be_visible()
    assert axe_violations(page) == []
    option = questionnaire.survey.question("liked_today").choices()[0].text["ti"]
    row = page.locator("tr[data-audio-row]", has=page.get_by_text(option, exact=True))
    expect(row.locator("[data-state=missing]")).to_contain_text("nothing to hear")
    row.get_by_role("button", name="● Record").click()
    page.wait_for_timeout(700)
    row.get_by_role("button", name="Stop").click()
    row.get_by_role("button", name="Keep this recording").click()
    expect(row.locator("[data-state=recorded]")).to_be_visible()
    expect(row.locator(".audio-message")).to_have_text("Recording kept.")
    screenshot(page, "library-voices-ti")
    address = row.locator("audio[data-play]").get_attribute("src").split("?")[0]
    assert address.startswith("/r/voice/")

    round_ = make_round(project=make_project(centre=coordinator.organisation), languages=["ti"])
    db.session.commit()
    kiosk = page.context.new_page()
    kiosk.goto(f"{live_server}/r/{round_.token}")
    kiosk.locator("button.lang[data-lang=ti]").click()
    kiosk.locator(".intro [data-act=next]").click()
    question = kiosk.locator("section[data-key=liked_today]")
    # the question itself has no sound in Tigrinya: the device's voice (none here) is skipped, the option plays
    with kiosk.expect_request(lambda request: "/r/voice/" in request.url) as heard:
        question.locator(".listen").click()
    assert heard.value.url.endswith(address)
