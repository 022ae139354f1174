"""A centre's recordings of a language as one file, imported by another centre: checked whole, matched by text."""

import io
import json
import re
import zipfile

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app.extensions import db
from app.models import AuditEvent, Role, VoiceRecording
from app.voices.speech import prompt_texts
from surveys.speech import text_digest
from tests.clients import logged_in
from tests.test_voices import kiosk_page, listen_playlists, record, tigrinya_round, wav

MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 50


@pytest.fixture
def centre(make_centre):
    return make_centre("OCMW Rivierstad")


@pytest.fixture
def other_centre(make_centre):
    return make_centre("CPAS Ailleurs")


@pytest.fixture
def ours(app, centre, make_user):
    return logged_in(app, make_user("coordinator@example.org", Role.COORDINATOR, centre=centre, locale="en"))


@pytest.fixture
def theirs(app, other_centre, make_user):
    return logged_in(app, make_user("ali@example.org", Role.WORKER, centre=other_centre, locale="en"))


@pytest.fixture
def questionnaire(library):
    return library["after-activity"]


def option(questionnaire, number: int, language="ti") -> str:
    return questionnaire.survey.question("liked_today").choices()[number].text[language]


def download(client, questionnaire, language="ti"):
    return client.get(f"/library/{questionnaire.id}/voices/{language}/export")


def upload(client, questionnaire, content: bytes, language="ti", replace=False, name="recordings.zip"):
    fields = {"file": FileStorage(io.BytesIO(content), name), **({"replace": "y"} if replace else {})}
    boundary, body = encode_multipart(fields)
    return client.post(f"/library/{questionnaire.id}/voices/{language}/import", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


def package(recordings: list[dict], language="ti", extra: dict | None = None, **manifest) -> bytes:
    """A file of recordings as Vox makes it; ``recordings`` holds text and content (and may override the rest)."""
    entries, files = [], dict(extra or {})
    for number, item in enumerate(recordings):
        name = item.get("file", f"audio/{number}.wav")
        entries.append({"text": item["text"], "digest": item.get("digest", text_digest(item["text"])),
                        "mimetype": "audio/wav", "file": name})
        files.setdefault(name, item.get("content", wav()))
    body = {"kind": "vox-recordings", "format": 1, "language": language, "centre": "Elders", "recordings": entries,
            **manifest}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("manifest.json", json.dumps(body))
        for name, content in files.items():
            out.writestr(name, content)
    return buffer.getvalue()


def recordings_of(centre) -> dict[str, bytes]:
    db.session.expire_all()
    return {row.text: row.content for row in db.session.scalars(
        select(VoiceRecording).where(VoiceRecording.organisation_id == centre.id))}


def stored_count() -> int:
    return db.session.scalar(select(func.count()).select_from(VoiceRecording))


def test_one_centre_s_recordings_are_heard_on_another_centre_s_kiosk(app, ours, theirs, questionnaire, other_centre,
                                                                     make_round, make_project):
    name_of_tigrinya = prompt_texts("ti")[0]
    record(ours, questionnaire, option(questionnaire, 0), wav())
    record(ours, questionnaire, name_of_tigrinya, MP3)
    file = download(ours, questionnaire)
    assert file.status_code == 200 and file.mimetype == "application/zip"
    assert 'filename="vox-recordings-ocmw-rivierstad-ti.zip"' in file.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(file.data)) as opened:
        manifest = json.loads(opened.read("manifest.json"))
        assert manifest["language"] == "ti" and manifest["centre"] == "OCMW Rivierstad"
        by_text = {item["text"]: item for item in manifest["recordings"]}
        assert by_text[name_of_tigrinya]["mimetype"] == "audio/mpeg"
        assert opened.read(by_text[name_of_tigrinya]["file"]) == MP3
        assert by_text[option(questionnaire, 0)]["digest"] == text_digest(option(questionnaire, 0))

    imported = upload(theirs, questionnaire, file.data)
    assert imported.status_code == 302 and imported.location.endswith("/voices/ti#exchange")
    assert "2 recordings imported from recordings.zip." in theirs.get(imported.location).text
    assert recordings_of(other_centre) == {option(questionnaire, 0): wav(), name_of_tigrinya: MP3}
    round_ = tigrinya_round(make_round, make_project, other_centre)
    page = kiosk_page(app, round_)
    assert any(len(playlist) > 1 and playlist[1].startswith("/r/voice/") for playlist in listen_playlists(page))
    assert re.search(r'class="speak"[^>]*data-lang="ti"[^>]*data-audio="/r/voice/', page)
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [(event.action, event.organisation_id) for event in events][-2:] == [
        ("voice.export", ours_centre_id(events)), ("voice.import", other_centre.id)]
    assert events[-1].subject == "ti: 2 stored, 0 kept, 0 of unknown texts, from recordings.zip"


def ours_centre_id(events) -> int:
    return next(event.organisation_id for event in events if event.action == "voice.record")


def test_the_report_says_what_was_imported_kept_and_left_out(theirs, questionnaire, other_centre):
    record(theirs, questionnaire, option(questionnaire, 1), wav(400))  # their own recording of one text
    file = package([{"text": option(questionnaire, 0)}, {"text": option(questionnaire, 1)},
                    {"text": "ጽሑፍ ዘይብሉ ሕቶ"}])  # a text none of their questionnaires has
    page = theirs.get(upload(theirs, questionnaire, file).location).text
    assert "1 recording imported from recordings.zip." in page
    assert "1 text already had your centre&#39;s recording, which was kept" in page
    assert "1 recording is of a text none of your questionnaires has in this language, and was left out: " \
           "“ጽሑፍ ዘይብሉ ሕቶ”" in page
    assert recordings_of(other_centre) == {option(questionnaire, 0): wav(), option(questionnaire, 1): wav(400)}

    upload(theirs, questionnaire, file, replace=True)
    assert recordings_of(other_centre)[option(questionnaire, 1)] == wav(), "replaced when asked"


