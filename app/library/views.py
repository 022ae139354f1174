"""The questionnaire library in the browser: browse, duplicate, edit, import, export (the preview is the kiosk's)."""

from collections import Counter

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import _, ngettext
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.utils import secure_filename

import surveys
from surveys.pictures import sprite
from surveys.speech import has_voice
from surveys.xlsform import XLSFormError, export_xlsform

from ..errors import wants_json
from ..extensions import db
from ..roles import CENTRE_ROLES, Role, roles_required
from . import editor
from .access import questionnaire_or_404, visible_questionnaires
from .audio import recorded_screens
from .blueprint import bp
from .display import display_text, language_label, script
from .forms import ImportForm
from .imports import read_questionnaire_file, staff_text
from .models import Questionnaire
from .operations import duplicate_into_centre, import_into_centre, note_export, rounds_using, without_audio

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.context_processor
def library_helpers() -> dict:
    return {"language_label": language_label, "display_text": display_text, "field_id": editor.field_id,
            "type_name": type_name, "question_types": surveys.QUESTION_TYPES, "languages": surveys.LANGUAGES,
            "is_rtl": surveys.is_rtl, "has_voice": has_voice, "script": script, "staff_text": staff_text}


def type_name(question: dict | surveys.Question) -> str:
    kind = question["type"] if isinstance(question, dict) else question.type
    return editor.type_name(kind)


def may_change(questionnaire: Questionnaire) -> bool:
    """Whether the current user may edit this questionnaire: a centre's own, by its staff or an administrator."""
    if questionnaire.organisation_id is None or current_user.role == Role.NETWORK:
        return False
    return current_user.role == Role.ADMIN or questionnaire.organisation_id == current_user.organisation_id


def may_copy() -> bool:
    """Whether the current user has a centre to copy or import questionnaires into."""
    return current_user.role != Role.NETWORK and current_user.organisation_id is not None


