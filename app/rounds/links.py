"""A round's public address and its QR code, as printed on flyers and shown on the round's page."""

import io

import segno
from flask import current_app, url_for

from .models import Round

#: a QR code must scan on a cheap phone under a neon tube: black on white, with the standard quiet zone
QR_DARK, QR_LIGHT, QR_QUIET_ZONE = "#000", "#fff", 4


def kiosk_url(round_: Round) -> str:
    """The full address respondents open, on this server's public name."""
    return current_app.config["VOX_PUBLIC_URL"] + url_for("kiosk.respond", token=round_.token)


def short_url(round_: Round) -> str:
    """The address without ``https://``, for people to type from a flyer."""
    return kiosk_url(round_).split("://", 1)[-1]


def _qr(round_: Round) -> segno.QRCode:
    return segno.make(kiosk_url(round_), error="m", micro=False)


def qr_svg_inline(round_: Round, label: str) -> str:
    """The QR code as an ``<svg>`` element sized by CSS (no width or height of its own)."""
    svg = _qr(round_).svg_inline(scale=1, border=QR_QUIET_ZONE, dark=QR_DARK, light=QR_LIGHT, omitsize=True,
                                 svgclass="qr", title=label)
    return svg.replace("<svg ", '<svg role="img" ', 1)


def qr_svg_file(round_: Round) -> bytes:
    """The QR code as a standalone SVG file, 10 px per module, for printing or pasting into a document."""
    buffer = io.BytesIO()
    _qr(round_).save(buffer, kind="svg", scale=10, border=QR_QUIET_ZONE, dark=QR_DARK, light=QR_LIGHT)
    return buffer.getvalue()
