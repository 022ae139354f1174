"""The accounts blueprint: logging in and out, and one's own account."""

from flask import Blueprint

bp = Blueprint("accounts", __name__, template_folder="templates")
