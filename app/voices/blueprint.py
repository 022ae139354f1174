"""The voices blueprint: what respondents hear, for staff (under /library) and for respondents (under /r)."""

from flask import Blueprint

bp = Blueprint("voices", __name__, template_folder="templates")
