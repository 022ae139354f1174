"""Every question answerable by ear: clips made offline with espeak-ng, played by "listen", missing ones shown.

Needs espeak-ng (and opus-tools for small clips); skipped with the reason when it is absent.
"""

import re

import pytest
from playwright.sync_api import expect

import surveys
from app.accounts.models import Role
from app.extensions import db
from app.voices.speech import PROMPTS, latest_questionnaires, prompt_texts, wanted_texts
from surveys.speech import clip_name, generate, has_voice, survey_texts
from tests.browser import TABLET, kept_offline
from tests.programs import needs

LIBRARY = surveys.LIBRARY_DIR

needs_espeak = needs("espeak-ng", "espeak-ng")

#: the languages the spoken tests make clips for: two voices (one right-to-left) and one without a voice
VOICED = ("nl", "ar")


@pytest.fixture(scope="session")
def clips(tmp_path_factory):
    """A folder with the clips of the after-activity questionnaire and the prompts, in Dutch and Arabic."""
    survey = surveys.load_questionnaire(LIBRARY / "after-activity.yaml")
    folder = tmp_path_factory.mktemp("speech")
    wanted = [(lang, text) for lang in VOICED for text in survey_texts(survey, lang)]
    wanted += [(lang, text) for lang in VOICED for text in prompt_texts(lang)]
    made = generate(wanted, folder)
    assert made.failed == [] and made.made == len({clip_name(lang, text) for lang, text in wanted})
    return folder


@pytest.fixture
def spoken(app, clips):
    app.config["VOX_SPEECH_DIR"] = str(clips)
    return clips


def speech_urls(html: str) -> list[list[str]]:
    return [value.split(" ") for value in re.findall(r'data-audio="([^"]+)"', html)]


def test_only_languages_with_an_offline_voice_get_clips():
    assert all(has_voice(code) for code in ("nl", "fr", "de", "en", "ar", "prs", "fa", "uk", "ru", "tr", "es", "kmr"))
    assert not any(has_voice(code) for code in ("ps", "ti", "so"))
    assert clip_name("ps", "څنګه وو؟") is None
    # the same words in another language, or changed words, are another clip
    assert clip_name("nl", "Goed") != clip_name("en", "Goed") != clip_name("nl", "Goed!")
    assert clip_name("nl", "Goed  gedaan") == clip_name("nl", "Goed gedaan")


@needs_espeak
def test_generating_makes_each_clip_once_and_as_real_audio(clips):
    names = sorted(p.name for p in clips.iterdir())
    assert names and all(name.startswith(("nl-", "ar-")) for name in names)
    for path in clips.iterdir():
        head = path.read_bytes()[:12]
        assert head[:4] == b"OggS" or (head[:4] == b"RIFF" and head[8:12] == b"WAVE")
    survey = surveys.load_questionnaire(LIBRARY / "after-activity.yaml")
    again = generate([("ar", text) for text in survey_texts(survey, "ar")] + [("ps", "څنګه وو؟")], clips)
    assert again.made == 0 and again.present == len(set(survey_texts(survey, "ar")))
    assert sorted(p.name for p in clips.iterdir()) == names


@needs_espeak
@needs("opusenc", "opus-tools")
def test_with_opusenc_every_clip_is_ogg_opus_of_a_few_kilobytes(clips):
    for path in clips.iterdir():
        head = path.read_bytes()[:36]
        assert head[:4] == b"OggS" and b"OpusHead" in head and path.stat().st_size < 40_000, path.name


@needs_espeak
def test_listen_plays_the_question_then_its_options_then_rather_not_say(spoken, client, make_round):
    round_ = make_round(languages=["ar", "ps"])
    db.session.commit()
    page = client.get(f"/r/{round_.token}").text
    survey = round_.questionnaire.survey
    question = survey.question("liked_today")
    arabic = page[page.index('<template id="t-ar">'):page.index('<template id="t-ps">')]
    screen = arabic[arabic.index('data-key="liked_today"'):]
    [playlist] = speech_urls(screen[:screen.index("</section>")])
    said = [question.text["ar"]] + [c.text["ar"] for c in question.choices()] + [prompt_texts("ar")[1]]
    assert playlist == [f"/r/speech/{clip_name('ar', text)}" for text in said]
    for url in playlist:
        clip = client.get(url)
        assert clip.status_code == 200 and clip.mimetype in ("audio/ogg", "audio/wav")
        assert "max-age=31536000" in clip.headers["Cache-Control"]
    # Pashto has no voice: no clips, so the browser's voice (if any) reads it, or staff record it
    pashto = page[page.index('<template id="t-ps">'):]
    assert speech_urls(pashto) == []
    # the language screen says each language's name in its own voice
    assert f'data-audio="/r/speech/{clip_name("ar", "العربية")}"' in page


