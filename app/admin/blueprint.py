"""The admin blueprint: centres, their projects and the accounts of their staff."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")
