"""Recording what nobody can hear, in a real browser: told at launch, then one text after the other."""

import re

from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import VoiceRecording
from tests import test_library_browser
from tests.browser import follow
from tests.test_library_browser import axe_violations
from tests.test_voice_exchange import package

#: the logged-in coordinator's browser, with a (fake) microphone
coordinator, staff_page = test_library_browser.coordinator, test_library_browser.staff_page


def test_staff_record_the_silent_texts_one_after_the_other(staff_page, live_server, library, screenshot):
    page = staff_page
    questionnaire = library["after-activity"]
    page.goto(f"{live_server}/library/{questionnaire.id}/voices/ti")
    silent = int(re.search(r"Show only the (\d+) texts", page.content()).group(1))
    follow(page.get_by_role("link", name="Record them one after the other"))
    guided = page.locator("section.guided")
    expect(page.locator("#guided-position")).to_have_text(f"Text 1 of {silent}")
    assert guided.locator("[data-step]:visible").count() == 1
    first = guided.locator("[data-step]:visible .said").inner_text()
    assert first == questionnaire.survey.intro.text["ti"]
    assert guided.locator("[data-step]:visible .said").get_attribute("lang") == "ti"
    assert guided.locator("[data-step]:visible .meaning").inner_text() == questionnaire.survey.intro.text["en"]
    expect(guided.get_by_role("button", name="● Record")).to_be_focused()
    assert axe_violations(page) == []
    screenshot(page, "voices-guided-ti-1")

    guided.get_by_role("button", name="● Record").click()
    page.wait_for_timeout(700)
    guided.get_by_role("button", name="Stop").click()
    guided.get_by_role("button", name="Keep this recording").click()
    expect(page.locator("#guided-position")).to_have_text(f"Recording kept. Text 2 of {silent}")
    assert guided.locator("[data-step]:visible .said").inner_text() != first
    db.session.expire_all()
    assert db.session.scalars(select(VoiceRecording.text)).all() == [first]
    screenshot(page, "voices-guided-ti-2")

    for number in range(2, silent + 1):
        expect(page.locator("#guided-position")).to_contain_text(f"Text {number} of {silent}")
        guided.get_by_role("button", name="Skip this text").click()
    expect(guided.locator(".guided-done")).to_contain_text(f"Done. Recorded: 1. Skipped: {silent - 1}.")
    screenshot(page, "voices-guided-ti-done")
    guided.get_by_role("link", name="Go through the texts still silent").click()
    expect(page.locator("#guided-position")).to_have_text(f"Text 1 of {silent - 1}")


def test_the_launch_form_says_which_ticked_languages_cannot_be_heard(staff_page, live_server, coordinator, library,
                                                                     make_project, screenshot):
    project = make_project("Taalcafé", centre=coordinator.organisation)
    db.session.commit()
    page = staff_page
    page.goto(f"{live_server}/projects/{project.id}/rounds/new")
    page.get_by_label("Questionnaire").select_option(label="After the activity (version 1)")
    warning = page.locator("#sound-warning")
    after = library["after-activity"].id
    tigrinya = warning.locator(f"li[data-silent-for='{after}'][data-silent-lang=ti]")
    languages = library["after-activity"].survey.languages  # all ticked; no clips were made here: all silent
    expect(warning.locator("li:visible")).to_have_count(len(languages))
    expect(tigrinya).to_be_visible()
    assert re.fullmatch(r"ትግርኛ \(Tigrinya\): \d+ of \d+ texts cannot be heard\. Record them", tigrinya.inner_text())
    screenshot(page, "launch-sound-warning")
    assert axe_violations(page) == []
    page.locator("#languages label", has_text="Tigrinya").locator("input").uncheck()
    expect(tigrinya).to_be_hidden()
    page.get_by_role("button", name="Untick all").click()
    expect(warning).to_be_hidden()
    page.locator("#languages label", has_text="Soomaali").locator("input").check()
    expect(warning.locator("li:visible")).to_have_text(re.compile(r"^Soomaali \(Somali\): "))
    warning.get_by_role("link", name="Record them").click()
    page.wait_for_url(re.compile(r"/voices/so\?show=guided$"))
    expect(page.locator("#guided-position")).to_contain_text("Text 1 of")


def test_a_centre_imports_another_centre_s_recordings_and_downloads_its_own(staff_page, live_server, library,
                                                                           screenshot, tmp_path):
    page = staff_page
    questionnaire = library["after-activity"]
    options = [choice.text["ti"] for choice in questionnaire.survey.question("liked_today").choices()]
    page.goto(f"{live_server}/library/{questionnaire.id}/voices/ti")
    exchange = page.locator("#exchange")
    expect(exchange).to_contain_text("Your centre has no recordings in this language yet.")
    bad = tmp_path / "recordings-so.zip"
    bad.write_bytes(package([{"text": options[0]}], language="so"))
    exchange.get_by_label("File of recordings (.zip)").set_input_files(bad)
    follow(exchange.get_by_role("button", name="Import the recordings"))
    expect(page.get_by_role("alert")).to_have_text("Nothing was imported from recordings-so.zip: The file holds "
                                                   "recordings in Somali; this page is for Tigrinya.")
    good = tmp_path / "recordings-ti.zip"
    good.write_bytes(package([{"text": text} for text in options[:3]]))
    page.locator("#exchange").get_by_label("File of recordings (.zip)").set_input_files(good)
    follow(page.locator("#exchange").get_by_role("button", name="Import the recordings"))
    expect(page.locator(".flash").first).to_have_text("3 recordings imported from recordings-ti.zip.")
    row = page.locator("tr[data-audio-row]", has=page.get_by_text(options[0], exact=True))
    expect(row.locator("[data-state=recorded]")).to_be_visible()
    assert axe_violations(page) == []
    page.locator("#exchange").scroll_into_view_if_needed()
    screenshot(page, "voices-exchange-ti")
    with page.expect_download() as downloaded:
        page.locator("#exchange").get_by_role("link", name=re.compile(r"^Download your centre's 3 recordings")).click()
    assert downloaded.value.suggested_filename == "vox-recordings-ocmw-rivierstad-ti.zip"
