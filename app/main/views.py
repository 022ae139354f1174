"""The home page: what Vox is, and what to do next."""

from flask import Blueprint, current_app, redirect, render_template, url_for
from flask_login import current_user

from ..roles import Role

bp = Blueprint("main", __name__)

#: roles whose work starts from their projects
PROJECT_ROLES = (Role.ADMIN, Role.COORDINATOR, Role.WORKER)


@bp.route("/")
def index():
    """Visitors read what Vox is; staff who work on projects go straight to them."""
    if current_user.is_authenticated and current_user.role in PROJECT_ROLES \
            and "rounds.projects" in current_app.view_functions:
        return redirect(url_for("rounds.projects"))
    return render_template("main/index.html")
