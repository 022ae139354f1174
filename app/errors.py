"""Error pages: a clear message, never a traceback."""

from flask import Flask, jsonify, render_template, request
from flask_babel import _
from werkzeug.exceptions import HTTPException


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def plain_words(code: int | None) -> tuple[str, str] | None:
    """A title and message in the user's language for the common errors, in place of Werkzeug's English."""
    words = {
        400: (_("The request was not understood"), _("Something in what was sent is missing or wrong. Go back and "
                                                     "try again.")),
        403: (_("Not allowed"), _("Your account may not open this page.")),
        404: (_("Page not found"), _("This page does not exist, or it is not yours to see. Check the address, or "
                                     "start again from the start page.")),
        405: (_("Not possible here"), _("This page cannot be used that way.")),
        429: (_("Too many attempts"), _("Wait a moment, then try again.")),
    }
    return words.get(code)


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        title, message = exc.name, exc.description
        if message == type(exc).description and (words := plain_words(exc.code)):
            title, message = words  # Werkzeug's own English text: say it in the user's language
        if wants_json():
            return jsonify(error=exc.name, message=message), exc.code
        return render_template("error.html", code=exc.code, title=title, message=message), exc.code

    @app.errorhandler(Exception)
    def unexpected_error(exc: Exception):
        app.logger.exception("unexpected error on %s %s", request.method, request.path)
        message = _("Something went wrong on our side. Nothing you did caused it; please try again.")
        if wants_json():
            return jsonify(error="Internal Server Error", message=message), 500
        return render_template("error.html", code=500, title=_("Something went wrong"), message=message), 500
