"""A project's retention period, set on the project form: what will be deleted and when, before it is."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Project, Role
from app.ops import retention
from app.timeutil import today
from tests.clients import logged_in


@pytest.fixture
def project(make_project):
    return make_project("Werkwinkel")


@pytest.fixture
def coordinator(app, project, make_user):
    return logged_in(app, make_user("coordinator@example.org", Role.COORDINATOR, centre=project.organisation,
                                    locale="en"))


@pytest.fixture
def old_responses(make_round, make_response, project):
    """Two responses given more than a year ago, one last week."""
    round_ = make_round(project=project, opens_on=today() - timedelta(days=400))
    for days_ago in (399, 380, 7):
        make_response(round_, {"liked_today": "4"}, day=today() - timedelta(days=days_ago))
    db.session.commit()
    return round_


def edit_url(project: Project) -> str:
    return f"/admin/projects/{project.id}/edit"


def save(client, project: Project, days: str, **extra):
    return client.post(edit_url(project), data={"name": project.name, "description": "", "retention_days": days,
                                                **extra})


def kept_days(project: Project) -> int | None:
    db.session.expire_all()
    return db.session.get(Project, project.id).retention_days


def long_date(day: date) -> str:
    return f"{day.strftime('%B')} {day.day}, {day.year}"


def test_saving_a_retention_that_deletes_responses_tonight_asks_first_and_says_how_many(coordinator, project,
                                                                                      old_responses):
    page = save(coordinator, project, "365").text
    before = today() + timedelta(days=1) - timedelta(days=365)
    assert f"Saving deletes 2 responses tonight: every response given before {long_date(before)}." in page
    assert kept_days(project) is None, "nothing changes before the user has seen what goes"
    assert 'name="retention_confirmed" type="hidden" value="365"' in page

    assert save(coordinator, project, "365", retention_confirmed="365").status_code == 302
    assert kept_days(project) == 365
    [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "project.update")).all()
    assert "responses kept until deleted → 365 days" in event.subject
    page = coordinator.get(edit_url(project)).text
    assert ("Responses older than 365 days are deleted every night: the next deletion removes 2 responses given "
            f"before {long_date(before)}.") in page


def test_a_confirmation_of_other_days_does_not_count(coordinator, project, old_responses):
    page = save(coordinator, project, "300", retention_confirmed="365").text
    assert "Saving deletes 2 responses tonight" in page
    assert kept_days(project) is None


def test_a_retention_that_deletes_nothing_is_saved_at_once_and_says_so(coordinator, project, old_responses):
    assert save(coordinator, project, "1000").status_code == 302
    assert kept_days(project) == 1000
    page = coordinator.get(edit_url(project)).text
    assert "the next deletion removes none, as no response was given before" in page


def test_emptying_the_field_keeps_responses_again(coordinator, project, old_responses):
    project.retention_days = 1000
    db.session.commit()
    assert save(coordinator, project, "").status_code == 302
    assert kept_days(project) is None
    assert "responses kept 1000 days → until deleted" in db.session.scalars(select(AuditEvent.subject)).one()


@pytest.mark.parametrize("days", ["29", "3651", "-5", "many", "99999999999999999999"])
def test_a_retention_out_of_bounds_is_refused_with_the_bounds(coordinator, project, old_responses, days):
    reply = save(coordinator, project, days)
    assert reply.status_code == 200
    assert kept_days(project) is None
    assert "Type a number of days between 30 and 3650" in reply.text or "Not a valid integer value" in reply.text
    assert 'aria-invalid="true"' in reply.text


def test_a_new_project_can_have_a_retention(app, make_centre, make_user):
    centre = make_centre("OCMW Rivierstad")
    client = logged_in(app, make_user("c@example.org", Role.COORDINATOR, centre=centre, locale="en"))
    assert client.post("/admin/projects/new", data={"name": "Taalcafé", "retention_days": "730"}).status_code == 302
    assert db.session.scalar(select(Project.retention_days).where(Project.name == "Taalcafé")) == 730


def test_what_the_form_announces_is_what_the_nightly_deletion_removes(app, project, old_responses, clock):
    announced = retention.next_deletion(project, 381)
    assert announced.responses == 1  # given 399 days ago; the one of 380 days ago stays one more night
    project.retention_days = 381
    db.session.commit()
    clock.advance(days=1)  # the run after midnight
    assert retention.purge_expired_responses(dry_run=True) == {f"{project.organisation.name} / Werkwinkel": 1}