def zip_with(names_and_contents: dict[str, bytes], manifest: dict | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        if manifest is not None:
            out.writestr("manifest.json", json.dumps(manifest))
        for name, content in names_and_contents.items():
            out.writestr(name, content)
    return buffer.getvalue()


def bomb() -> bytes:
    """70 MB of zeros, a few dozen kilobytes once packed."""
    return package([{"text": "x", "content": wav()}], extra={"audio/zeros.wav": bytes(70 * 1024 * 1024)})


def many_entries() -> bytes:
    return zip_with({f"audio/{number}.wav": b"" for number in range(1000)}, {"kind": "vox-recordings"})


def encrypted() -> bytes:
    """A file whose one recording says it is encrypted (the flag of its local and central headers)."""
    content = bytearray(package([{"text": "x"}]))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = content.rindex(signature)  # the last entry: the recording
        content[at + offset] |= 0x1
    return bytes(content)


@pytest.fixture
def refused_files(questionnaire):
    first, second = option(questionnaire, 0), option(questionnaire, 1)
    good = {"text": first}
    return {
        "not a zip": (b"RIFF....WAVEfmt ", "not a file of recordings made by Vox"),
        "no manifest": (zip_with({"audio/0.wav": wav()}), "The file has no manifest.json"),
        "not a manifest": (zip_with({"manifest.json": b"{nope"}), "manifest.json is not a list of Vox recordings"),
        "another language": (package([good], language="so"), "recordings in Somali; this page is for Tigrinya"),
        "another format": (package([good], format=2), "another version of Vox (format 2)"),
        "a way out": (package([good, {"text": second, "file": "../../etc/passwd"}]),
                      "a name Vox does not accept: “../../etc/passwd”"),
        "an absolute name": (package([good], extra={"/tmp/evil.wav": wav()}), "“/tmp/evil.wav”"),
        "a zip bomb": (bomb(), "would unpack to more than 64 MB"),
        "too many entries": (many_entries(), "1001 entries; a language's recordings are at most 1000"),
        "encrypted": (encrypted(), "“audio/0.wav” is encrypted"),
        "too big a recording": (package([good, {"text": second, "content": wav(1_100_000)}]),
                                "Recording 2 of manifest.json (“audio/1.wav”): the recording is bigger than 2 MB"),
        "not audio": (package([good, {"text": second, "content": b"<script>alert(1)</script>"}]),
                      "Recording 2 of manifest.json (“audio/1.wav”): This file is not a recording Vox can play"),
        "a digest that lies": (package([good, {"text": second, "digest": text_digest(first)}]),
                               "Recording 2 of manifest.json: the digest does not match the text"),
        "a file that is not there": (zip_with({"audio/0.wav": wav()}, {
            "kind": "vox-recordings", "format": 1, "language": "ti", "recordings": [
                {"text": first, "digest": text_digest(first), "file": "audio/0.wav"},
                {"text": second, "digest": text_digest(second), "file": "audio/1.wav"}]}),
            "Recording 2 of manifest.json: the file has no “audio/1.wav”"),
        "one text twice": (package([good, {"text": f" {first} ", "file": "audio/1.wav"}]),
                           "has two recordings in the file"),
    }


@pytest.mark.parametrize("case", ["not a zip", "no manifest", "not a manifest", "another language", "another format",
                                  "a way out", "an absolute name", "a zip bomb", "too many entries", "encrypted",
                                  "too big a recording", "not audio", "a digest that lies",
                                  "a file that is not there", "one text twice"])
def test_a_file_that_is_not_sound_recordings_is_refused_whole_with_what_is_wrong(ours, questionnaire, refused_files,
                                                                                  case):
    content, message = refused_files[case]
    refused = upload(ours, questionnaire, content)
    assert refused.status_code == 400
    said = refused.text
    assert "Nothing was imported from recordings.zip: " in said and message in said.replace("&#39;", "'"), case
    assert stored_count() == 0, "not even the good recording before the bad one"
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_no_file_is_asked_for_and_an_empty_download_is_explained(ours, questionnaire):
    boundary, body = encode_multipart({})
    refused = ours.post(f"/library/{questionnaire.id}/voices/ti/import", data=body,
                        content_type=f"multipart/form-data; boundary={boundary}")
    assert refused.status_code == 400 and "Choose a file of recordings to import." in refused.text
    nothing = download(ours, questionnaire)
    assert nothing.status_code == 302
    assert "Your centre has no recordings in this language to download yet." in ours.get(nothing.location).text


def test_who_may_download_and_import(app, ours, questionnaire, make_user, centre):
    record(ours, questionnaire, option(questionnaire, 0), wav())
    network = logged_in(app, make_user("federal@example.org", Role.NETWORK, locale="en"))
    assert download(network, questionnaire).status_code == 403
    admin = logged_in(app, make_user("admin@example.org", Role.ADMIN, locale="en"))  # no centre: whose recordings?
    assert download(admin, questionnaire).status_code == 403
    assert upload(admin, questionnaire, package([{"text": option(questionnaire, 1)}])).status_code == 403
    worker = logged_in(app, make_user("worker@example.org", Role.WORKER, centre=centre, locale="en"))
    assert download(worker, questionnaire).status_code == 200
    assert stored_count() == 1
