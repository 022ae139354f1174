"""The questionnaire library for staff: list, preview, copy, edit, recordings, import and export."""

import io
import json
import re
import wave
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
import yaml
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

import surveys
from app.extensions import db
from app.models import AuditEvent, Questionnaire, QuestionnaireAudio, Response, Role, Round, User
from tests.clients import log_in as log_in_session

XLSFORMS = Path(__file__).parent / "fixtures" / "xlsform"
#: the languages of the centre's questionnaire in these tests
LANGUAGES = ("nl", "fr", "en", "ar", "prs", "uk", "ti")
ARABIC_QUESTIONS = ["كيف كان نشاط اليوم بالنسبة لك؟", "هل فهمت كل شيء؟", "كيف كانت مدة النشاط؟"]


# -- people and pages ------------------------------------------------------------------------------


@pytest.fixture
def centre(make_centre):
    return make_centre("OCMW Rivierstad")


@pytest.fixture
def make_user(app):
    """Staff accounts without a password: these tests log in through the session (hashing takes long)."""
    def make(email, role, centre=None, locale="en"):
        user = User(email=email, name=email.split("@")[0], role=role, organisation=centre, locale=locale,
                    password_hash="not used")
        db.session.add(user)
        db.session.flush()
        return user

    return make


@pytest.fixture
def staff(app, client, library, centre, make_user):
    """A logged-in coordinator of the centre (make another visitor with ``staff.log_in(user)``)."""

    class Staff:
        user = make_user("coordinator@example.org", Role.COORDINATOR, centre=centre, locale="en")

        @staticmethod
        def log_in(user):
            return log_in_session(client, user)

    Staff.log_in(Staff.user)
    return Staff


@pytest.fixture
def own(app, library, centre):
    """A questionnaire of the centre that no round uses: the library's "after-activity" in seven languages."""
    definition = in_languages(library["after-activity"].definition, LANGUAGES)
    questionnaire = Questionnaire(organisation_id=centre.id, slug="after-activity", version=1,
                                  title="After the activity", definition=definition)
    db.session.add(questionnaire)
    db.session.commit()
    return questionnaire


def in_languages(definition: dict, languages) -> dict:
    """A questionnaire definition keeping only its texts in ``languages``."""
    def keep(data):
        if isinstance(data, dict):
            if data and set(data) <= set(surveys.LANGUAGES):
                return {lang: text for lang, text in data.items() if lang in languages}
            return {key: keep(value) for key, value in data.items()}
        return [keep(item) for item in data] if isinstance(data, list) else data

    return {**keep(definition), "languages": [lang for lang in definition["languages"] if lang in languages]}


def reloaded(questionnaire_id: int) -> Questionnaire:
    db.session.expire_all()
    return db.session.get(Questionnaire, questionnaire_id)


def centre_questionnaires(centre) -> list[Questionnaire]:
    db.session.expire_all()
    return db.session.scalars(select(Questionnaire).where(Questionnaire.organisation_id == centre.id)
                              .order_by(Questionnaire.slug, Questionnaire.version)).all()


def audit_actions() -> list[str]:
    return db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()


# -- the editor's form, as a browser would send it --------------------------------------------------


