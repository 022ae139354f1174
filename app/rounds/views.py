"""Projects' rounds for staff: launch, QR code and flyer, kiosk lock, data entry, attendance, close."""

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import _, format_percent, ngettext
from flask_login import current_user

import surveys
from surveys.pictures import sprite

from ..access import project_or_404, visible_projects
from ..centres.models import Project
from ..extensions import db
from ..library.access import questionnaire_or_404
from ..locale import current_locale
from ..numbers import whole_number
from ..responses.models import Mode
from ..responses.operations import store_response
from ..responses.submission import SubmissionError
from ..roles import CENTRE_ROLES, Role, roles_required
from ..timeutil import today
from ..voices.hearing import silent_languages
from ..voices.speech import Voices
from . import entry, lock, operations, paper
from .access import round_or_404
from .blueprint import bp
from .flyer import invitations, no_flyer_reason, pictograms
from .forms import (
    MODE_HELP,
    MODE_LABELS,
    AttendanceForm,
    DeleteResponsesForm,
    KioskForm,
    LaunchForm,
    RemoveSessionForm,
    SessionForm,
    UnlockForm,
    language_label,
    questionnaire_options,
)
from .links import kiosk_url, qr_svg_file, qr_svg_inline, short_url
from .models import Round
from .stats import response_count, round_figures, round_sessions
from .status import LABELS as STATUS_LABELS
from .status import Status, closed_today, open_first, status

bp.before_app_request(lock.keep_kiosk_locked)

ROUND = "/projects/<int:project_id>/rounds/<int:round_id>"


@bp.context_processor
def round_helpers() -> dict:
    return {"round_title": round_title, "mode_label": MODE_LABELS.get, "status": status,
            "status_label": STATUS_LABELS.get, "language_label": language_label, "Status": Status,
            "format_percent": format_percent, "no_flyer_reason": no_flyer_reason,
            "english_name": lambda code: surveys.LANGUAGES[code].english if code in surveys.LANGUAGES else code,
            "endonym": lambda code: surveys.LANGUAGES[code].endonym if code in surveys.LANGUAGES else code}


def round_title(round_: Round) -> str:
    """The questionnaire's title in the staff member's language, else its listing title."""
    return round_.questionnaire.survey.title.get(current_locale()) or round_.questionnaire.title


def to_round(round_: Round, anchor: str | None = None):
    return redirect(url_for(".round", project_id=round_.project_id, round_id=round_.id, _anchor=anchor))


@bp.route("/projects")
@roles_required(*CENTRE_ROLES)
def projects():
    projects = db.session.scalars(visible_projects()).all()
    current = {project.id: [r for r in open_first(project.rounds) if status(r) == Status.OPEN] for project in projects}
    figures = round_figures([round_ for rounds in current.values() for round_ in rounds])
    centres = {project.organisation_id for project in projects}
    return render_template("rounds/projects.html", projects=projects, current=current, figures=figures,
                           show_centre=len(centres) > 1)


@bp.route("/projects/<int:project_id>")
@roles_required(*CENTRE_ROLES)
def project(project_id: int):
    project = project_or_404(project_id)
    rounds = open_first(project.rounds)
    return render_template("rounds/project.html", project=project, rounds=rounds, figures=round_figures(rounds))


@bp.route("/projects/<int:project_id>/rounds/new", methods=["GET", "POST"])
@roles_required(*CENTRE_ROLES)
def launch(project_id: int):
    project = project_or_404(project_id)
    options = questionnaire_options(project)
    form = LaunchForm(options, **(_launch_defaults(project, options) if request.method == "GET" else {}))
    if form.validate_on_submit():
        round_ = operations.launch_round(
            project, questionnaire_or_404(form.questionnaire.data), languages=form.ordered_languages(current_locale()),
            mode=form.mode.data, opens_on=form.opens_on.data, planned_last_day=form.planned_last_day.data,
            reset_seconds=form.reset_seconds.data, idle_seconds=form.idle_seconds.data, pin=form.pin.data or None)
        db.session.commit()
        flash(_("The round is launched."), "success")
        return to_round(round_)
    return render_template("rounds/launch.html", project=project, form=form, mode_help=MODE_HELP)


def _launch_defaults(project: Project, options: list) -> dict:
    """The questionnaire this project used last (else the first one), in all its languages."""
    last = max(project.rounds, key=lambda r: (r.opens_on, r.id), default=None)
    used = (last.questionnaire.organisation_id, last.questionnaire.slug) if last else None
    chosen = next((o for o in options if o.identity == used), options[0] if options else None)
    return {"questionnaire": chosen.id, "languages": chosen.languages} if chosen else {}


