"""What respondents hear in one language, text by text, and a centre's own recordings of those texts.

Every text a respondent meets (the intro, a question, an option, the language's name, a button) is heard from
a recording that a centre's staff made of it, else from the computer voice's clip, else not at all (the
device's own voice, where it has one). A recording belongs to the centre, not to the questionnaire: it plays
wherever its respondents meet the same text, and it can be changed while a round runs.

The staff pages live under /library (a questionnaire's page links to them); the sounds respondents fetch, under /r.
"""

import io
from dataclasses import dataclass, field
from pathlib import Path

from flask import abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import _, get_locale, ngettext
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.utils import secure_filename

import surveys
from surveys.speech import has_voice, text_digest

from ..centres.models import Organisation
from ..errors import wants_json
from ..extensions import db
from ..library.access import questionnaire_or_404
from ..library.audio import AudioRefused, Recording, audio_kind, recorded_screens, send_recording
from ..library.display import display_text, language_label
from ..library.display import script as library_script
from ..library.models import Questionnaire
from ..roles import CENTRE_ROLES, Role, roles_required
from . import exchange
from .blueprint import bp
from .exchange import ExchangeRefused, Imported, centre_recordings, export_package, read_package
from .forms import VoicesImportForm
from .hearing import heard_by_language
from .models import VoiceRecording
from .operations import delete_text, note_export, record_text
from .speech import Voices, clip_path, clip_url, coverage, prompt_texts, voice_centre

STATIC = Path(__file__).parent / "static"


#: the library's questionnaire page shows, per language, how much can be heard; voices builds on the library,
#: so it lends the page this function rather than the library importing it
bp.add_app_template_global(heard_by_language)


@bp.context_processor
def voices_helpers() -> dict:
    return {"language_label": language_label, "display_text": display_text, "is_rtl": surveys.is_rtl,
            "has_voice": has_voice, "script": script, "library_script": library_script}


def script(name: str) -> str:
    """The text of one of this page's own scripts (guided.js), inlined into it (not served on its own)."""
    return (STATIC / name).read_text()


@dataclass
class Line:
    """One text as a respondent hears it, with what it says in the staff member's language."""

    text: str
    meaning: str
    digest: str
    #: the centre's recording of the text, the computer voice's clip, the questionnaire's recording of the screen
    human: str | None = None
    clip: str | None = None
    screen: str | None = None

    @property
    def heard(self) -> bool:
        return bool(self.human or self.clip or self.screen)


@dataclass
class Group:
    heading: str
    lines: list[Line] = field(default_factory=list)


def may_record(found: Questionnaire) -> bool:
    centre = voice_centre(found)
    return centre is not None and current_user.role != Role.NETWORK and (
        current_user.role == Role.ADMIN or centre == current_user.organisation_id)


def page_groups(found: Questionnaire, language: str, voices: Voices) -> list[Group]:
    """The questionnaire's texts screen by screen, then the texts of every questionnaire; each text once."""
    survey, seen = found.survey, set()
    recorded = recorded_screens(found)
    staff = str(get_locale())

    def line(text: str, meaning: str, screen_key: str | None = None) -> Line | None:
        digest = text_digest(text)
        if not text.strip() or digest in seen:
            return None
        seen.add(digest)
        screen = url_for("library.play_recording", questionnaire_id=found.id, key=screen_key, language=language) \
            if screen_key and (screen_key, language) in recorded else None
        return Line(text, meaning, digest, voices.human(text, language), clip_url(text, language), screen)

    groups = [Group(_("Introduction"), [line(survey.intro.text.get(language, ""), display_text(survey.intro.text),
                                             "intro")])]
    for number, question in enumerate(survey.questions, 1):
        lines = [line(question.text.get(language, ""), display_text(question.text), question.key)]
        lines += [line(choice.text.get(language, ""), display_text(choice.text)) for choice in question.choices()]
        groups.append(Group(f"{number}. {display_text(question.text)}", lines))
    meanings = [language_label(language)] + prompt_texts(staff if staff in surveys.LANGUAGES else "en")[1:]
    groups.append(Group(_("On every questionnaire"),
                        [line(text, meaning) for text, meaning in zip(prompt_texts(language), meanings, strict=True)]))
    for group in groups:
        group.lines = [said for said in group.lines if said is not None]
    return [group for group in groups if group.lines]


def language_or_404(found: Questionnaire, language: str) -> None:
    if language not in found.survey.languages:
        abort(404)