class EditorFields(HTMLParser):
    """The fields the editor's form (id="editor") sends: inputs, checked boxes, textareas, selected options."""

    def __init__(self, html: str):
        super().__init__()
        self.fields: list[list[str]] = []
        self.inside = False
        self.textarea: list[str] | None = None
        self.select: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == "editor"
        elif not self.inside or "form" in attrs or "name" not in attrs and tag != "option":
            return
        elif tag == "input" and attrs.get("type", "text") not in ("submit", "button", "file"):
            if attrs.get("type") != "checkbox" or "checked" in attrs:
                self.fields.append([attrs["name"], attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")])
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]
            self.fields.append(self.textarea)
        elif tag == "select":
            self.select = {"name": attrs["name"], "first": None, "chosen": None}
        elif tag == "option" and self.select is not None:
            self.select["first"] = self.select["first"] or attrs.get("value")
            if "selected" in attrs:
                self.select["chosen"] = attrs.get("value")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select is not None:
            self.fields.append([self.select["name"], self.select["chosen"] or self.select["first"]])
            self.select = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data


class Editor:
    """The editor of one questionnaire, driven like a person would: change fields, press buttons."""

    def __init__(self, client, questionnaire_id: int):
        self.client = client
        self.url = f"/library/{questionnaire_id}/edit"
        self.page = client.get(self.url)
        assert self.page.status_code == 200
        self.fields = EditorFields(self.page.text).fields

    def __getitem__(self, name: str) -> str:
        return next(value for key, value in self.fields if key == name)

    def __setitem__(self, name: str, value: str) -> None:
        self.fields = [[key, old] for key, old in self.fields if key != name] + [[name, value]]

    def tick(self, name: str, on: bool = True) -> None:
        self.fields = [field for field in self.fields if field[0] != name] + ([[name, "on"]] if on else [])

    def fill_all(self, prefix: str, texts: dict[str, str]) -> None:
        for lang, text in texts.items():
            self[f"{prefix}.{lang}"] = text

    def press(self, action: str, **choices):
        """Press a button (``save`` or a change such as ``question_up:2``); the editor comes back."""
        for name, value in choices.items():
            self[name] = value
        self.page = self.client.post(self.url, data=MultiDict([*map(tuple, self.fields), ("action", action)]))
        if self.page.status_code == 200:
            self.fields = EditorFields(self.page.text).fields
        return self.page


def every_language(text: str) -> dict[str, str]:
    return {lang: f"{text} ({lang})" for lang in LANGUAGES}


# -- the list and a questionnaire's page ------------------------------------------------------------


def test_the_list_shows_the_library_and_the_centres_own_with_their_languages_and_completeness(staff, own, library,
                                                                                             make_project):
    db.session.add(Round(project=make_project(centre=own.organisation), questionnaire=own, languages=["nl"]))
    page = staff.log_in(staff.user).get("/library")
    assert page.status_code == 200
    html = page.text
    assert "Your centre's questionnaires" in html and "Shared library" in html
    for title in ("After the activity", "The voice of the group", "We miss you", "Your opinion on the project"):
        assert title in html
    assert html.count('class="lang-chip') == sum(len(q.survey.languages) for q in [*library.values(), own])
    assert "100%" in html and "العربية" in html and "Used by 1 round: frozen" in html
    assert f'/library/{own.id}/edit"' in html, "the centre's own can be edited"
    assert "/edit\"" not in html.replace(f'/library/{own.id}/edit"', ""), "the library cannot"
    assert "Import a questionnaire" in html and html.count("Copy into my centre") == 5


def test_older_versions_stay_reachable_from_the_list(staff, own, library):
    newer = Questionnaire(organisation_id=own.organisation_id, slug=own.slug, version=2, title=own.title,
                          definition={**own.definition, "version": 2})
    db.session.add(newer)
    html = staff.log_in(staff.user).get("/library").text
    assert "1 older version" in html and f'/library/{own.id}"' in html
    page = staff.client_page = staff.log_in(staff.user).get(f"/library/{newer.id}")
    assert f'href="/library/{own.id}"' in page.text


def test_a_questionnaires_page_shows_completeness_and_which_recordings_are_missing(staff, own):
    store = QuestionnaireAudio(questionnaire_id=own.id, ref="audio/ar/liked_today.wav", mimetype="audio/wav",
                               content=silent_wav())
    definition = json.loads(json.dumps(own.definition))
    definition["questions"][0]["audio"] = {"ar": "audio/ar/liked_today.wav"}
    own.definition = definition
    db.session.add(store)
    page = staff.log_in(staff.user).get(f"/library/{own.id}")
    assert page.status_code == 200
    assert "1 of 4" in page.text and "0 of 4" in page.text
    assert f'/library/{own.id}/audio/liked_today/ar"' in page.text
    assert page.text.count("missing-audio") == 4 * 7 - 1
    assert '<use href="#p-face-1"/>' in page.text and '<symbol id="p-face-1"' in page.text


def test_another_centres_questionnaire_is_not_found_and_the_network_sees_only_the_library(
        staff, own, library, make_centre, make_user):
    other = make_user("other@example.org", Role.COORDINATOR, centre=make_centre("Elders"), locale="en")
    client = staff.log_in(other)
    assert client.get(f"/library/{own.id}").status_code == 404
    assert client.get(f"/library/{own.id}/preview/nl").status_code == 404
    assert "After the activity" in client.get("/library").text
    network = make_user("network@example.org", Role.NETWORK)
    client = staff.log_in(network)
    shared = library["after-activity"]
    assert client.get(f"/library/{shared.id}").status_code == 200
    assert client.get(f"/library/{shared.id}/preview/ar").status_code == 200
    assert client.get(f"/library/{shared.id}/export.yaml").status_code == 200
    assert client.post(f"/library/{shared.id}/duplicate").status_code == 403
    assert client.get(f"/library/{own.id}").status_code == 404
    assert client.get("/library/import").status_code == 403
    assert "Copy into my centre" not in client.get("/library").text


# -- preview ---------------------------------------------------------------------------------------


def test_the_preview_shows_every_question_in_arabic_right_to_left_and_stores_nothing(staff, library):
    shared = library["after-activity"]
    page = staff.log_in(staff.user).get(f"/library/{shared.id}/preview/ar")
    assert page.status_code == 200
    html = page.text
    assert re.search(r'<html lang="ar" dir="rtl">', html)
    for text in ARABIC_QUESTIONS:
        assert text in html
    assert "Preview: answers are not stored." in html
    assert "&#34;submitUrl&#34;: &#34;/library/preview/responses&#34;" in html
    assert 'data-lang="nl"' not in html, "the preview starts in the chosen language only"
    sent = staff.log_in(staff.user).post("/library/preview/responses", json={
        "id": "8a6c1f0e-5d7b-4c1e-9a51-2f3b4c5d6e7f", "language": "ar", "answers": {"liked_today": "5"}})
    assert sent.status_code == 200 and sent.json == {"status": "preview", "stored": False}
    assert db.session.scalar(select(func.count()).select_from(Response)) == 0
    assert staff.log_in(staff.user).get(f"/library/{shared.id}/preview/xx").status_code == 404


# -- duplicate ---------------------------------------------------------------------------------------


def test_duplicating_copies_the_questionnaire_into_the_centre_under_a_free_name(staff, library, centre):
    shared = library["after-activity"]
    client = staff.log_in(staff.user)
    first = client.post(f"/library/{shared.id}/duplicate")
    second = client.post(f"/library/{shared.id}/duplicate")
    assert first.status_code == second.status_code == 302
    copies = centre_questionnaires(centre)
    assert [(q.slug, q.version, q.title) for q in copies] == [("after-activity", 1, "After the activity"),
                                                             ("after-activity-2", 1, "After the activity")]
    assert copies[1].survey.id == "after-activity-2"
    assert copies[0].survey.questions == shared.survey.questions
    assert first.location.endswith(f"/library/{copies[0].id}/edit")
    assert audit_actions() == ["questionnaire.duplicate", "questionnaire.duplicate"]


def test_duplicating_keeps_the_recordings(staff, own, centre):
    db.session.add(QuestionnaireAudio(questionnaire_id=own.id, ref="audio/ar/liked_today.wav", mimetype="audio/wav",
                                      content=silent_wav()))
    definition = json.loads(json.dumps(own.definition))
    definition["questions"][0]["audio"] = {"ar": "audio/ar/liked_today.wav"}
    own.definition = definition
    staff.log_in(staff.user).post(f"/library/{own.id}/duplicate")
    copy_ = centre_questionnaires(centre)[1]
    assert copy_.slug == "after-activity-2"
    [stored] = db.session.scalars(select(QuestionnaireAudio).where(QuestionnaireAudio.questionnaire_id == copy_.id))
    assert stored.content == silent_wav()


def test_duplicating_refuses_another_centres_questionnaire_and_an_account_without_centre(
        staff, own, library, make_centre, make_user):
    other = make_user("other@example.org", Role.WORKER, centre=make_centre("Elders"))
    assert staff.log_in(other).post(f"/library/{own.id}/duplicate").status_code == 404
    admin = make_user("admin@example.org", Role.ADMIN)
    refused = staff.log_in(admin).post(f"/library/{library['after-activity'].id}/duplicate")
    assert refused.status_code == 403 and "your account belongs to none" in refused.text
    assert db.session.scalar(select(func.count()).select_from(Questionnaire)) == len(library) + 1


# -- editing -----------------------------------------------------------------------------------------


def test_editing_a_text_saves_it_in_place(staff, own):
    editor = Editor(staff.log_in(staff.user), own.id)
    assert editor["title.nl"] == "Na de activiteit"
    editor["q0.text.nl"] = "Hoe was het vandaag?"
    saved = editor.press("save")
    assert saved.status_code == 302 and saved.location.endswith(f"/library/{own.id}/edit")
    questionnaire = reloaded(own.id)
    assert questionnaire.version == 1 and questionnaire.survey.questions[0].text["nl"] == "Hoe was het vandaag?"
    assert audit_actions() == ["questionnaire.edit"]


def test_the_title_edits_the_listing_title_too(staff, own):
    editor = Editor(staff.log_in(staff.user), own.id)
    editor["title.en"] = "After Tuesday's activity"
    editor.press("save")
    assert reloaded(own.id).title == "After Tuesday's activity"


def test_questions_are_moved_up_and_down_and_removed(staff, own):
    editor = Editor(staff.log_in(staff.user), own.id)
    moved = editor.press("question_down:0")
    assert moved.status_code == 200 and "Not saved yet" in moved.text
    assert reloaded(own.id).survey.questions[0].key == "liked_today", "nothing is stored before Save"
    editor.press("question_up:2")
    editor.press("remove_question:0")
    editor.press("save")
    assert [q.key for q in reloaded(own.id).survey.questions] == ["too_long", "liked_today"]


@pytest.mark.parametrize(("kind", "expected"), [
    ("faces5", {"type": "faces", "settings": {"points": 5, "labels": "quality"}}),
    ("faces3", {"type": "faces", "settings": {"points": 3, "labels": "quality"}}),
    ("extent5", {"type": "faces", "settings": {"points": 5, "labels": "extent"}}),
    ("thumbs", {"type": "thumbs", "settings": {"dont_know": False}}),
    ("thumbs_dont_know", {"type": "thumbs", "settings": {"dont_know": True}}),
    ("pictures", {"type": "pictures", "settings": {"multiple": False}}),
    ("pictures_multiple", {"type": "pictures", "settings": {"multiple": True}}),
    ("text", {"type": "text", "settings": {"max_length": 500}}),
    ("info", {"type": "info", "settings": {}}),
])
def test_a_question_of_every_type_is_added(staff, own, kind, expected):
    editor = Editor(staff.log_in(staff.user), own.id)
    editor.press("add_question", new_type=kind)
    assert editor["q3.key"] == "question_4" and editor["q3.origin"] == ""
    editor.fill_all("q3.text", every_language("New question"))
    if expected["type"] == "pictures":
        for option, picture in enumerate(["home", "briefcase"]):
            editor[f"q3.o{option}.picture"] = picture
            editor.fill_all(f"q3.o{option}.text", every_language(picture))
    saved = editor.press("save")
    assert saved.status_code == 302, saved.text
    question = reloaded(own.id).survey.questions[3]
    assert question.type == expected["type"] and question.settings == expected["settings"]
    assert question.text["ar"] == "New question (ar)"
    if expected["type"] == "pictures":
        assert [(o.key, o.picture, o.text["nl"]) for o in question.options] == [
            ("option_1", "home", "home (nl)"), ("option_2", "briefcase", "briefcase (nl)")]


def test_a_dutch_coordinator_adds_questions_of_kinds_named_in_dutch(staff, own, centre, make_user):
    dutch = make_user("coordinator.nl@example.org", Role.COORDINATOR, centre=centre, locale="nl")
    page = staff.log_in(dutch).get(f"/library/{own.id}/edit").text
    offered = re.search(r'<select id="new_type" name="new_type">(.*?)</select>', page, re.S).group(1)
    assert re.findall(r'<option value="(\w+)">([^<]+)</option>', offered) == [
        ("faces5", "Gezichtjes, 5 punten (heel slecht tot heel goed)"),
        ("faces3", "Gezichtjes, 3 punten (slecht, gaat wel, goed)"),
        ("extent5", "Gezichtjes, 5 punten (helemaal niet tot heel veel)"),
        ("thumbs", "Duimpjes: ja of nee"), ("thumbs_dont_know", "Duimpjes: ja, nee of weet niet"),
        ("pictures", "Afbeeldingen: kies er één"), ("pictures_multiple", "Afbeeldingen: kies er één of meer"),
        ("text", "Vrije opmerking (getypt)"), ("info", "Infoscherm (vraagt niets)")]
    assert "Scherm 1 · Gezichtjes</h3>" in page and "Scherm 2 · Duimpjes</h3>" in page


def test_settings_are_changed_in_place(staff, own):
    editor = Editor(staff.log_in(staff.user), own.id)
    editor["q0.points"] = "3"
    editor.tick("q1.dont_know", False)
    editor.tick("q2.multiple")
    editor["q2.picture"] = "clock"
    editor["q0.indicator"] = "satisfaction_today"
    editor.press("save")
    questions = reloaded(own.id).survey.questions
    assert questions[0].settings == {"points": 3, "labels": "quality"}
    assert questions[0].indicator == "satisfaction_today"
    assert questions[1].settings == {"dont_know": False}
    assert questions[2].settings == {"multiple": True} and questions[2].picture == "clock"


def test_options_are_added_reordered_removed_and_given_pictograms(staff, own):
    editor = Editor(staff.log_in(staff.user), own.id)
    editor.press("add_option:2")
    editor.fill_all("q2.o3.text", every_language("Way too long"))
    editor["q2.o3.picture"] = "hourglass"
    editor.press("option_up:2:3")
    editor.press("option_down:2:0")
    editor.press("remove_option:2:1")
    editor["q2.o0.picture"] = "moon"
    assert editor.press("save").status_code == 302
    options = reloaded(own.id).survey.questions[2].options
    assert [(o.key, o.picture) for o in options] == [("just_right", "moon"), ("option_4", "hourglass"),
                                                      ("too_long", "clock")]


def test_problems_are_shown_next_to_their_field_and_nothing_is_saved(staff, own):
    before = reloaded(own.id).definition
    editor = Editor(staff.log_in(staff.user), own.id)
    editor.press("add_question", new_type="pictures")
    editor["q0.text.ar"] = ""
    editor["q2.o1.picture"] = "no-such-picture"
    editor["q1.key"] = "Not A Key"
    page = editor.press("save")
    assert page.status_code == 200
    html = page.text
    assert "Nothing was saved" in html
    problems = {
        "f-questions-0-text": "no Arabic text",
        "f-questions-1-key": "&#39;Not A Key&#39; is not a key",
        "f-questions-2-options-1-picture": "picture &#39;no-such-picture&#39; does not exist",
        "f-questions-3-text": "missing; give the text in every language",
        "f-questions-3-options-0-picture": "missing; every option needs a pictogram",
        "f-questions-3-options-1-text": "missing; give the text in every language",
    }
    for field_id, message in problems.items():
        section = re.search(rf'id="{field_id}".*?</(fieldset|div)>', html, re.S)
        assert section and message in section.group(0), field_id
        assert f'href="#{field_id}"' in html
    assert 'class="text-row missing" data-lang="ar"' in html
    assert editor["q3.key"] == "question_4", "the unsaved question stays in the form"
    assert reloaded(own.id).definition == before
    assert audit_actions() == []


def test_a_language_is_added_with_every_text_and_another_removed(staff, own):
    editor = Editor(staff.log_in(staff.user), own.id)
    page = editor.press("add_language", new_language="de")
    assert 'name="title.de" value=""' in page.text and "German · Deutsch" in page.text
    refused = editor.press("save")
    assert refused.status_code == 200 and "no German text" in refused.text
    for name in [key for key, _ in editor.fields if key.endswith(".nl")]:
        editor[name[:-3] + ".de"] = editor[name] + " (de)"
    languages = list(own.survey.languages)
    editor.press("remove_language:1")
    assert editor.press("save").status_code == 302
    survey = reloaded(own.id).survey
    assert survey.languages == [*languages[:1], *languages[2:], "de"]
    assert survey.questions[2].options[0].text["de"] == "Te kort (de)"


def test_a_frozen_version_is_never_changed_saving_makes_the_next_version(staff, own, make_project, centre):
    db.session.add(Round(project=make_project(centre=centre), questionnaire=own, languages=["nl", "ar"]))
    before = reloaded(own.id).definition
    editor = Editor(staff.log_in(staff.user), own.id)
    assert "saving makes version 2" in editor.page.text
    editor["q0.text.nl"] = "Hoe was het vandaag?"
    saved = editor.press("save")
    assert reloaded(own.id).definition == before
    first, second = centre_questionnaires(centre)
    assert (second.slug, second.version) == ("after-activity", 2)
    assert second.survey.version == 2 and second.survey.questions[0].text["nl"] == "Hoe was het vandaag?"
    assert saved.location.endswith(f"/library/{second.id}/edit")
    assert "Your changes are saved as version 2" in staff.log_in(staff.user).get(saved.location).text
    assert audit_actions() == ["questionnaire.new_version"]


def test_saving_nothing_changed_makes_no_new_version(staff, own, make_project, centre):
    db.session.add(Round(project=make_project(centre=centre), questionnaire=own, languages=["nl"]))
    Editor(staff.log_in(staff.user), own.id).press("save")
    assert len(centre_questionnaires(centre)) == 1


def test_the_shared_library_cannot_be_edited_and_another_centres_questionnaire_is_not_found(
        staff, own, library, make_centre, make_user):
    client = staff.log_in(staff.user)
    assert client.get(f"/library/{library['after-activity'].id}/edit").status_code == 403
    other = make_user("other@example.org", Role.COORDINATOR, centre=make_centre("Elders"))
    assert staff.log_in(other).get(f"/library/{own.id}/edit").status_code == 404
    assert staff.log_in(other).post(f"/library/{own.id}/edit", data={"languages": "nl"}).status_code == 404


# -- recordings ----------------------------------------------------------------------------------------


def silent_wav(frames: int = 800) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * frames)
    return buffer.getvalue()


