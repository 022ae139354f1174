"""Error pages: a clear message, never a traceback."""

from flask import Flask, jsonify, render_template, request
from flask_babel import _
from werkzeug.exceptions import HTTPException


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if wants_json():
            return jsonify(error=exc.name, message=exc.description), exc.code
        return render_template("error.html", code=exc.code, title=exc.name, message=exc.description), exc.code

    @app.errorhandler(Exception)
    def unexpected_error(exc: Exception):
        app.logger.exception("unexpected error on %s %s", request.method, request.path)
        message = _("Something went wrong on our side. Nothing you did caused it; please try again.")
        if wants_json():
            return jsonify(error="Internal Server Error", message=message), 500
        return render_template("error.html", code=500, title=_("Something went wrong"), message=message), 500
