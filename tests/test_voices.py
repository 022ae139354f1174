"""A centre's own recordings of single texts: options, prompts, any text, in languages without a computer voice."""

import io
import re
import wave

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app.extensions import db
from app.models import AuditEvent, Role, Round, VoiceRecording
from app.voices.speech import prompt_texts
from surveys.speech import text_digest
from tests.clients import logged_in


def wav(frames: int = 800, rate: int = 8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\1\0" * frames)
    return buffer.getvalue()


@pytest.fixture
def centre(make_centre):
    return make_centre("OCMW Rivierstad")


@pytest.fixture
def coordinator(app, centre, make_user):
    return logged_in(app, make_user("coordinator@example.org", Role.COORDINATOR, centre=centre, locale="en"))


@pytest.fixture
def questionnaire(library):
    return library["after-activity"]


def tigrinya_round(make_round, make_project, centre) -> Round:
    round_ = make_round(project=make_project(centre=centre), languages=["nl", "ti"])
    db.session.commit()
    return round_


def record(client, questionnaire, text: str, content: bytes, language="ti", json=True):
    """Send a recording as the page's recorder does: the text's digest and the file."""
    boundary, body = encode_multipart({"digest": text_digest(text), "audio": FileStorage(io.BytesIO(content), "r.wav")})
    return client.post(f"/library/{questionnaire.id}/voices/{language}", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}",
                       headers={"Accept": "application/json"} if json else {})


def listen_playlists(html: str) -> list[list[str]]:
    return [value.split(" ") for value in re.findall(r'data-audio="([^"]+)"', html)]


def stored_count() -> int:
    return db.session.scalar(select(func.count()).select_from(VoiceRecording))


def kiosk_page(app, round_) -> str:
    """The round's page as a respondent's browser gets it: no account, no cookie."""
    return app.test_client().get(f"/r/{round_.token}").text


def test_a_tigrinya_option_recorded_by_the_centre_is_heard_on_its_kiosks(app, coordinator, questionnaire, make_round,
                                                                        make_project, centre):
    option = questionnaire.survey.question("liked_today").choices()[0].text["ti"]
    page = coordinator.get(f"/library/{questionnaire.id}/voices/ti").text
    row = page[page.index(f'id="v-{text_digest(option)}"'):]
    row = row[:row.index("</tr>")]
    assert option in row and "nothing to hear" in row
    assert "There is no computer voice for this language" in page

    kept = record(coordinator, questionnaire, option, wav())
    assert kept.status_code == 200 and kept.json["recorded"] is True and kept.json["message"] == "Recording kept."
    address = kept.json["play_url"]
    played = app.test_client().get(address)
    assert played.status_code == 200 and played.mimetype == "audio/wav" and played.data == wav()

    round_ = tigrinya_round(make_round, make_project, centre)
    [question] = [playlist for playlist in listen_playlists(kiosk_page(app, round_)) if address in playlist]
    assert question.index(address) > 0, "the option is heard after its question, in the question's Listen"
    row = coordinator.get(f"/library/{questionnaire.id}/voices/ti").text.split(f'id="v-{text_digest(option)}"')[1]
    assert '<span class="badge ok" data-state="recorded">' in row[:row.index("</tr>")]
    assert [event.action for event in db.session.scalars(select(AuditEvent))] == ["voice.record"]


def test_a_prompt_recorded_once_is_heard_on_every_question_of_every_questionnaire(app, coordinator, library,
                                                                                  make_round, make_project, centre):
    rather_not = prompt_texts("ps")[1]  # "I'd rather not say" in Pashto
    kept = record(coordinator, library["after-activity"], rather_not, wav(), language="ps")
    assert kept.status_code == 200
    address = kept.json["play_url"]
    project = make_project(centre=centre)
    for slug in ("after-activity", "amif-satisfaction"):
        round_ = make_round(project=project, questionnaire=slug, languages=["ps"])
        db.session.commit()
        answerable = [q for q in round_.questionnaire.survey.questions if q.answerable]
        heard = [playlist for playlist in listen_playlists(kiosk_page(app, round_)) if address in playlist]
        assert len(heard) == len(answerable) > 0


def test_another_centre_does_not_hear_the_recording(app, coordinator, questionnaire, make_round, make_project,
                                                    make_centre):
    option = questionnaire.survey.question("liked_today").choices()[1].text["ti"]
    address = record(coordinator, questionnaire, option, wav()).json["play_url"]
    elsewhere = tigrinya_round(make_round, make_project, make_centre("CPAS Ailleurs"))
    assert address not in kiosk_page(app, elsewhere)
    assert "/r/voice/" not in kiosk_page(app, elsewhere)


def test_recording_again_gives_a_new_address_and_deleting_goes_back_to_nothing(app, coordinator, questionnaire,
                                                                                make_round, make_project, centre):
    question = questionnaire.survey.question("understood").text["ti"]
    first = record(coordinator, questionnaire, question, wav()).json["play_url"]
    second = record(coordinator, questionnaire, question, wav(1600)).json["play_url"]
    assert first != second and stored_count() == 1
    assert app.test_client().get(first).status_code == 404
    assert app.test_client().get(second).data == wav(1600)

    body = {"digest": text_digest(question)}
    deleted = coordinator.post(f"/library/{questionnaire.id}/voices/ti/delete", data=body)
    assert deleted.status_code == 302 and deleted.location.endswith(f"#v-{text_digest(question)}")
    assert stored_count() == 0 and app.test_client().get(second).status_code == 404
    assert "/r/voice/" not in kiosk_page(app, tigrinya_round(make_round, make_project, centre))
    again = coordinator.post(f"/library/{questionnaire.id}/voices/ti/delete", data=body, follow_redirects=True)
    assert "There is no recording to delete." in again.text
    assert [event.action for event in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))] == [
        "voice.record", "voice.record", "voice.delete"]