def upload(client, questionnaire, content: bytes, filename: str, key="liked_today", language="ar"):
    """Send a file as the recorder does (the body is built here: the test client leaves big bodies open)."""
    boundary, body = encode_multipart({"audio": FileStorage(io.BytesIO(content), filename)})
    return client.post(f"/library/{questionnaire.id}/audio/{key}/{language}", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}", headers={"Accept": "application/json"})


def test_an_uploaded_wav_is_kept_and_the_kiosk_plays_it(staff, own, make_project, centre):
    kept = upload(staff.log_in(staff.user), own, silent_wav(), "vraag.wav")
    assert kept.status_code == 200 and kept.json["recorded"] is True and kept.json["new_version"] is False
    questionnaire = reloaded(own.id)
    assert questionnaire.survey.questions[0].audio == {"ar": "audio/ar/liked_today.wav"}
    round_ = Round(project=make_project(centre=centre), questionnaire=questionnaire, languages=["nl", "ar"])
    db.session.add(round_)
    db.session.commit()
    played = staff.log_in(staff.user).get(f"/r/{round_.token}/audio/ar/liked_today")
    assert played.status_code == 200 and played.mimetype == "audio/wav" and played.data == silent_wav()
    assert f'data-audio="/r/{round_.token}/audio/ar/liked_today ' in staff.log_in(staff.user).get(
        f"/r/{round_.token}").text
    staff_played = staff.log_in(staff.user).get(f"/library/{own.id}/audio/liked_today/ar")
    assert staff_played.status_code == 200 and staff_played.data == silent_wav()
    assert audit_actions() == ["questionnaire.recording_add"]


