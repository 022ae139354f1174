"""Setting a project's retention in a real browser, in Dutch: the form says what goes tonight before it goes."""

from datetime import timedelta

from app.extensions import db
from app.models import Role
from app.timeutil import today
from tests.browser import TABLET, follow
from tests.test_rounds_browser import log_in


def test_a_coordinator_sets_the_retention_and_sees_what_goes_tonight(browser, live_server, make_user, make_project,
                                                                    make_round, make_response, screenshot):
    project = make_project("Taalcafé")
    coordinator = make_user("an@example.org", Role.COORDINATOR, centre=project.organisation, locale="nl")
    round_ = make_round(project=project, opens_on=today() - timedelta(days=500))
    for days_ago in (450, 420, 400, 3):
        make_response(round_, {"liked_today": "4"}, day=today() - timedelta(days=days_ago))
    db.session.commit()
    context = browser.new_context(viewport=TABLET)
    page = log_in(context, live_server, coordinator)
    page.goto(f"{live_server}/admin/projects/{project.id}/edit")
    field = page.get_by_label("Antwoorden verwijderen na (dagen)")
    field.fill("365")
    page.get_by_role("button", name="Opslaan").click()
    warning = page.get_by_role("alert")
    assert "Opslaan verwijdert vannacht 3 antwoorden" in warning.inner_text()
    screenshot(page, "project-retention-confirm-nl")
    follow(page.get_by_role("button", name="Opslaan"))
    page.goto(f"{live_server}/admin/projects/{project.id}/edit")
    assert field.input_value() == "365"
    preview = page.locator("#retention-preview").inner_text()
    assert preview.startswith("Antwoorden ouder dan 365 dagen worden elke nacht verwijderd")
    screenshot(page, "project-retention-nl")
    context.close()
