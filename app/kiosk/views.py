"""The respondent side: the kiosk page of a round, its service worker, and the submission API.

Nothing here reads or stores who the respondent is: no account, no address, no user agent, no
cookie. The page works offline once opened; answers wait in the browser until the server says
it has stored them.
"""

from flask import abort, current_app, g, jsonify, render_template, request, send_file, url_for
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from werkzeug.exceptions import RequestEntityTooLarge

import surveys

from ..extensions import csrf, db, limiter
from ..library.audio import recording, send_recording
from ..locale import babel_locale, respondent
from ..responses.operations import store_response
from ..responses.submission import MAX_SUBMISSION_BYTES, SubmissionError, parse_submission
from ..rounds.lock import is_locked_to
from ..rounds.models import Round
from ..timeutil import today
from . import page
from .blueprint import bp


@bp.after_request
def no_referrer(response):
    """No respondent page tells another site where the respondent came from."""
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def round_by_token(token: str) -> Round | None:
    """The round of a public token, with its questionnaire, in one query."""
    if len(token) > 32:
        return None
    return db.session.scalar(select(Round).options(joinedload(Round.questionnaire)).where(Round.token == token))


@bp.route("/r/<token>")
def respond(token: str):
    round_ = round_by_token(token)
    if round_ is None:
        return unavailable("unknown", surveys.LANGUAGES, 404)
    if not round_.is_open():
        return unavailable("closed", round_.languages, 410)
    survey = round_.questionnaire.survey
    unlock_url = url_for("rounds.unlock") if is_locked_to(round_) else None
    response = page.render_round(round_, survey, unlock_url=unlock_url)
    response.headers["Cache-Control"] = "no-cache"
    return page.compressed(response)


def unavailable(reason: str, languages, status: int):
    """A friendly page in the respondent's language for a round that is closed or does not exist."""
    language = request.accept_languages.best_match(list(languages)) or next(iter(languages))
    g.respondent_language = babel_locale(language)
    html = render_template("kiosk/unavailable.html", _=respondent.gettext, reason=reason, language=language,
                           rtl=surveys.is_rtl(language))
    return page.compressed(current_app.make_response((html, status)))


@bp.route("/r/sw.js")
def service_worker():
    response = send_file(bp.static_folder + "/sw.js", mimetype="text/javascript", max_age=0)
    response.headers["Service-Worker-Allowed"] = "/r/"
    return response


@bp.route("/r/<token>/audio/<language>/<key>")
def audio(token: str, language: str, key: str):
    round_ = round_by_token(token)
    if round_ is None or language not in round_.languages:
        abort(404)
    found = recording(round_.questionnaire, key, language)
    if found is None:
        abort(404)
    return send_recording(found, max_age=7 * 24 * 3600)


def submissions_per_round() -> str:
    return f"{current_app.config['VOX_SUBMISSIONS_PER_MINUTE']} per minute"


@bp.route("/api/rounds/<token>/responses", methods=["POST"])
@csrf.exempt
@limiter.limit(submissions_per_round, key_func=lambda: "round:" + request.view_args["token"])
def submit(token: str):
    """Store one response. The same id sent twice is stored once and answers success both times."""
    round_ = round_by_token(token)
    if round_ is None:
        return jsonify(error="This round does not exist.", field="round"), 404
    try:
        body = _read_body()
        submission = parse_submission(body, round_.questionnaire.survey, round_.languages, today())
        if not round_.accepts_response_made_on(submission.day):
            return jsonify(error="This round is closed.", field="round"), 410
        created = store_response(round_, submission, mode=round_.mode)
        db.session.commit()
    except SubmissionError as exc:
        return jsonify(error=exc.message, field=exc.field), 400
    return jsonify(status="stored" if created else "already stored", id=str(submission.id)), 201 if created else 200


def _read_body() -> bytes:
    if not request.is_json:
        raise SubmissionError("body", "must be sent as application/json")
    request.max_content_length = MAX_SUBMISSION_BYTES
    try:
        return request.get_data(cache=False)
    except RequestEntityTooLarge:
        raise SubmissionError("body", f"is larger than {MAX_SUBMISSION_BYTES // 1024} KB") from None