@pytest.mark.parametrize(("content", "filename", "message"), [
    (b"Dit is geen geluid, alleen tekst.\n", "vraag.mp3", "not a recording Vox can play"),
    (silent_wav(1_100_000), "lang.wav", "too big (2.1 MB)"),
    (b"", "leeg.wav", "The file is empty"),
])
def test_an_upload_that_is_not_a_small_recording_is_refused_and_nothing_is_stored(staff, own, content, filename,
                                                                                  message):
    refused = upload(staff.log_in(staff.user), own, content, filename)
    assert refused.status_code == 400 and message in refused.json["message"]
    assert reloaded(own.id).survey.questions[0].audio == {}
    assert db.session.scalar(select(func.count()).select_from(QuestionnaireAudio)) == 0


def test_a_refused_upload_without_javascript_goes_back_to_the_editor_with_the_reason(staff, own):
    client = staff.log_in(staff.user)
    refused = client.post(f"/library/{own.id}/audio/intro/nl", data={"audio": (io.BytesIO(b"%PDF-1.4"), "a.mp3")})
    assert refused.status_code == 302 and "/edit?open=intro#audio-intro" in refused.location
    assert "not a recording Vox can play" in client.get(refused.location).text


@pytest.mark.parametrize(("head", "mimetype"), [
    (b"OggS\0\x02" + bytes(30), "audio/ogg"), (b"ID3\x04\0\0" + bytes(30), "audio/mpeg"),
    (b"\xff\xfb\x90\x64" + bytes(30), "audio/mpeg"), (b"\x1a\x45\xdf\xa3\x9f\x42" + bytes(30), "audio/webm"),
    (b"\0\0\0\x20ftypM4A " + bytes(30), "audio/mp4"),
])
def test_recordings_are_recognised_by_their_content_not_their_name(staff, own, head, mimetype):
    assert upload(staff.log_in(staff.user), own, head, "recording.bin", key="intro").status_code == 200
    [stored] = db.session.scalars(select(QuestionnaireAudio)).all()
    assert stored.mimetype == mimetype


