"""A questionnaire's respondent page for staff, before any round: every screen in one language, nothing stored.

The addresses stay under /library, where staff find the preview, and so does the banner on top (in the staff
member's language, library/preview_banner.html); the page below it is the kiosk's own (page.py).
"""

from flask import abort, jsonify, render_template, url_for
from flask_login import login_required

import surveys

from ..extensions import csrf
from ..library.access import questionnaire_or_404
from ..voices.speech import Voices, voice_centre
from . import page
from .blueprint import bp


@bp.route("/library/<int:questionnaire_id>/preview/<language>")
@login_required
def preview(questionnaire_id: int, language: str):
    """Every screen exactly as a respondent sees it, in one language; nothing sent is stored."""
    found = questionnaire_or_404(questionnaire_id)
    survey = found.survey
    if language not in survey.languages:
        abort(404)
    keys = (["intro"] if language in survey.intro.audio else []) + [q.key for q in survey.questions
                                                                     if language in q.audio]
    urls = {key: url_for("library.play_recording", questionnaire_id=found.id, key=key, language=language)
            for key in keys}
    banner = render_template("library/preview_banner.html", questionnaire=found, survey=survey, language=language,
                             languages=surveys.LANGUAGES)
    spoken = Voices.of_centre(voice_centre(found), [language])
    response = page.render_preview(survey, language, audio=urls, voices=spoken, submit_url=url_for(".preview_send"),
                                   banner=banner)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/library/preview/responses", methods=["POST"])
@csrf.exempt
def preview_send():
    """Where a preview sends its answers: they are thrown away (the page sends without cookies)."""
    return jsonify(status="preview", stored=False)
