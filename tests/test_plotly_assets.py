"""plotly on the dashboards: the small bundle, of the version plotly.py writes for, gzipped and cached for a year."""

import gzip
import re

import pytest

from app.dashboard import plotly_assets
from app.models import Role
from tests.clients import logged_in


@pytest.fixture
def project(make_project):
    return make_project()


@pytest.fixture
def staff(app, project, make_user):
    return logged_in(app, make_user("c@example.org", Role.COORDINATOR, centre=project.organisation, locale="en"))


def test_the_bundle_is_the_plotly_js_version_plotly_writes_figures_for():
    vendored = plotly_assets.bundle_version(plotly_assets.PLOTLY_JS)
    wanted = plotly_assets.bundle_version(plotly_assets.PACKAGE_JS)
    assert vendored == wanted, f"replace app/dashboard/vendor/plotly-basic.min.js by version {wanted} (see README)"


def test_the_script_is_sent_gzipped_and_kept_by_the_browser_for_a_year(staff, project):
    page = staff.get(f"/results/projects/{project.id}").text
    [address] = re.findall(r'<script src="(/results/plotly-[0-9a-f]{12}\.min\.js)"></script>', page)
    reply = staff.get(address, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert reply.status_code == 200 and reply.headers["Content-Encoding"] == "gzip"
    assert len(reply.data) < 450_000, "0.4 MB on the wire, not 4.8 MB"
    assert gzip.decompress(reply.data) == plotly_assets.PLOTLY_JS.read_bytes()
    assert reply.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Accept-Encoding" in reply.headers["Vary"]
    again = staff.get(address, headers={"Accept-Encoding": "gzip", "If-None-Match": reply.headers["ETag"]})
    assert again.status_code == 304 and not again.data


def test_a_browser_that_takes_no_gzip_gets_the_plain_script(staff):
    address = f"/results/plotly-{plotly_assets.javascript().version}.min.js"
    reply = staff.get(address, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in reply.headers and reply.data == plotly_assets.PLOTLY_JS.read_bytes()


def test_the_stylesheet_is_versioned_too_and_an_old_address_is_gone(staff, project):
    page = staff.get(f"/results/projects/{project.id}").text
    [address] = re.findall(r'<link rel="stylesheet" href="(/results/plotly-[0-9a-f]{12}\.css)"', page)
    reply = staff.get(address, headers={"Accept-Encoding": "gzip"})
    assert b".js-plotly-plot .plotly" in gzip.decompress(reply.data)
    assert staff.get("/results/plotly-000000000000.min.js").status_code == 404
    assert staff.get("/results/plotly.min.js").status_code == 404