def test_recording_a_frozen_version_makes_the_next_version_and_a_recording_can_be_deleted(
        staff, own, make_project, centre):
    db.session.add(Round(project=make_project(centre=centre), questionnaire=own, languages=["nl"]))
    kept = upload(staff.log_in(staff.user), own, silent_wav(), "vraag.wav", key="intro", language="nl")
    assert kept.json["new_version"] is True
    first, second = centre_questionnaires(centre)
    assert first.survey.intro.audio == {} and second.survey.intro.audio == {"nl": "audio/nl/intro.wav"}
    assert kept.json["edit_url"].startswith(f"/library/{second.id}/edit")
    deleted = staff.log_in(staff.user).post(f"/library/{second.id}/audio/intro/nl/delete")
    assert deleted.status_code == 302
    assert reloaded(second.id).survey.intro.audio == {}
    assert db.session.scalar(select(func.count()).select_from(QuestionnaireAudio)) == 0


def test_recordings_of_the_library_or_another_centre_cannot_be_changed(staff, own, library, make_centre, make_user):
    shared = library["after-activity"]
    assert upload(staff.log_in(staff.user), shared, silent_wav(), "a.wav").status_code == 403
    other = make_user("other@example.org", Role.COORDINATOR, centre=make_centre("Elders"))
    assert upload(staff.log_in(other), own, silent_wav(), "a.wav").status_code == 404
    assert upload(staff.log_in(staff.user), own, silent_wav(), "a.wav", key="no_such_question").status_code == 404
    assert upload(staff.log_in(staff.user), own, silent_wav(), "a.wav", language="de").status_code == 404