def test_a_clip_that_does_not_exist_or_leaves_the_folder_is_not_found(spoken, client):
    assert client.get("/r/speech/nl-0000000000").status_code == 404
    assert client.get("/r/speech/..%2F..%2Fvox.sqlite").status_code == 404


@needs_espeak
def test_staff_see_which_texts_nobody_can_hear(spoken, client, library, make_user, make_centre):
    user = make_user("coordinator@example.org", Role.COORDINATOR, centre=make_centre(), locale="en")
    db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
    found = library["after-activity"]
    page = client.get(f"/library/{found.id}").text
    survey = found.survey
    total = len(survey_texts(survey, "ar"))
    rows = {m.group(1): m.group(2) for m in re.finditer(
        r'<th scope="row">([^<]+)</th>.*?<td class="heard">\s*<a [^>]*>(\d+ of \d+ texts)', page, re.S)}
    assert rows["Arabic · العربية"] == f"{total} of {total} texts"
    assert rows["Pashto · پښتو"] == f"0 of {total} texts"
    assert "no computer voice for this language, record them" in page
    assert survey.question("liked_today").text["ps"] in page


@needs_espeak
def test_the_coverage_command_prints_texts_and_sound_per_language(spoken, app, library):
    result = app.test_cli_runner().invoke(args=["surveys", "coverage"])
    assert result.exit_code == 0
    after = result.output.split("after-activity v1 (library)\n")[1].splitlines()
    lines = {}
    for line in after:
        if not line.startswith("  "):
            break
        lines[line.split()[0]] = line
    assert re.search(r"texts 100%\s+audio 100%", lines["ar"])
    assert re.search(r"texts 100%\s+audio\s+0%", lines["ps"])
    assert re.search(r"audio\s+0%", lines["fr"])  # no French clips were made in this folder


def test_every_prompt_and_questionnaire_text_is_wanted_in_each_voiced_language(app, library):
    wanted = set(wanted_texts(latest_questionnaires()))
    assert {lang for lang, _text in wanted} == {code for code in surveys.LANGUAGES if has_voice(code)}
    survey = library["amif-satisfaction"].survey
    assert {("tr", text) for text in survey_texts(survey, "tr")} <= wanted
    assert ("uk", prompt_texts("uk")[1]) in wanted and prompt_texts("uk")[1] != PROMPTS[0]


@needs_espeak
def test_once_listened_every_next_screen_is_read_aloud(spoken, make_round, browser, live_server):
    round_ = make_round(languages=["nl", "ar"])
    db.session.commit()
    context = browser.new_context(viewport=TABLET)
    page = context.new_page()
    heard = []
    page.on("request", lambda request: "/r/speech/" in request.url and heard.append(request.url.split("/")[-1]))
    page.goto(f"{live_server}/r/{round_.token}")
    page.locator("button.lang[data-lang=ar]").click()
    survey = round_.questionnaire.survey

    def playing(text):
        """Waits (expect_request) for the clip of ``text`` to be fetched, which playing it does."""
        return page.expect_request(lambda request: request.url.endswith(f"/r/speech/{clip_name('ar', text)}"))

    assert not heard, "nothing is played before the respondent asks"
    with playing(survey.intro.text["ar"]):
        page.locator(".intro .listen").click()
    with playing(survey.question("liked_today").text["ar"]):  # read aloud by itself, nobody taps listen again
        page.locator(".intro [data-act=next]").click()
    expect(page.locator("section[data-key=liked_today]")).to_be_visible()
    context.close()


@needs_espeak
def test_a_kiosk_offline_still_says_every_language_s_texts(spoken, make_round, browser, live_server):
    round_ = make_round(languages=["nl", "ar"])
    db.session.commit()
    context = browser.new_context(viewport=TABLET)
    page = context.new_page()
    page.goto(f"{live_server}/r/{round_.token}")
    survey = round_.questionnaire.survey
    clips = [f"/r/speech/{clip_name('nl', survey.question('too_long').text['nl'])}",
             f"/r/speech/{clip_name('ar', survey.intro.text['ar'])}"]
    assert kept_offline(page, clips)
    live_server.stop()  # as when the tablet loses its connection
    statuses = page.evaluate("async (urls) => Promise.all(urls.map(u => fetch(u).then(r => r.status, () => 0)))",
                             clips)
    assert statuses == [200, 200]
    context.close()
