"""The main blueprint: the home page."""

from flask import Blueprint

bp = Blueprint("main", __name__)
