"""Staff are told, when they launch a round and on its page, in which languages some texts cannot be heard."""

import io
import re
from datetime import date

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app.extensions import db
from app.models import Role
from tests import test_speech
from tests.clients import logged_in
from tests.test_speech import needs_espeak
from tests.test_voices import wav

TIGRINYA = "ትግርኛ (Tigrinya)"
#: the computer voice's clips of Dutch and Arabic
clips, spoken = test_speech.clips, test_speech.spoken


@pytest.fixture
def centre(make_centre):
    return make_centre("OCMW Rivierstad")


@pytest.fixture
def project(make_project, centre):
    return make_project("Taalcafé", centre=centre)


@pytest.fixture
def worker(app, make_user, centre, project):
    user = make_user("lies@example.org", Role.WORKER, centre=centre, locale="en")
    user.projects.append(project)
    return logged_in(app, user)


def silence_lines(page: str) -> dict[str, str]:
    """The lines of the warning, by language code, with their text (tags removed) and link."""
    found = re.findall(r'<li data-silent-for="(\d+)" data-silent-lang="(\w+)"[^>]*>(.*?)</li>', page, re.S)
    return {f"{questionnaire}-{language}": line for questionnaire, language, line in found}


def silent_on_voices_page(client, questionnaire, language) -> int:
    page = client.get(f"/library/{questionnaire.id}/voices/{language}").text
    return int(re.search(r"Show only the (\d+) texts? nobody can hear", page).group(1))


def record_every_silent_text(client, questionnaire, language) -> None:
    page = client.get(f"/library/{questionnaire.id}/voices/{language}?show=silent").text
    for digest in re.findall(r'<tr data-audio-row="(\w+)"', page):
        boundary, body = encode_multipart({"digest": digest, "audio": FileStorage(io.BytesIO(wav()), "r.wav")})
        kept = client.post(f"/library/{questionnaire.id}/voices/{language}", data=body,
                           content_type=f"multipart/form-data; boundary={boundary}")
        assert kept.status_code == 302


@needs_espeak
def test_launching_says_which_languages_cannot_be_heard_and_links_to_recording_them(spoken, worker, project,
                                                                                     library):
    after = library["after-activity"]
    page = worker.get(f"/projects/{project.id}/rounds/new").text
    lines = silence_lines(page)
    assert f"{after.id}-nl" not in lines and f"{after.id}-ar" not in lines, "Dutch and Arabic have a computer voice"
    silent = silent_on_voices_page(worker, after, "ti")
    tigrinya = lines[f"{after.id}-ti"]
    total = int(re.search(r"of (\d+) texts", tigrinya).group(1))
    assert silent == total
    assert f'<bdi dir="ltr">{TIGRINYA}</bdi>: {silent} of {total} texts cannot be heard.' in tigrinya
    assert f'href="/library/{after.id}/voices/ti?show=guided">Record them</a>' in tigrinya
    assert f"{after.id}-ps" in lines and f"{after.id}-so" in lines
    assert "Some texts cannot be heard." in page


def test_once_the_centre_recorded_every_text_the_language_is_no_longer_listed(worker, project, library):
    after = library["after-activity"]
    assert f"{after.id}-ti" in silence_lines(worker.get(f"/projects/{project.id}/rounds/new").text)
    record_every_silent_text(worker, after, "ti")
    assert f"{after.id}-ti" not in silence_lines(worker.get(f"/projects/{project.id}/rounds/new").text)
    assert f"{after.id}-so" in silence_lines(worker.get(f"/projects/{project.id}/rounds/new").text)


def test_another_centre_s_recordings_do_not_count(app, worker, project, library, make_user, make_centre,
                                                  make_project):
    after = library["after-activity"]
    record_every_silent_text(worker, after, "ti")
    elsewhere = make_project("Werkwinkel", centre=make_centre("CPAS Ailleurs"))
    theirs = make_user("ali@example.org", Role.WORKER, centre=elsewhere.organisation, locale="en")
    theirs.projects.append(elsewhere)
    page = logged_in(app, theirs).get(f"/projects/{elsewhere.id}/rounds/new").text
    assert f"{after.id}-ti" in silence_lines(page)


def test_the_round_page_says_it_with_a_link_for_the_centre_s_staff_only(app, worker, project, make_round, make_user):
    round_ = make_round(project=project, languages=["nl", "ti"])
    db.session.commit()
    page = worker.get(f"/projects/{project.id}/rounds/{round_.id}").text
    warning = page[page.index('id="sound-warning"'):]
    warning = warning[:warning.index("</div>")]
    assert f'<bdi dir="ltr">{TIGRINYA}</bdi>: ' in warning and "texts cannot be heard." in warning
    assert f'href="/library/{round_.questionnaire_id}/voices/ti?show=guided"' in warning
    assert "Nederlands (Dutch)" in warning, "no computer voice's clips were made here: Dutch is silent too"

    admin = logged_in(app, make_user("admin@example.org", Role.ADMIN, locale="en"))
    seen = admin.get(f"/projects/{project.id}/rounds/{round_.id}").text
    warning = seen[seen.index('id="sound-warning"'):]
    warning = warning[:warning.index("</div>")]
    assert f'<bdi dir="ltr">{TIGRINYA}</bdi>: ' in warning and "/voices/" not in warning
    assert "Staff of the project's centre can record them" in warning


def test_a_closed_round_says_nothing_of_sound(worker, project, make_round):
    round_ = make_round(project=project, languages=["ti"], closed_by_hand_on=date.today())
    db.session.commit()
    assert 'id="sound-warning"' not in worker.get(f"/projects/{project.id}/rounds/{round_.id}").text
