"""plotly's JavaScript and stylesheet, served by the app itself (never a CDN), gzipped once and cached for good.

The dashboards draw only bar and line charts, so the page loads plotly's "basic" bundle (``vendor/``: 1.2 MB,
0.4 MB gzipped) rather than the full bundle of the Python package (4.8 MB). Each file's address carries a digest
of its content: a browser keeps it for a year, and a new version gets a new address.
"""

import gzip
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import plotly
from flask import Response, abort, request

PLOTLY_JS = Path(__file__).parent / "vendor" / "plotly-basic.min.js"
#: the bundle of the Python package: the plotly.js version its figures are written for
PACKAGE_JS = Path(plotly.__path__[0]) / "package_data" / "plotly.min.js"
#: a year: the address changes with the content
CACHE_CONTROL = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class Asset:
    """A file as served: its bytes, gzipped once, and the short digest its address carries."""

    body: bytes
    gzipped: bytes
    version: str
    mimetype: str


def _asset(body: bytes, mimetype: str) -> Asset:
    return Asset(body, gzip.compress(body, compresslevel=9, mtime=0), hashlib.sha256(body).hexdigest()[:12],
                 mimetype)


@cache
def javascript() -> Asset:
    return _asset(PLOTLY_JS.read_bytes(), "text/javascript")


@cache
def stylesheet() -> Asset:
    return _asset(plotly_css().encode(), "text/css")


def bundle_version(path: Path) -> str:
    """The plotly.js version written in a bundle's first lines ("plotly.js v4.1.1")."""
    with path.open(encoding="utf-8") as bundle:
        head = bundle.read(300)
    return re.search(r"plotly\.js[^\n]* v(\d+\.\d+\.\d+)", head).group(1)


def served(asset: Asset, version: str) -> Response:
    """The asset, gzipped for a browser that accepts it; an address with another digest is an old one: 404."""
    if version != asset.version:
        abort(404)
    accepts_gzip = "gzip" in request.headers.get("Accept-Encoding", "")
    response = Response(asset.gzipped if accepts_gzip else asset.body, mimetype=asset.mimetype)
    if accepts_gzip:
        response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.set_etag(asset.version + ("-gz" if accepts_gzip else ""))
    return response.make_conditional(request)


def plotly_css() -> str:
    """The style rules plotly would inject at run time (blocked by our CSP), written out as a stylesheet.

    plotly keeps them in its bundle as ``"X selector": "declarations"`` pairs, X standing for
    ``.js-plotly-plot .plotly`` and Y for ``.plotly-notifier``.
    """
    rules = re.findall(r'"((?:X|Y)[^"]*)":"([^"]*)"', PLOTLY_JS.read_text())
    selectors = (selector.replace("X", ".js-plotly-plot .plotly").replace("Y", ".plotly-notifier")
                 for selector, _ in rules)
    return "\n".join(f"{selector} {{{declarations}}}" for selector, (_, declarations) in zip(selectors, rules,
                                                                                            strict=True))
