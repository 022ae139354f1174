"""The rounds blueprint: projects' rounds for staff, from launch to closing."""

from flask import Blueprint

bp = Blueprint("rounds", __name__, template_folder="templates")
