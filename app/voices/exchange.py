"""A centre's recordings of one language as one file, so that one centre's recordings can serve others.

The file is a zip: ``manifest.json`` (the language, and per recording its text, the text's digest, its type and
its file's name) and the recordings under ``audio/``. Importing it checks everything before storing anything: the
zip's size when unpacked, its number of entries and their names (nothing outside the file, no zip bomb), the
manifest, and every recording as an upload is checked (at most 2 MB, audio by its content). Each recording is
matched to a text by its digest; one of a text none of the centre's questionnaires has is reported, not stored.
"""

import io
import json
import re
import zipfile
from dataclasses import dataclass, field

from flask_babel import _
from sqlalchemy import select

import surveys
from surveys.speech import text_digest

from ..audit.operations import record
from ..extensions import db
from ..library.audio import AUDIO_KINDS, MAX_AUDIO_BYTES, AudioRefused, audio_kind
from ..library.models import Questionnaire
from ..timeutil import today
from .models import VoiceRecording
from .operations import store_voice
from .speech import every_text, prompt_texts

MANIFEST = "manifest.json"
#: what the manifest says it is, and the version of its format this code reads and writes
KIND, FORMAT = "vox-recordings", 1
#: a language's recordings: a few hundred texts at most; far more entries or bytes is a damaged or hostile file
MAX_ENTRIES = 1000
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_MANIFEST_BYTES = 1024 * 1024
#: the longest text a recording may be of (a question or an intro is a few hundred characters)
MAX_TEXT = 4000
#: a name inside the zip: plain folders and file names, never a way out of it
SAFE_NAME = re.compile(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*")
#: zip's timestamps say nothing: every entry gets this one
STAMP = (1980, 1, 1, 0, 0, 0)


class ExchangeRefused(ValueError):
    """A recordings file Vox does not import; the message says what is wrong and where, for staff."""


@dataclass(frozen=True)
class Incoming:
    """One recording of a file being imported, checked."""

    text: str
    digest: str
    mimetype: str
    content: bytes


@dataclass
class Imported:
    """What an import did: texts stored, texts whose recording the centre kept, recordings of unknown texts."""

    stored: int = 0
    kept: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


# -- export -----------------------------------------------------------------------------------


def centre_recordings(organisation_id: int, language: str) -> list[VoiceRecording]:
    return list(db.session.scalars(select(VoiceRecording).where(
        VoiceRecording.organisation_id == organisation_id, VoiceRecording.language == language)
        .order_by(VoiceRecording.text_digest)))


def export_package(recordings: list[VoiceRecording], language: str, centre: str) -> bytes:
    """The zip of these recordings of ``language``, with its manifest."""
    extensions = {mimetype: extension for _test, mimetype, extension in AUDIO_KINDS}
    entries = []
    for recording in recordings:
        extension = extensions.get(recording.mimetype, "audio")
        entries.append({"text": recording.text, "digest": recording.text_digest, "mimetype": recording.mimetype,
                        "file": f"audio/{recording.text_digest}.{extension}"})
    manifest = {"kind": KIND, "format": FORMAT, "language": language, "centre": centre,
                "exported_on": today().isoformat(), "recordings": entries}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(zipfile.ZipInfo(MANIFEST, STAMP), json.dumps(manifest, ensure_ascii=False, indent=1),
                         zipfile.ZIP_DEFLATED)
        for entry, recording in zip(entries, recordings, strict=True):
            package.writestr(zipfile.ZipInfo(entry["file"], STAMP), recording.content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


# -- import: read and check everything first ----------------------------------------------------


def read_package(content: bytes, language: str) -> list[Incoming]:
    """The recordings of a file made by ``export_package``, every one checked; raises ExchangeRefused."""
    try:
        package = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError):
        raise ExchangeRefused(_("This is not a file of recordings made by Vox (a .zip file from “Download”).")) \
            from None
    with package:
        entries = checked_entries(package)
        manifest = read_manifest(package, entries, language)
        recordings, unpacked = [], 0
        for number, item in enumerate(manifest["recordings"], 1):
            recording = incoming(package, entries, number, item)
            unpacked += len(recording.content)
            if unpacked > MAX_UNPACKED_BYTES:  # one file named by many recordings
                raise ExchangeRefused(zip_bomb())
            recordings.append(recording)
    no_twice(recordings)
    return recordings


def checked_entries(package: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """The zip's entries by name, once their number, names and unpacked size are known to be sane."""
    infos = package.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ExchangeRefused(_("The file holds %(count)s entries; a language's recordings are at most %(limit)s.",
                                count=len(infos), limit=MAX_ENTRIES))
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise ExchangeRefused(zip_bomb())
    entries = {}
    for info in infos:
        if info.is_dir():
            continue
        if not SAFE_NAME.fullmatch(info.filename) or ".." in info.filename.split("/"):
            raise ExchangeRefused(_("The file holds an entry with a name Vox does not accept: “%(name)s”.",
                                    name=info.filename[:80]))
        if info.filename in entries:
            raise ExchangeRefused(_("The file holds “%(name)s” twice.", name=info.filename))
        if info.flag_bits & 0x1:
            raise ExchangeRefused(_("“%(name)s” is encrypted: export the recordings again without a password.",
                                    name=info.filename))
        entries[info.filename] = info
    return entries


def zip_bomb() -> str:
    return _("The file would unpack to more than %(limit)s MB: it is damaged, or not made by Vox. Nothing was "
             "imported.", limit=MAX_UNPACKED_BYTES // 1024 // 1024)


def read_entry(package: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """The entry's bytes, read no further than ``limit`` (whatever its header says); None when it is longer."""
    try:
        with package.open(info) as stream:
            content = stream.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError):
        raise ExchangeRefused(_("“%(name)s” cannot be read: the file is damaged.", name=info.filename)) from None
    return None if len(content) > limit else content


def read_manifest(package: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], language: str) -> dict:
    info = entries.get(MANIFEST)
    if info is None:
        raise ExchangeRefused(_("The file has no %(manifest)s: it was not made by Vox's “Download”.",
                                manifest=MANIFEST))
    raw = read_entry(package, info, MAX_MANIFEST_BYTES)
    try:
        manifest = json.loads(raw) if raw is not None else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("kind") != KIND or not isinstance(manifest.get("recordings"),
                                                                                          list):
        raise ExchangeRefused(_("%(manifest)s is not a list of Vox recordings.", manifest=MANIFEST))
    if len(manifest["recordings"]) > MAX_ENTRIES:
        raise ExchangeRefused(_("The file holds %(count)s entries; a language's recordings are at most %(limit)s.",
                                count=len(manifest["recordings"]), limit=MAX_ENTRIES))
    if manifest.get("format") != FORMAT:
        raise ExchangeRefused(_("The file was made by another version of Vox (format %(format)s); this one reads "
                                "format %(expected)s.", format=str(manifest.get("format"))[:20], expected=FORMAT))
    if manifest.get("language") != language:
        said = manifest.get("language")
        name = surveys.language_name(said) if isinstance(said, str) and said in surveys.LANGUAGES else str(said)[:20]
        raise ExchangeRefused(_("The file holds recordings in %(theirs)s; this page is for %(ours)s.", theirs=name,
                                ours=surveys.language_name(language)))
    return manifest


def incoming(package: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], number: int, item) -> Incoming:
    """Recording ``number`` of the manifest, with its sound, checked as an upload is."""
    where = _("Recording %(number)s of %(manifest)s", number=number, manifest=MANIFEST)
    if not isinstance(item, dict) or not all(isinstance(item.get(key), str) for key in ("text", "digest", "file")):
        raise ExchangeRefused(_("%(where)s: a text, its digest and a file name are needed.", where=where))
    text = " ".join(item["text"].split())
    if not text or len(text) > MAX_TEXT:
        raise ExchangeRefused(_("%(where)s: the text is empty or too long.", where=where))
    if text_digest(text) != item["digest"]:
        raise ExchangeRefused(_("%(where)s: the digest does not match the text “%(text)s”.", where=where,
                                text=text[:60]))
    info = entries.get(item["file"])
    if info is None:
        raise ExchangeRefused(_("%(where)s: the file has no “%(name)s”.", where=where, name=item["file"][:80]))
    content = read_entry(package, info, MAX_AUDIO_BYTES)
    if content is None:
        raise ExchangeRefused(_("%(where)s (“%(name)s”): the recording is bigger than %(limit)s MB.", where=where,
                                name=info.filename, limit=MAX_AUDIO_BYTES // 1024 // 1024))
    try:
        mimetype, _extension = audio_kind(content)
    except AudioRefused as exc:
        raise ExchangeRefused(f"{where} (“{info.filename}”): {exc}") from None
    return Incoming(text, item["digest"], mimetype, content)


def no_twice(recordings: list[Incoming]) -> None:
    seen = set()
    for recording in recordings:
        if recording.digest in seen:
            raise ExchangeRefused(_("The text “%(text)s” has two recordings in the file.", text=recording.text[:60]))
        seen.add(recording.digest)


# -- import: store ----------------------------------------------------------------------------


def known_texts(organisation_id: int, language: str) -> dict[str, str]:
    """digest -> text of every text the centre's respondents may meet in ``language``, in any questionnaire."""
    known = {text_digest(said): said for said in prompt_texts(language)}
    query = select(Questionnaire).where(Questionnaire.organisation_id.is_(None)
                                        | (Questionnaire.organisation_id == organisation_id))
    for found in db.session.scalars(query):
        try:
            survey = found.survey
        except surveys.QuestionnaireError:
            continue
        if language in survey.languages:
            known.update((text_digest(said), said) for _key, said in every_text(survey, language))
    return known


def import_recordings(organisation_id: int, language: str, recordings: list[Incoming], *, replace: bool,
                      source: str) -> Imported:
    """Store the checked recordings of texts the centre knows; keep its own unless ``replace``. Flushes only.

    The import is noted in the audit log, with ``source``, the name of the file the recordings came in.
    """
    known = known_texts(organisation_id, language)
    have = {digest for (digest,) in db.session.execute(select(VoiceRecording.text_digest).where(
        VoiceRecording.organisation_id == organisation_id, VoiceRecording.language == language))}
    result = Imported()
    for recording in recordings:
        if recording.digest not in known:
            result.unknown.append(recording.text)
        elif recording.digest in have and not replace:
            result.kept.append(recording.text)
        else:
            store_voice(organisation_id, language, known[recording.digest], recording.content, recording.mimetype)
            result.stored += 1
    record("voice.import", f"{language}: {result.stored} stored, {len(result.kept)} kept, {len(result.unknown)} of "
                           f"unknown texts, from {source}", organisation_id)
    return result