# -- import ------------------------------------------------------------------------------------------


def import_file(client, content: bytes, filename: str):
    return client.post("/library/import", data={"file": (io.BytesIO(content), filename)})


def test_a_yaml_with_problems_shows_each_with_line_and_field_and_stores_nothing(staff, library, centre):
    broken = (b"id: broken\nversion: 1\nlanguages: [nl, ar]\ntitle: {nl: Kapot}\n"
              b"intro:\n  text: {nl: Hallo, ar: \xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7}\n"
              b"questions:\n  - key: q1\n    type: stars\n    text: {nl: Hoe was het, ar: \xd9\x83\xd9\x8a\xd9\x81}\n")
    page = import_file(staff.log_in(staff.user), broken, "kapot.yaml")
    assert page.status_code == 400
    html = page.text
    assert "kapot.yaml was not imported: nothing was stored." in html
    assert re.search(r"<td>4</td><td><code>title</code></td><td>no Arabic text</td>", html)
    assert re.search(r"<td>9</td><td><code>questions\[0\].type</code></td><td>&#39;stars&#39; is not a question "
                     r"type", html)
    assert centre_questionnaires(centre) == []


def test_a_yaml_questionnaire_is_imported_into_the_centre(staff, library, centre):
    content = library["we-miss-you"].survey.to_yaml().encode()
    client = staff.log_in(staff.user)
    page = import_file(client, content, "we-miss-you.yaml")
    assert page.status_code == 201 and "What the import did" in page.text
    languages = ", ".join(surveys.language_name(lang) for lang in library["we-miss-you"].survey.languages)
    assert f"6 questions imported in {languages}." in page.text
    again = import_file(client, content, "we-miss-you.yaml")
    assert again.status_code == 201
    assert [(q.slug, q.version) for q in centre_questionnaires(centre)] == [("we-miss-you", 1), ("we-miss-you-2", 1)]
    assert audit_actions() == ["questionnaire.import", "questionnaire.import"]


