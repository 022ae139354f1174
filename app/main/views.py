"""The home page: what Vox is, and what to do next."""

from flask import current_app, redirect, render_template, url_for
from flask_login import current_user

from ..roles import PROJECT_ROLES
from .blueprint import bp


@bp.route("/")
def index():
    """Visitors read what Vox is; staff who work on projects go straight to them."""
    if current_user.is_authenticated and current_user.role in PROJECT_ROLES \
            and "rounds.projects" in current_app.view_functions:
        return redirect(url_for("rounds.projects"))
    return render_template("main/index.html")
