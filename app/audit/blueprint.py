"""The audit blueprint: the log of what staff did."""

from flask import Blueprint

bp = Blueprint("audit", __name__, template_folder="templates")