def test_an_xlsform_is_imported_and_its_report_shown_line_by_line(staff, centre):
    page = import_file(staff.log_in(staff.user), (XLSFORMS / "widgets.xls").read_bytes(), "widgets.xls")
    assert page.status_code == 201
    [imported] = centre_questionnaires(centre)
    report = surveys.xlsform.import_xlsform(XLSFORMS / "widgets.xls").report
    assert len(report) > 3
    for line in report:
        assert f"<li>{escape(line)}</li>" in page.text
    assert f'/library/{imported.id}/edit"' in page.text


def escape(text: str) -> str:
    from markupsafe import escape as html_escape

    return str(html_escape(text))


def test_a_broken_spreadsheet_or_another_kind_of_file_is_refused_clearly(staff, centre):
    client = staff.log_in(staff.user)
    broken = import_file(client, b"PK\x03\x04 not really a spreadsheet", "form.xlsx")
    assert broken.status_code == 400 and "form.xlsx: this is not an XLSForm spreadsheet Vox can read" in broken.text
    other = import_file(client, b"%PDF-1.4", "form.pdf")
    assert other.status_code == 400 and "this file is neither" in other.text
    missing = client.post("/library/import", data={})
    assert missing.status_code == 400 and "Choose a file to import." in missing.text
    assert centre_questionnaires(centre) == []