@bp.route("/library/<int:questionnaire_id>/voices/<language>")
@login_required
def page(questionnaire_id: int, language: str):
    """Every text of the questionnaire in ``language``, what plays it, and recording it for the centre."""
    found = questionnaire_or_404(questionnaire_id)
    language_or_404(found, language)
    return render_voices(found, language)


def render_voices(found: Questionnaire, language: str, *, status: int = 200,
                  import_form: VoicesImportForm | None = None, import_error: str | None = None):
    """The page of what respondents hear in ``language``; after a refused import, with the form and why."""
    centre_voices = Voices.of_centre(voice_centre(found), [language])
    groups = page_groups(found, language, centre_voices)
    silent = sum(1 for group in groups for said in group.lines if not said.heard)
    show = request.args.get("show")
    # one text after the other: for those who may record, while some text is silent; else the silent ones listed
    guided = show == "guided" and silent > 0 and may_record(found)
    only_silent = show in ("silent", "guided")
    if only_silent:
        for group in groups:
            group.lines = [said for said in group.lines if not said.heard]
        groups = [group for group in groups if group.lines]
    heard = coverage(found.survey, language, {key for key, of in recorded_screens(found) if of == language},
                     centre_voices)
    return render_template("voices/page.html", questionnaire=found, language=language, groups=groups,
                           heard=heard, lines=[said for group in groups for said in group.lines], silent=silent,
                           only_silent=only_silent, guided=guided, may_record=may_record(found),
                           has_centre=voice_centre(found) is not None, recorded=len(centre_voices.recorded),
                           import_form=import_form or VoicesImportForm(formdata=None),
                           import_error=import_error), status


def said_on_page(found: Questionnaire, language: str, digest: str) -> str | None:
    """The text with this digest among those the page shows, or None."""
    for group in page_groups(found, language, Voices({})):
        for said in group.lines:
            if said.digest == digest:
                return said.text
    return None


def recording_target(questionnaire_id: int, language: str) -> tuple[Questionnaire, int, str | None]:
    """The questionnaire, the centre that will own the recording, and the text it is of (None: not on the page)."""
    found = questionnaire_or_404(questionnaire_id)
    language_or_404(found, language)
    if not may_record(found):
        abort(403, description=_("Recordings belong to a centre, and your account belongs to none."))
    return found, voice_centre(found), said_on_page(found, language, request.form.get("digest", ""))


@bp.route("/library/<int:questionnaire_id>/voices/<language>", methods=["POST"])
@roles_required(*CENTRE_ROLES)
def record(questionnaire_id: int, language: str):
    """Keep a recording of one text, made in the browser or uploaded, for the centre."""
    found, centre, text = recording_target(questionnaire_id, language)
    upload = request.files.get("audio")
    try:
        if text is None:
            raise AudioRefused(_("This text is not on the page any more: open the page again and record it there."))
        if upload is None:
            raise AudioRefused(_("Choose an audio file or record one."))
        content = upload.read()
        mimetype, _extension = audio_kind(content)
    except AudioRefused as exc:
        return voice_answer(found, language, str(exc), request.form.get("digest", ""), failed=True)
    stored = record_text(centre, language, text, content, mimetype)
    db.session.commit()
    return voice_answer(found, language, _("Recording kept."), stored.text_digest,
                        play_url=url_for(".recording", token=stored.token))


@bp.route("/library/<int:questionnaire_id>/voices/<language>/delete", methods=["POST"])
@roles_required(*CENTRE_ROLES)
def delete(questionnaire_id: int, language: str):
    found, centre, text = recording_target(questionnaire_id, language)
    digest = request.form.get("digest", "")
    if text is None or not delete_text(centre, language, text):
        return voice_answer(found, language, _("There is no recording to delete."), digest, failed=True)
    db.session.commit()
    return voice_answer(found, language, _("Recording deleted."), digest)


def voice_answer(found: Questionnaire, language: str, message: str, digest: str, *, failed: bool = False,
                 play_url: str | None = None):
    """The answer to the page's script (JSON), or back to the text's row on the page with the message."""
    if wants_json():
        return jsonify(message=message, recorded=play_url is not None, play_url=play_url), 400 if failed else 200
    flash(message, "error" if failed else "info")
    return redirect(url_for(".page", questionnaire_id=found.id, language=language, _anchor=f"v-{digest}"))


# -- exchange: a language's recordings as one file, from one centre to another ----------------------


