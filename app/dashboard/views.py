"""Results for staff: per project, per centre, across the network, and the AMIF indicator table."""

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..access import centre_or_404, project_or_404, visible_projects
from ..extensions import db
from ..roles import CENTRE_ROLES, Role, roles_required
from . import charts, plotly_assets
from .blueprint import bp
from .compare import centre_rounds, compare, network_rounds
from .flags import flag_words
from .overview import project_overview
from .params import filters_from_request, min_group
from .report import project_report


@bp.route("/")
@login_required
def index():
    if current_user.role == Role.NETWORK:
        return network_comparison("dashboard/network_only.html")
    projects = db.session.scalars(visible_projects()).all()
    return render_template("dashboard/index.html", rows=project_overview(projects, min_group()), k=min_group(),
                           flag_words=flag_words)


@bp.route("/projects/<int:project_id>")
@roles_required(*CENTRE_ROLES)
def project(project_id: int):
    project_ = project_or_404(project_id)
    report = project_report(project_, filters_from_request(), min_group(), with_comments=True)
    return render_template("dashboard/project.html", report=report, charts=charts)


@bp.route("/centres/<int:centre_id>")
@roles_required(Role.COORDINATOR)
def centre(centre_id: int):
    centre_ = centre_or_404(centre_id)
    comparisons = compare(centre_rounds(centre_), lambda r: r.project.name, min_group())
    return render_template("dashboard/compare.html", title=centre_.name, comparisons=comparisons, charts=charts,
                           k=min_group(), grouping=_("Project"), flag_words=flag_words)


@bp.route("/network")
@roles_required(Role.NETWORK)
def network():
    """Centres side by side on the shared questionnaires: aggregates only, never free text."""
    return network_comparison("dashboard/compare.html")


def network_comparison(template: str):
    """The centres side by side, on their own page or as the network coordinator's start of the results."""
    comparisons = compare(network_rounds(), lambda r: r.project.organisation.name, min_group())
    return render_template(template, title=_("All centres"), comparisons=comparisons, charts=charts,
                           k=min_group(), grouping=_("Centre"), flag_words=flag_words)


@bp.route("/plotly-<version>.min.js")
@login_required
def plotly_js(version: str):
    """plotly's JavaScript (the basic bundle), gzipped and cached for a year: no CDN."""
    return plotly_assets.served(plotly_assets.javascript(), version)


@bp.route("/plotly-<version>.css")
@login_required
def plotly_css(version: str):
    """plotly's stylesheet as a file: our Content-Security-Policy stops plotly from adding it inline."""
    return plotly_assets.served(plotly_assets.stylesheet(), version)


@bp.app_template_global()
def plotly_urls() -> dict[str, str]:
    """The versioned addresses of plotly's script and stylesheet."""
    return {"js": url_for("dashboard.plotly_js", version=plotly_assets.javascript().version),
            "css": url_for("dashboard.plotly_css", version=plotly_assets.stylesheet().version)}
