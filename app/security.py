"""Headers that protect every page (a Content-Security-Policy with a per-request nonce, no framing), input no
page can take (a NUL character), and addresses a user may be sent on to."""

import re
import secrets
from urllib.parse import urlsplit

from flask import Flask, abort, g, request
from flask_babel import _

CSP = ("default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; "
       "img-src 'self' data:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; worker-src 'self'")


def csp_nonce() -> str:
    """The nonce that lets this response's own inline <script> and <style> run, and nothing else."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


#: what a browser removes from anywhere in an address before reading it (the URL standard)
_DROPPED_BY_BROWSERS = re.compile(r"[\t\n\r]")


def same_site_path(target: str | None) -> str | None:
    """``target`` when it is a path on this site, else None: never send a user to another site.

    The check reads the address as a browser will: without tabs and line breaks, so "/<tab>/evil.example"
    is seen as the "//evil.example" it becomes. Any other control character or a backslash is refused.
    """
    if not target:
        return None
    path = _DROPPED_BY_BROWSERS.sub("", target)
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in path) or "\\" in path:
        return None
    if not path.startswith("/") or path.startswith("//"):
        return None
    parts = urlsplit(path)
    return path if not parts.scheme and not parts.netloc else None


#: the form encodings whose fields are read before the view (JSON bodies are checked by their own parser)
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def refuse_nul_characters() -> None:
    """A NUL character is no part of any text a person types, and PostgreSQL cannot store it: refuse it at once.

    In the address nothing of that name exists (404); in the query string or a form field the
    answer names the field, in the user's language.
    """
    if "\x00" in request.path:
        abort(404)
    fields = [*request.args.items(multi=True)]
    if request.mimetype in FORM_TYPES:
        fields += request.form.items(multi=True)
    for name, value in fields:
        if "\x00" in name or "\x00" in value:
            abort(400, description=_("The field “%(field)s” contains a NUL character, which no text can hold. "
                                     "Remove it and send again.", field=name.replace("\x00", "")))


def register(app: Flask) -> None:
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.before_request(refuse_nul_characters)

    @app.after_request
    def protective_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP.format(nonce=csp_nonce()))
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response