def own_centre_id() -> int:
    """The centre new questionnaires go to; an account without one cannot have any."""
    if current_user.organisation_id is None:
        abort(403, description=_("Questionnaires are copied and imported into a centre, and your account belongs "
                                 "to none. Log in with an account of the centre."))
    return current_user.organisation_id


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_big(exc: RequestEntityTooLarge):
    """An upload over the site's limit: say so plainly, where the upload was made."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    message = _("The file is too big: at most %(size)s MB can be uploaded.", size=f"{limit / 1024 / 1024:.1f}")
    if wants_json():
        return jsonify(error="too big", message=message), 413
    if request.endpoint == "library.import_questionnaire" and may_copy():
        return render_template("library/import.html", form=ImportForm(formdata=None), error=message), 413
    return render_template("error.html", code=413, title=_("The file is too big"), message=message), 413


# -- browsing ---------------------------------------------------------------------------------


@bp.route("")
@login_required
def index():
    questionnaires = db.session.scalars(visible_questionnaires()).all()
    groups = versions_by_questionnaire(questionnaires)
    return render_template("library/index.html", shared=[g for g in groups if g[0].organisation_id is None],
                           own=[g for g in groups if g[0].organisation_id is not None],
                           used=rounds_using([q.id for q in questionnaires]), may_change=may_change,
                           may_copy=may_copy())


def versions_by_questionnaire(questionnaires: list[Questionnaire]) -> list[list[Questionnaire]]:
    """The versions of each questionnaire (a centre and a slug), newest first, in listing order."""
    groups: dict[tuple, list[Questionnaire]] = {}
    for questionnaire in questionnaires:
        groups.setdefault((questionnaire.organisation_id, questionnaire.slug), []).append(questionnaire)
    return [sorted(versions, key=lambda q: q.version, reverse=True) for versions in groups.values()]


@bp.route("/<int:questionnaire_id>")
@login_required
def questionnaire(questionnaire_id: int):
    found = questionnaire_or_404(questionnaire_id)
    return render_questionnaire(found)


def render_questionnaire(found: Questionnaire, report: list | None = None, status: int = 200):
    """The questionnaire's page; right after an import it shows the import's report on top."""
    survey = found.survey
    recorded = recorded_screens(found)
    versions = db.session.scalars(visible_questionnaires().where(
        Questionnaire.organisation_id.is_(None) if found.organisation_id is None
        else Questionnaire.organisation_id == found.organisation_id, Questionnaire.slug == found.slug)).all()
    html = render_template("library/questionnaire.html", questionnaire=found, survey=survey, versions=versions,
                           used=rounds_using([found.id]).get(found.id, 0), recorded=recorded,
                           recorded_count=Counter(lang for _key, lang in recorded),
                           sprite=sprite(sorted(pictures_of(survey))), report=report,
                           may_change=may_change(found), may_copy=may_copy())
    return html, status


def pictures_of(survey: surveys.Questionnaire) -> set[str]:
    names = {q.picture for q in survey.questions if q.picture}
    return names | {choice.picture for q in survey.questions for choice in q.choices() if choice.picture}


# -- duplicate, import, export ----------------------------------------------------------------


@bp.route("/<int:questionnaire_id>/duplicate", methods=["POST"])
@roles_required(*CENTRE_ROLES)
def duplicate(questionnaire_id: int):
    centre_id = own_centre_id()
    source = questionnaire_or_404(questionnaire_id)
    copy_ = duplicate_into_centre(source, centre_id)
    db.session.commit()
    flash(_("“%(title)s” is now one of your centre's questionnaires: change it as you like.", title=copy_.title),
          "info")
    return redirect(url_for(".edit", questionnaire_id=copy_.id))


@bp.route("/import", methods=["GET", "POST"])
@roles_required(*CENTRE_ROLES)
def import_questionnaire():
    centre_id = own_centre_id()
    form = ImportForm()
    if not form.validate_on_submit():
        return render_template("library/import.html", form=form), 400 if form.is_submitted() else 200
    filename = secure_filename(form.file.data.filename or "") or "questionnaire"
    try:
        survey, report = read_questionnaire_file(form.file.data.read(), filename)
    except surveys.QuestionnaireError as exc:
        return render_template("library/import.html", form=form, filename=filename, problems=exc.problems), 400
    except XLSFormError as exc:
        return render_template("library/import.html", form=form, filename=filename, error=exc.message,
                               report=exc.report), 400
    survey, dropped = without_audio(survey)
    if dropped:
        report.append(ngettext("%(num)s audio file named in the file did not come with it: record or upload it in "
                               "the editor.",
                               "%(num)s audio files named in the file did not come with it: record or upload them "
                               "in the editor.", dropped))
    imported = import_into_centre(survey, centre_id, filename)
    db.session.commit()
    flash(_("Imported from %(file)s as a questionnaire of your centre.", file=filename), "info")
    return render_questionnaire(imported, report=report, status=201)


@bp.route("/<int:questionnaire_id>/export.yaml")
@login_required
def export_yaml(questionnaire_id: int):
    found = questionnaire_or_404(questionnaire_id)
    return exported(found, found.survey.to_yaml().encode(), "yaml", "application/yaml; charset=utf-8")


@bp.route("/<int:questionnaire_id>/export.xlsx")
@login_required
def export_xlsx(questionnaire_id: int):
    found = questionnaire_or_404(questionnaire_id)
    return exported(found, export_xlsform(found.survey), "xlsx", XLSX_TYPE)


def exported(found: Questionnaire, content: bytes, extension: str, mimetype: str):
    """A download named after the questionnaire and its version, noted in the audit log."""
    note_export(found, extension, found.organisation_id or current_user.organisation_id)
    db.session.commit()
    name = f"{found.slug}-v{found.version}.{extension}"
    return content, 200, {"Content-Type": mimetype, "Content-Disposition": f'attachment; filename="{name}"',
                          "Cache-Control": "no-store"}
