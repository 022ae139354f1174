"""Logging that never records who a respondent is: no client address, no user agent."""

import logging
import re

#: the development server's access lines start with the client address: "127.0.0.1 - - [date] ..."
_ADDRESS = re.compile(r"^\S+ - - ")


class DropClientAddress(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and _ADDRESS.match(record.msg):
            record.msg = _ADDRESS.sub("- - - ", record.msg)
        return True


def configure_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    werkzeug = logging.getLogger("werkzeug")
    if not any(isinstance(f, DropClientAddress) for f in werkzeug.filters):
        werkzeug.addFilter(DropClientAddress())
