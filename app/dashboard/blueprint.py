"""The dashboard blueprint: results per project, per centre, across the network, and the AMIF table."""

from flask import Blueprint

bp = Blueprint("dashboard", __name__, url_prefix="/results", template_folder="templates", static_folder="static",
               static_url_path="/static")