@pytest.mark.parametrize(("content", "message"), [
    (b"Dit is geen geluid.\n", "not a recording Vox can play"),
    (wav(1_100_000), "too big (2.1 MB)"),
    (b"", "The file is empty"),
])
def test_an_upload_that_is_not_a_small_recording_is_refused_and_nothing_is_stored(coordinator, questionnaire,
                                                                                  content, message):
    text = questionnaire.survey.intro.text["ti"]
    refused = record(coordinator, questionnaire, text, content)
    assert refused.status_code == 400 and message in refused.json["message"]
    assert stored_count() == 0


def test_a_text_that_is_not_on_the_page_is_refused_with_a_clear_message(coordinator, questionnaire):
    refused = record(coordinator, questionnaire, "Iets wat nergens staat", wav())
    assert refused.status_code == 400 and "not on the page" in refused.json["message"]
    without_script = record(coordinator, questionnaire, "Iets wat nergens staat", wav(), json=False)
    assert without_script.status_code == 302
    assert "not on the page" in coordinator.get(without_script.location).text
    assert record(coordinator, questionnaire, "x", wav(), language="zu").status_code == 404  # a language it is not in
    assert stored_count() == 0


def test_who_may_record(app, questionnaire, make_user, centre):
    text = questionnaire.survey.intro.text["ti"]
    network = logged_in(app, make_user("federal@example.org", Role.NETWORK, locale="en"))
    assert record(network, questionnaire, text, wav()).status_code == 403
    admin = logged_in(app, make_user("admin@example.org", Role.ADMIN, locale="en"))
    page = admin.get(f"/library/{questionnaire.id}/voices/ti").text
    assert "Log in with an account of a centre to record" in page and "data-record>" not in page
    refused = record(admin, questionnaire, text, wav())
    assert refused.status_code == 403 and "belongs to none" in refused.json["message"]
    worker = logged_in(app, make_user("worker@example.org", Role.WORKER, centre=centre, locale="en"))
    assert record(worker, questionnaire, text, wav()).status_code == 200
    assert db.session.scalar(select(VoiceRecording.organisation_id)) == centre.id


def test_the_questionnaire_page_counts_recorded_texts_as_heard(coordinator, questionnaire):
    survey = questionnaire.survey

    def tigrinya_heard() -> str:
        page = coordinator.get(f"/library/{questionnaire.id}").text
        return re.search(r'href="/library/\d+/voices/ti"[^>]*>(\d+ of \d+ texts)', page).group(1)

    total = int(tigrinya_heard().split()[2])
    assert tigrinya_heard() == f"0 of {total} texts"
    for choice in survey.question("liked_today").choices():
        record(coordinator, questionnaire, choice.text["ti"], wav())
    assert tigrinya_heard() == f"{len(survey.question('liked_today').choices())} of {total} texts"


def test_staff_can_list_only_the_texts_nobody_can_hear(coordinator, questionnaire):
    page = f"/library/{questionnaire.id}/voices/ti"
    every = coordinator.get(page).text.count("<tr data-audio-row=")
    assert f"Show only the {every} texts nobody can hear" in coordinator.get(page).text
    option = questionnaire.survey.question("too_long").choices()[0].text["ti"]
    record(coordinator, questionnaire, option, wav())
    silent = coordinator.get(page + "?show=silent").text
    assert f"Showing the {every - 1} texts nobody can hear." in silent
    assert silent.count("<tr data-audio-row=") == every - 1 and f'id="v-{text_digest(option)}"' not in silent


def test_a_recorded_language_name_is_said_on_the_language_screen(app, coordinator, questionnaire, make_round,
                                                                 make_project, centre):
    address = record(coordinator, questionnaire, prompt_texts("ti")[0], wav()).json["play_url"]  # ትግርኛ
    page = kiosk_page(app, tigrinya_round(make_round, make_project, centre))
    speaker = re.search(r'<button type="button" class="speak"[^>]*data-lang="ti"[^>]*>', page).group(0)
    assert f'data-audio="{address}"' in speaker


def test_the_hint_of_several_answers_recorded_once_is_heard_on_every_such_question(app, coordinator, library,
                                                                                   make_round, make_project, centre):
    hint = prompt_texts("ti")[-1]  # "You can choose more than one." in Tigrinya, a language without a computer voice
    kept = record(coordinator, library["amif-satisfaction"], hint, wav())
    assert kept.status_code == 200, kept.json
    round_ = make_round(project=make_project(centre=centre), questionnaire="we-miss-you", languages=["ti"])
    db.session.commit()
    several = [q for q in round_.questionnaire.survey.questions if q.settings.get("multiple")]
    heard = [playlist for playlist in listen_playlists(kiosk_page(app, round_)) if kept.json["play_url"] in playlist]
    assert len(heard) == len(several) == 2
    assert all(playlist.index(kept.json["play_url"]) == 1 for playlist in heard), "right after the question"


def test_a_recording_is_sent_to_respondents_without_telling_where_they_came_from(app, coordinator, questionnaire):
    address = record(coordinator, questionnaire, prompt_texts("ti")[0], wav()).json["play_url"]
    played = app.test_client().get(address)
    assert played.status_code == 200 and played.headers["Referrer-Policy"] == "no-referrer"


def test_the_page_of_what_respondents_hear_is_under_questionnaires_in_the_menu(coordinator, questionnaire):
    page = coordinator.get(f"/library/{questionnaire.id}/voices/ti").text
    current = re.findall(r'<a href="([^"]+)" aria-current="page">', page)
    assert current == ["/library"]