def test_a_too_big_upload_gets_a_clear_page(app, staff, centre):
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    page = import_file(staff.log_in(staff.user), b"x" * 20_000, "big.yaml")
    assert page.status_code == 413
    assert "too big" in page.text and "Traceback" not in page.text
    assert centre_questionnaires(centre) == []


# -- export ------------------------------------------------------------------------------------------


def test_the_yaml_export_loads_back_into_the_same_questionnaire(staff, own):
    exported = staff.log_in(staff.user).get(f"/library/{own.id}/export.yaml")
    assert exported.status_code == 200
    assert exported.headers["Content-Disposition"] == 'attachment; filename="after-activity-v1.yaml"'
    loaded = surveys.load_questionnaire(exported.data, name="after-activity-v1.yaml")
    assert loaded.to_dict() == own.survey.to_dict()
    assert yaml.safe_load(exported.data)["id"] == "after-activity"
    assert audit_actions() == ["questionnaire.export"]


def test_the_xlsform_export_opens_as_a_spreadsheet(staff, library):
    shared = library["amif-satisfaction"]
    exported = staff.log_in(staff.user).get(f"/library/{shared.id}/export.xlsx")
    assert exported.status_code == 200
    assert exported.headers["Content-Disposition"] == f'attachment; filename="amif-satisfaction-v{shared.version}.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(exported.data))
    assert {"survey", "choices", "settings"} <= set(workbook.sheetnames)
    workbook.close()


def test_a_recording_is_sent_with_the_pages_csrf_token_in_a_header_and_refused_without(csrf_client, staff, own):
    client = csrf_client
    with client.session_transaction() as session:
        session["_user_id"] = staff.user.get_id()
        session["_fresh"] = True
    page = client.get(f"/library/{own.id}/edit").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    boundary, body = encode_multipart({"audio": FileStorage(io.BytesIO(silent_wav()), "recording.wav")})
    send = {"data": body, "content_type": f"multipart/form-data; boundary={boundary}",
            "headers": {"Accept": "application/json"}}
    assert client.post(f"/library/{own.id}/audio/intro/nl", **send).status_code == 400
    send["headers"]["X-CSRFToken"] = token
    assert client.post(f"/library/{own.id}/audio/intro/nl", **send).status_code == 200
    assert client.post(f"/library/{own.id}/edit", data={"languages": "nl", "action": "save"}).status_code == 400
