"""Every staff form shows a field the same way (one field_row macro, app/templates/_forms.html): its label, its
hint, the field described by the hint, then what is wrong with it."""

import re

import pytest

from app.extensions import db
from app.models import Role
from tests.clients import logged_in


@pytest.fixture
def worker(app, make_user, make_project, library):
    project = make_project()
    user = make_user(email="lies@example.org", role=Role.WORKER, centre=project.organisation, locale="en")
    user.projects.append(project)
    db.session.commit()
    return user, project


def field_parts(page: str, field_id: str) -> list[str]:
    """What the row of a field shows, in order ("label", "hint", "field"), from its label to the end of its row."""
    start = page.index(f'<label for="{field_id}"')
    row = page[start:page.index("</p>", start)]
    found = re.findall(rf'<label for="{field_id}"|<span class="hint" id="{field_id}-hint"|<input [^>]*id="{field_id}"',
                       row)
    return [{"<l": "label", "<s": "hint", "<i": "field"}[part[:2]] for part in found]


def test_the_launch_form_and_the_account_page_show_a_hint_between_the_label_and_the_field(app, worker):
    user, project = worker
    client = logged_in(app, user)
    launch = client.get(f"/projects/{project.id}/rounds/new").text
    account = client.get("/account").text
    assert field_parts(launch, "pin") == ["label", "hint", "field"]
    assert field_parts(account, "password-new") == ["label", "hint", "field"]
    assert re.search(r'<input [^>]*aria-describedby="pin-hint"[^>]*id="pin"', launch)


def test_the_first_and_last_day_fields_of_the_launch_form_stand_level(app, worker, browser, live_server):
    """The last day's hint sits above its field; the first day's field keeps level with it, side by side."""
    user, project = worker
    user.set_password("correct horse battery")
    db.session.commit()
    page = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", "correct horse battery")
    page.locator("form [type=submit]").click()
    page.goto(f"{live_server}/projects/{project.id}/rounds/new")
    first, last = page.locator("#opens_on").bounding_box(), page.locator("#planned_last_day").bounding_box()
    assert first["x"] < last["x"] and first["y"] == last["y"]
