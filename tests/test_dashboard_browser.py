"""The dashboards in a real browser: charts drawn from the local plotly, nothing from another host."""

from urllib.parse import urlparse

from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import User
from tests.browser import TABLET, follow, log_in


def test_a_coordinator_sees_at_a_glance_which_project_does_well_and_which_looks_too_good(
        demo_data, browser, live_server, screenshot):
    coordinator = db.session.scalar(select(User).where(User.email == "coordinator@rivierstad.example"))
    coordinator.set_password("a long enough password")
    coordinator.locale = "en"
    db.session.commit()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))
    log_in(page, live_server, coordinator.email, "a long enough password")
    page.goto(f"{live_server}/results/")
    screenshot(page, "results-overview")
    warnings = page.locator("tr", has_text="Woonbegeleiding").locator(".badge.warn").all_inner_texts()
    assert "Too good to be true" in warnings[0]
    assert any("gave the best face to every question" in words for words in warnings[1:]), warnings
    page.goto(f"{live_server}/results/amif")
    flagged = page.locator("tr", has_text="Woonbegeleiding").locator("td.trust")
    assert "gave the best face to every question" in flagged.inner_text()
    follow(page.get_by_role("link", name="Leave them out"))
    expect(page.get_by_role("link", name="Show every project")).to_be_visible()
    assert "Left out of this version" in page.locator("tr", has_text="Woonbegeleiding").inner_text()
    screenshot(page, "results-amif-trusted")
    page.goto(f"{live_server}/results/")
    assert page.locator("tr", has_text="Vrouwengroep").locator(".badge.warn").count() == 0
    follow(page.locator("a", has_text="Woonbegeleiding"))
    page.wait_for_selector(".js-plotly-plot .main-svg")
    screenshot(page, "results-project-too-good")
    assert "These results look too good to be true." in page.locator(".trust").inner_text()
    page.goto(f"{live_server}/results/")
    follow(page.locator("a", has_text="Vrouwengroep"))
    page.wait_for_selector(".js-plotly-plot .main-svg")
    assert page.locator(".js-plotly-plot").count() >= 3
    screenshot(page, "results-project")
    page.set_viewport_size(TABLET)
    screenshot(page, "results-project-tablet")
    assert hosts == {"127.0.0.1"}
    context.close()
