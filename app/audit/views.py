"""The audit log of staff actions, for coordinators and administrators.

Administrators see every event; a coordinator sees the events of their own centre. The log
never holds anything about respondents, only what staff did.
"""

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import Select, select

from ..extensions import db
from ..numbers import query_number
from ..roles import Role, is_admin, roles_required
from .blueprint import bp
from .models import AuditEvent

PER_PAGE = 50
#: how an action is shown; an action not listed here is shown as it is stored
ACTION_LABELS = {
    "account.login": _l("Logged in"),
    "account.update": _l("Changed their name or language"),
    "account.password_change": _l("Changed their password"),
    "centre.create": _l("Created a centre"),
    "centre.update": _l("Renamed a centre"),
    "project.create": _l("Created a project"),
    "project.update": _l("Changed a project"),
    "user.create": _l("Created an account"),
    "user.update": _l("Changed an account"),
    "user.password_reset": _l("Gave a new password"),
    "round.launch": _l("Launched a round"),
    "round.pin": _l("Set the kiosk PIN of a round"),
    "round.close": _l("Closed a round"),
    "round.reopen": _l("Reopened a round"),
    "round.attendance": _l("Noted the attendance of a round"),
    "round.session": _l("Noted the attendance of a session"),
    "responses.delete": _l("Deleted responses"),
    "response.enter": _l("Typed in a response"),
    "round.session.remove": _l("Removed a session of a round"),
    "responses.purge": _l("Deleted old responses (retention period)"),
    "kiosk.lock": _l("Put a tablet in kiosk mode"),
    "kiosk.unlock": _l("Took a tablet out of kiosk mode"),
    "questionnaire.duplicate": _l("Copied a questionnaire"),
    "questionnaire.edit": _l("Edited a questionnaire"),
    "questionnaire.new_version": _l("Made a new version of a questionnaire"),
    "questionnaire.import": _l("Imported a questionnaire"),
    "questionnaire.export": _l("Exported a questionnaire"),
    "questionnaire.recording_add": _l("Added a recording"),
    "questionnaire.recording_delete": _l("Deleted a recording"),
    "voice.record": _l("Recorded a text for the centre"),
    "voice.delete": _l("Deleted the centre's recording of a text"),
    "voice.export": _l("Downloaded the centre's recordings of a language"),
    "voice.import": _l("Imported recordings of a language into the centre"),
    "export.results": _l("Exported results"),
    "export.responses": _l("Exported responses"),
    "export.report": _l("Printed a report"),
    "export.amif": _l("Exported the AMIF indicators"),
}


@bp.app_template_filter("action_label")
def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


@bp.route("/audit")
@roles_required(Role.COORDINATOR)
def index():
    action = request.args.get("action", "").strip()
    query = visible_events().order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if action:
        query = query.where(AuditEvent.action == action)
    page = db.paginate(query, page=query_number("page", default=1, minimum=1), per_page=PER_PAGE, error_out=False)
    return render_template("audit/index.html", page=page, action=action, actions=recorded_actions())


def visible_events() -> Select:
    """Every event for administrators; a coordinator's own centre's events."""
    query = select(AuditEvent)
    if not is_admin():
        query = query.where(AuditEvent.organisation_id == current_user.organisation_id)
    return query


def recorded_actions() -> list[str]:
    """The actions that occur in the visible log, to filter on."""
    query = visible_events().with_only_columns(AuditEvent.action).distinct().order_by(AuditEvent.action)
    return list(db.session.scalars(query))