@bp.route(ROUND, endpoint="round")
@roles_required(*CENTRE_ROLES)
def round_page(project_id: int, round_id: int):
    project, round_ = round_or_404(project_id, round_id)
    attendance = AttendanceForm(data={"attendance": round_.attendance})
    silent = [] if status(round_) == Status.CLOSED else silent_languages(
        round_.questionnaire, round_.languages, Voices.of_centre(project.organisation_id, round_.languages))
    return render_template(
        "rounds/round.html", project=project, round=round_, kiosk_url=kiosk_url(round_),
        qr=qr_svg_inline(round_, _("QR code of the round")), responses=response_count(round_),
        figures=round_figures([round_])[round_.id], sessions=round_sessions(round_), closed_today=closed_today(round_),
        kiosk_form=KioskForm(), attendance_form=attendance, session_form=SessionForm(), remove_form=RemoveSessionForm(),
        may_delete=current_user.role in (Role.ADMIN, Role.COORDINATOR), mode_help=MODE_HELP, silent=silent)


@bp.route(ROUND + "/qr.svg")
@roles_required(*CENTRE_ROLES)
def qr(project_id: int, round_id: int):
    _project, round_ = round_or_404(project_id, round_id)
    response = Response(qr_svg_file(round_), mimetype="image/svg+xml")
    response.headers["Content-Disposition"] = f'inline; filename="vox-round-{round_.id}-qr.svg"'
    return response


@bp.route(ROUND + "/flyer")
@roles_required(*CENTRE_ROLES)
def flyer(project_id: int, round_id: int):
    project, round_ = round_or_404(project_id, round_id)
    if reason := no_flyer_reason(round_):
        flash(reason, "error")
        return to_round(round_, "share")
    return render_template("rounds/flyer.html", project=project, round=round_, invitations=invitations(round_),
                           qr=qr_svg_inline(round_, short_url(round_)), short_url=short_url(round_),
                           pictograms=pictograms())


@bp.route(ROUND + "/paper")
@roles_required(*CENTRE_ROLES)
def paper_forms(project_id: int, round_id: int):
    """The round's paper questionnaire to print, in the languages asked for (``?language=ar&language=nl``)."""
    project, round_ = round_or_404(project_id, round_id)
    survey = round_.questionnaire.survey
    chosen = paper.chosen_languages(round_, request.args.getlist("language"), current_locale())
    sheets = [paper.sheet(survey, code) for code in chosen]
    return render_template("rounds/paper.html", project=project, round=round_, sheets=sheets, chosen=chosen,
                           languages=paper.languages(round_), sprite=sprite(paper.pictures(sheets)))


@bp.route(ROUND + "/kiosk", methods=["POST"])
@roles_required(*CENTRE_ROLES)
def kiosk(project_id: int, round_id: int):
    """Lock this browser to the round's respondent page; a round without a PIN gets one first."""
    _project, round_ = round_or_404(project_id, round_id)
    form = KioskForm()
    problem = _why_no_kiosk(round_, form)
    if problem:
        flash(problem, "error")
        return to_round(round_, "share")
    operations.lock_kiosk(round_, form.pin.data or None)
    db.session.commit()
    lock.lock(round_)
    return redirect(url_for("kiosk.respond", token=round_.token))


def _why_no_kiosk(round_: Round, form: KioskForm) -> str | None:
    if round_.mode != Mode.KIOSK:
        return _("Only a round on a tablet (kiosk) can lock a tablet.")
    if not round_.is_open():
        return _("The round is not open: open it before putting the tablet in kiosk mode.")
    if not form.validate_on_submit():
        return " ".join(map(str, form.pin.errors)) or _("Please try again.")
    if not form.pin.data and round_.pin_hash is None:
        return _("Choose a PIN first: you will need it to leave kiosk mode.")
    return None


