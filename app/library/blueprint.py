"""The library blueprint: the questionnaires, their editor and their recordings of screens."""

from flask import Blueprint

bp = Blueprint("library", __name__, url_prefix="/library", template_folder="templates")
