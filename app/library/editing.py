"""Editing a centre's questionnaire in the browser, and its recordings (recorded or uploaded)."""

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import _
from flask_login import login_required

import surveys
from surveys.pictures import pictogram_names, sprite

from ..errors import wants_json
from ..extensions import db
from ..roles import CENTRE_ROLES, roles_required
from . import audio, editor
from .access import questionnaire_or_404
from .audio import AudioRefused, audio_kind, recorded_screens, send_recording
from .blueprint import bp
from .models import Questionnaire
from .operations import edit_questionnaire, next_version, remove_recording, rounds_using, store_recording, unchanged

# -- editing ----------------------------------------------------------------------------------


@bp.route("/<int:questionnaire_id>/edit", methods=["GET", "POST"])
@roles_required(*CENTRE_ROLES)
def edit(questionnaire_id: int):
    found = questionnaire_or_404(questionnaire_id, to_change=True)
    if request.method == "GET":
        return render_editor(found, editor.draft_from_definition(found.definition))
    if "languages" not in request.form:
        abort(400, description=_("The form came back incomplete. Open the editor again and redo your change."))
    draft = editor.draft_from_form(request.form, found.definition)
    action = request.form.get("action", "save")
    if action != "save":
        return render_editor(found, draft, changed=editor.apply_change(draft, action, request.form) or "top")
    return save(found, draft)


def save(found: Questionnaire, draft: editor.Draft):
    """Check the whole questionnaire; store it (in place, or as a new version when frozen) or show every problem."""
    definition = editor.definition_from_draft(draft)
    try:
        surveys.questionnaire_from_dict(definition, name=found.slug)
    except surveys.QuestionnaireError as exc:
        return render_editor(found, draft, problems=exc.problems)
    if unchanged(found, definition):
        flash(_("Nothing was changed."), "info")
        return redirect(url_for(".edit", questionnaire_id=found.id))
    saved, created = edit_questionnaire(found, definition)
    db.session.commit()
    if created:
        flash(_("Version %(old)s is used by a round and stays as it was. Your changes are saved as version "
                "%(new)s.", old=found.version, new=saved.version), "info")
    else:
        flash(_("Saved."), "info")
    return redirect(url_for(".edit", questionnaire_id=saved.id))


def render_editor(found: Questionnaire, draft: editor.Draft, changed: str = "",
                  problems: list[surveys.Problem] | None = None):
    problems = problems or []
    stored_languages = found.survey.languages
    recorded = recorded_screens(found)
    return render_template(
        "library/edit.html", questionnaire=found, draft=draft, changed=changed,
        problems=editor.problem_list(problems),
        problems_at=editor.problems_by_field(problems), frozen=bool(rounds_using([found.id])),
        next_version=next_version(found),
        completeness=editor.completeness(draft), stored_languages=stored_languages,
        stored_keys={q.key for q in found.survey.questions}, recorded=recorded,
        recorded_languages={key: [lang for other, lang in recorded if other == key] for key, _lang in recorded},
        new_questions=editor.new_question_choices(), other_languages=[lang for lang in surveys.LANGUAGES
                                                             if lang not in draft["languages"]],
        pictograms=sorted(pictogram_names()), sprite=sprite(sorted(pictogram_names())),
    ), 200


# -- recordings -------------------------------------------------------------------------------


@bp.route("/<int:questionnaire_id>/audio/<key>/<language>")
@login_required
def play_recording(questionnaire_id: int, key: str, language: str):
    """Play a recording to staff (the editor, the questionnaire's page, the preview)."""
    found = recording_of(questionnaire_or_404(questionnaire_id), key, language)
    response = send_recording(found, max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response


def recording_of(found: Questionnaire, key: str, language: str):
    played = audio.recording(found, key, language)
    if played is None:
        abort(404)
    return played


@bp.route("/<int:questionnaire_id>/audio/<key>/<language>", methods=["POST"])
@roles_required(*CENTRE_ROLES)
def upload_recording(questionnaire_id: int, key: str, language: str):
    """Keep a recording of one screen in one language: recorded in the browser or an uploaded file."""
    found = questionnaire_or_404(questionnaire_id, to_change=True)
    check_screen(found, key, language)
    upload = request.files.get("audio")
    try:
        if upload is None:
            raise AudioRefused(_("Choose an audio file or record one."))
        content = upload.read()
        mimetype, extension = audio_kind(content)
    except AudioRefused as exc:
        return recording_refused(found, key, language, str(exc))
    saved, created = store_recording(found, key, language, content, mimetype, extension)
    db.session.commit()
    return recording_done(found, saved, created, key, language, _("Recording kept."))


@bp.route("/<int:questionnaire_id>/audio/<key>/<language>/delete", methods=["POST"])
@roles_required(*CENTRE_ROLES)
def delete_recording(questionnaire_id: int, key: str, language: str):
    found = questionnaire_or_404(questionnaire_id, to_change=True)
    check_screen(found, key, language)
    if audio.recording(found, key, language) is None:
        return recording_refused(found, key, language, _("There is no recording to delete."))
    saved, created = remove_recording(found, key, language)
    db.session.commit()
    return recording_done(found, saved, created, key, language, _("Recording deleted."))


def check_screen(found: Questionnaire, key: str, language: str) -> None:
    """Only the intro or a question of the questionnaire, in one of its languages."""
    survey = found.survey
    if language not in survey.languages or (key != "intro" and survey.question(key) is None):
        abort(404)


def recording_refused(found: Questionnaire, key: str, language: str, message: str):
    if wants_json():
        return jsonify(error="refused", message=message), 400
    flash(message, "error")
    return redirect(audio_anchor(found, key))


def recording_done(found: Questionnaire, saved: Questionnaire, created: bool, key: str, language: str,
                   message: str):
    if created:
        message = _("Version %(old)s is used by a round and stays as it was; this change is saved as version "
                    "%(new)s.", old=found.version, new=saved.version)
    recorded = audio.recording(saved, key, language) is not None
    if wants_json():
        if created:
            flash(message, "info")
        return jsonify(message=message, new_version=created, edit_url=audio_anchor(saved, key), recorded=recorded,
                       play_url=url_for(".play_recording", questionnaire_id=saved.id, key=key, language=language))
    flash(message, "info")
    return redirect(audio_anchor(saved, key))


def audio_anchor(found: Questionnaire, key: str) -> str:
    return url_for(".edit", questionnaire_id=found.id, open=key, _anchor=f"audio-{key}")