def exchange_target(questionnaire_id: int, language: str) -> tuple[Questionnaire, int]:
    """The questionnaire whose page it is, and the centre whose recordings are downloaded or imported."""
    found = questionnaire_or_404(questionnaire_id)
    language_or_404(found, language)
    if not may_record(found):
        abort(403, description=_("Recordings belong to a centre, and your account belongs to none."))
    return found, voice_centre(found)


@bp.route("/library/<int:questionnaire_id>/voices/<language>/export")
@roles_required(*CENTRE_ROLES)
def export_recordings(questionnaire_id: int, language: str):
    """Every recording the centre made in ``language`` (of any questionnaire's texts), as one .zip file."""
    found, centre_id = exchange_target(questionnaire_id, language)
    recordings = centre_recordings(centre_id, language)
    if not recordings:
        flash(_("Your centre has no recordings in this language to download yet."), "error")
        return redirect(url_for(".page", questionnaire_id=found.id, language=language, _anchor="exchange"))
    centre = db.session.get(Organisation, centre_id)
    content = export_package(recordings, language, centre.name)
    note_export(centre_id, language, len(recordings))
    db.session.commit()
    name = f"vox-recordings-{centre.slug}-{language}.zip"
    return content, 200, {"Content-Type": "application/zip", "Content-Disposition": f'attachment; filename="{name}"',
                          "Cache-Control": "no-store"}


@bp.route("/library/<int:questionnaire_id>/voices/<language>/import", methods=["POST"])
@roles_required(*CENTRE_ROLES)
def import_recordings(questionnaire_id: int, language: str):
    """Another centre's recordings of ``language``: every one checked before any is stored, matched by its text."""
    found, centre_id = exchange_target(questionnaire_id, language)
    form = VoicesImportForm()
    if not form.validate_on_submit():
        return render_voices(found, language, status=400, import_form=form)
    filename = secure_filename(form.file.data.filename or "") or "recordings.zip"
    try:
        recordings = read_package(form.file.data.read(), language)
    except ExchangeRefused as exc:
        message = _("Nothing was imported from %(file)s: %(reason)s", file=filename, reason=str(exc))
        return render_voices(found, language, status=400, import_form=form, import_error=message)
    result = exchange.import_recordings(centre_id, language, recordings, replace=form.replace.data, source=filename)
    db.session.commit()
    for message in import_report(result, filename):
        flash(message, "info")
    return redirect(url_for(".page", questionnaire_id=found.id, language=language, _anchor="exchange"))


def import_report(result: Imported, filename: str) -> list[str]:
    """What staff read after an import; a few texts are named, so that the message stays short."""
    lines = [ngettext("%(num)s recording imported from %(file)s.", "%(num)s recordings imported from %(file)s.",
                      result.stored, file=filename)]
    if result.kept:
        lines.append(ngettext("%(num)s text already had your centre's recording, which was kept (tick “Replace” to "
                              "replace it).",
                              "%(num)s texts already had your centre's recording, which was kept (tick “Replace” "
                              "to replace them).", len(result.kept)))
    if result.unknown:
        named = ", ".join(f"“{text[:50]}”" for text in result.unknown[:5]) + (" …" if len(result.unknown) > 5 else "")
        lines.append(ngettext("%(num)s recording is of a text none of your questionnaires has in this language, and "
                              "was left out: %(texts)s",
                              "%(num)s recordings are of texts none of your questionnaires has in this language, "
                              "and were left out: %(texts)s", len(result.unknown), texts=named))
    return lines


# -- what respondents fetch: a centre's recordings and the computer voice's clips --------------------


def no_referrer(response):
    """No respondent's request tells another site where the respondent came from (as on the kiosk's pages)."""
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.route("/r/speech/<name>")
def clip(name: str):
    """A spoken clip; its name is the digest of its voice and text, so it never changes and is kept a year."""
    path = clip_path(name)
    if path is None:
        abort(404)
    content = path.read_bytes()  # a few kilobytes; from memory, a player that stops mid-way leaves no file open
    mimetype = "audio/ogg" if content[:4] == b"OggS" else "audio/wav"
    return no_referrer(send_file(io.BytesIO(content), mimetype=mimetype, max_age=365 * 24 * 3600, etag=name,
                                 download_name=name))


@bp.route("/r/voice/<token>")
def recording(token: str):
    """A centre's recording of one text; a new recording gets a new address, so this one is kept a year."""
    found = db.session.scalar(select(VoiceRecording).where(VoiceRecording.token == token)) if len(token) <= 32 \
        else None
    if found is None:
        abort(404)
    return no_referrer(send_recording(Recording(token, found.mimetype, content=found.content), max_age=365 * 24 * 3600))