@bp.route("/kiosk/unlock", methods=["GET", "POST"])
def unlock():
    """Leave kiosk mode with the round's PIN. Open to a locked browser only; everyone else is sent home."""
    round_ = lock.locked_round()
    if round_ is None:
        lock.release()
        return redirect(url_for("main.index"))
    form, wait = UnlockForm(), lock.seconds_to_wait(round_)
    if not wait and form.validate_on_submit():
        unlocked = lock.try_unlock(round_, form.pin.data)
        if unlocked:
            operations.note_unlock(round_)
        db.session.commit()  # a wrong PIN counts too
        if unlocked:
            flash(_("Kiosk mode is off on this tablet."), "success")
            return to_round(round_)
        wait = lock.seconds_to_wait(round_)
        if not wait:
            form.pin.errors.append(_("That is not the PIN of this round."))
    html = render_template("rounds/unlock.html", form=form, round=round_, wait=wait, minutes=-(-wait // 60))
    return html, 429 if wait else 200


#: the session key of the previous typed-in answer's mode, day and language
ENTRY_DEFAULTS = "entry_defaults"


@bp.route(ROUND + "/enter", methods=["GET", "POST"])
@roles_required(*CENTRE_ROLES)
def enter(project_id: int, round_id: int):
    """Type in one response given with help or on paper, then an empty form for the next one."""
    project, round_ = round_or_404(project_id, round_id)
    language = entry.display_language(round_, round_.questionnaire.survey, current_locale())
    form = entry.entry_form(round_, language, _entry_defaults(round_, language) if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            submission = entry.submission(form)
        except SubmissionError as exc:
            form.form_errors.append(entry.refusal(form, exc, language))
        else:
            operations.note_entry(round_, form.mode.data)
            store_response(round_, submission, mode=form.mode.data)
            db.session.commit()
            flash(_("Answer saved."), "success")
            # the next paper's defaults ride in the session cookie, not in the address (access logs keep those)
            session[ENTRY_DEFAULTS] = {"round": round_.id, "mode": form.mode.data,
                                       "day": submission.day.isoformat(), "language": submission.language}
            return redirect(url_for(".enter", project_id=project.id, round_id=round_.id))
    return render_template("rounds/enter.html", project=project, round=round_, form=form, language=language,
                           language_rtl=surveys.is_rtl(language), today_iso=today().isoformat(),
                           responses=response_count(round_))


def _entry_defaults(round_: Round, language: str) -> dict:
    """The mode, day and language of the previous paper, so that a pile of papers goes quickly."""
    args = session.get(ENTRY_DEFAULTS) or {}
    if args.get("round") != round_.id:
        args = {}
    round_mode = round_.mode if round_.mode in entry.ENTRY_MODES else Mode.ASSISTED
    mode = args.get("mode") if args.get("mode") in entry.ENTRY_MODES else round_mode
    first = language if language in round_.languages else round_.languages[0]
    return {"mode": mode, "day": _day_arg(args.get("day")) or today(),
            "language": args.get("language") if args.get("language") in round_.languages else first}


def _day_arg(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


@bp.route(ROUND + "/attendance", methods=["POST"])
@roles_required(*CENTRE_ROLES)
def attendance(project_id: int, round_id: int):
    """The round's attendance, and its sessions' (one form per button on the round's page)."""
    _project, round_ = round_or_404(project_id, round_id)
    if "save_attendance" in request.form:
        _save_attendance(round_)
    elif "save_session" in request.form:
        _save_session(round_)
    elif "remove_session" in request.form:
        _remove_session(round_)
    else:
        abort(400)
    return to_round(round_, "attendance-card")


def _save_attendance(round_: Round) -> None:
    form = AttendanceForm()
    if _flash_errors(form):
        operations.set_attendance(round_, form.attendance.data)
        db.session.commit()
        flash(_("Attendance saved."), "success")


def _save_session(round_: Round) -> None:
    form = SessionForm()
    form.round = round_
    if _flash_errors(form):
        operations.save_session(round_, form.held_on.data, form.present.data)
        db.session.commit()
        flash(_("Session saved."), "success")


def _remove_session(round_: Round) -> None:
    form = RemoveSessionForm()
    session_id = whole_number(form.session_id.data)
    if _flash_errors(form) and session_id is not None and operations.remove_session(round_, session_id):
        db.session.commit()
        flash(_("Session removed."), "success")


def _flash_errors(form) -> bool:
    """Validate a form posted from the round's page; its errors are shown there, at the top."""
    if form.validate_on_submit():
        return True
    for field in form:
        for error in field.errors:
            flash(f"{field.label.text}: {error}", "error")
    return False


@bp.route(ROUND + "/close", methods=["GET", "POST"])
@roles_required(*CENTRE_ROLES)
def close(project_id: int, round_id: int):
    """Close the round, once staff have confirmed on the page that says what closing does."""
    project, round_ = round_or_404(project_id, round_id)
    if request.method == "GET":
        if status(round_) == Status.CLOSED:
            return to_round(round_)
        return render_template("rounds/close.html", project=project, round=round_)
    if round_.closed_by_hand_on is None:
        operations.close_round(round_)
        db.session.commit()
        flash(_("The round is closed."), "success")
    return to_round(round_)


@bp.route(ROUND + "/reopen", methods=["POST"])
@roles_required(*CENTRE_ROLES)
def reopen(project_id: int, round_id: int):
    _project, round_ = round_or_404(project_id, round_id)
    if round_.is_final():
        flash(_("This round is over for good: its comments and single responses can now be read, so it cannot be "
                "opened again. Launch a new round instead."), "error")
    elif status(round_) == Status.CLOSED:
        operations.reopen_round(round_)
        db.session.commit()
        flash(_("The round is open again."), "success")
    return to_round(round_)


@bp.route(ROUND + "/responses/delete", methods=["GET", "POST"])
@roles_required(Role.COORDINATOR)
def delete_responses(project_id: int, round_id: int):
    """Delete a round's responses, after the coordinator has typed how many will go."""
    project, round_ = round_or_404(project_id, round_id)
    count = response_count(round_)
    form = DeleteResponsesForm(count)
    if count and form.validate_on_submit():
        deleted = operations.delete_responses(round_)
        db.session.commit()
        flash(ngettext("%(num)d response deleted.", "%(num)d responses deleted.", deleted), "success")
        return to_round(round_)
    return render_template("rounds/delete.html", project=project, round=round_, form=form, count=count)

