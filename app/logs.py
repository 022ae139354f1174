"""Logging that never records who a respondent is: no client address, no user agent, no time of an answer.

A respondent's answers are sent in a POST (from the kiosk, or typed in by staff from a paper). Its
access line would give the time to the second and the round: whoever saw someone at the tablet
could then tell which response was theirs. The development server leaves such lines out; gunicorn
(``AccessLogger``, set in gunicorn.conf.py) writes them without time and path, keeping the status.
"""

import logging
import re

from gunicorn.glogging import Logger

#: the development server's access lines start with the client address: "127.0.0.1 - - [date] ..."
_ADDRESS = re.compile(r"^\S+ - - ")
#: requests that carry a respondent's answers
_RESPONDENT_POST = re.compile(r"^/(api/rounds/[^/]+/responses|projects/[^/]+/rounds/[^/]+/enter)/?$")
#: the request line inside a development server's access line
_REQUEST_LINE = re.compile(r"(\w+) (\S+) HTTP/")


def is_respondent_post(method: str, path: str) -> bool:
    return method == "POST" and bool(_RESPONDENT_POST.match(path.split("?", 1)[0]))


class DropClientAddress(logging.Filter):
    """The development server's access lines: without the client address, and none for a respondent's answers."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not (isinstance(record.msg, str) and _ADDRESS.match(record.msg)):
            return True
        record.msg = _ADDRESS.sub("- - - ", record.msg)
        request = _REQUEST_LINE.search(str(record.args[0]) if record.args else "")
        return not (request and is_respondent_post(request.group(1), request.group(2)))


class AccessLogger(Logger):
    """gunicorn's access log, where a respondent's answers show neither when they came nor to which round."""

    def atoms(self, resp, req, environ, request_time) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        if is_respondent_post(environ.get("REQUEST_METHOD", ""), environ.get("PATH_INFO", "")):
            hidden = "(a respondent's answers)"
            atoms.update({"t": "[-]", "r": f"POST {hidden}", "U": hidden, "q": ""})
        return atoms


def configure_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    werkzeug = logging.getLogger("werkzeug")
    if not any(isinstance(f, DropClientAddress) for f in werkzeug.filters):
        werkzeug.addFilter(DropClientAddress())
