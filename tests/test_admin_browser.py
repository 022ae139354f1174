"""An administrator sets up a centre in a real browser (Chromium); the new social worker logs in and picks French."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import Role, User
from tests.browser import TABLET, follow, log_in

PASSWORD = "correct horse battery"
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def staff_page(browser, live_server):
    context = browser.new_context(viewport=TABLET, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(5000)
    yield page
    context.close()


def no_axe_violations(page) -> list:
    return [(v["id"], v["help"]) for v in Axe().run(page, options=WCAG_AA).response["violations"]]


def test_an_administrator_sets_up_a_centre_and_its_worker_who_switches_to_french(
        app, make_user, staff_page, live_server, screenshot):
    make_user("admin@example.org", Role.ADMIN, name="Alex Admin", locale="en")
    db.session.commit()
    page = staff_page

    page.goto(f"{live_server}/login")
    screenshot(page, "accounts-login")
    log_in(page, live_server, "admin@example.org", PASSWORD)

    page.get_by_role("navigation").get_by_role("link", name="Centres").click()
    page.get_by_role("link", name="New centre").click()
    page.get_by_label("Name of the centre").fill("OCMW Rivierstad")
    page.get_by_role("button", name="Save").click()
    assert "“OCMW Rivierstad” created" in page.locator(".flash").inner_text()
    screenshot(page, "admin-centres")

    page.get_by_role("link", name="Add a project (OCMW Rivierstad)").click()
    page.get_by_label("Name of the project").fill("Taalcafé")
    page.get_by_label("Description").fill("Dutch conversation on Tuesday mornings")
    screenshot(page, "admin-project-form")
    follow(page.get_by_role("button", name="Save"))

    page.goto(f"{live_server}/admin/users")
    page.get_by_role("link", name="New user").click()
    page.get_by_label("For which centre?").select_option(label="OCMW Rivierstad")
    screenshot(page, "admin-choose-centre")
    follow(page.get_by_role("button", name="Continue"))
    page.get_by_label("Name", exact=True).fill("Lies Voorbeeld")
    page.get_by_label("Email address").fill("lies@rivierstad.example")
    assert page.get_by_label("Social worker").is_checked()
    page.get_by_label("Taalcafé").check()
    screenshot(page, "admin-user-form")
    assert no_axe_violations(page) == []
    page.get_by_role("button", name="Save").click()
    password = page.get_by_test_id("password").inner_text()
    assert re.fullmatch(r"[a-z0-9]{4}(-[a-z0-9]{4}){3}", password)
    screenshot(page, "admin-password-shown")

    follow(page.get_by_role("link", name="Done"))
    expect(page.get_by_role("row", name=re.compile("Lies Voorbeeld")).get_by_text("Taalcafé")).to_be_visible()
    screenshot(page, "admin-users")
    follow(page.get_by_role("navigation").get_by_role("link", name="Audit log"))
    expect(page.get_by_role("cell", name="Created an account")).to_have_count(1)
    assert password not in page.content()
    screenshot(page, "audit-log")

    follow(page.get_by_role("button", name="Log out"))
    log_in(page, live_server, "lies@rivierstad.example", password)
    page.get_by_role("navigation").get_by_role("link", name="My account").click()
    page.get_by_label("Français").check()
    follow(page.get_by_role("button", name="Save"))
    assert page.evaluate("document.documentElement.lang") == "fr"
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    screenshot(page, "accounts-settings-fr")
    assert no_axe_violations(page) == []

    db.session.expire_all()
    lies = db.session.scalar(select(User).where(User.email == "lies@rivierstad.example"))
    assert (lies.locale, lies.role, [p.name for p in lies.projects]) == ("fr", "worker", ["Taalcafé"])
