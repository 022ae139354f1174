"""The kiosk blueprint: the page respondents answer on, and the preview of it for staff."""

from flask import Blueprint

bp = Blueprint("kiosk", __name__, template_folder="templates", static_folder="static",
               static_url_path="/kiosk-static")
