"""Numbers no record can have, in addresses, query strings and forms: a page that says so, never a server error."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Questionnaire, Role, RoundSession
from tests.clients import logged_in

#: more digits than any database integer holds
HUGE = "9" * 25
#: digits to Python's str.isdigit(), but not numbers int() reads
SUPERSCRIPT = "²"


@pytest.fixture
def centre(make_centre):
    return make_centre("Centre Noord")


@pytest.fixture
def project(make_project, centre):
    return make_project("Taalcafé", centre=centre)


@pytest.fixture
def round_(make_round, project):
    return make_round(project=project, mode="paper", opens_on=date(2026, 1, 5))


@pytest.fixture
def as_admin(app, make_user):
    return logged_in(app, make_user(email="admin@example.org", role=Role.ADMIN, locale="en"))


@pytest.fixture
def as_coordinator(app, make_user, centre):
    return logged_in(app, make_user(email="coord@example.org", role=Role.COORDINATOR, centre=centre, locale="en"))


@pytest.mark.parametrize("address", [
    "/projects/{huge}",
    "/projects/{project}/rounds/{huge}",
    "/projects/{huge}/rounds/{round}/flyer",
    "/admin/users/{huge}/edit",
    "/admin/centres/{huge}/edit",
    "/library/{huge}",
    "/results/centres/{huge}",
    "/results/projects/{huge}",
])
def test_an_address_with_a_number_no_record_can_have_is_not_found(as_admin, project, round_, address):
    url = address.format(huge=HUGE, project=project.id, round=round_.id)
    reply = as_admin.get(url)
    assert reply.status_code == 404
    assert "Page not found" in reply.text


def test_a_centre_number_no_centre_can_have_lets_the_administrator_choose_one(as_admin, centre):
    for value in (HUGE, SUPERSCRIPT, "-1"):
        reply = as_admin.get(f"/admin/projects/new?centre_id={value}")
        assert reply.status_code == 200
        assert "Centre Noord" in reply.text


@pytest.mark.parametrize("number", [HUGE, SUPERSCRIPT, "-3", "0"])
def test_an_audit_page_number_out_of_range_shows_the_log(as_coordinator, number):
    reply = as_coordinator.get(f"/audit?page={number}")
    assert reply.status_code == 200


@pytest.mark.parametrize("session_id", [SUPERSCRIPT, HUGE, "٣"])
def test_removing_a_session_that_cannot_exist_removes_nothing(as_coordinator, round_, session_id):
    held = RoundSession(round_id=round_.id, held_on=date(2026, 1, 6), present=7)
    db.session.add(held)
    db.session.commit()
    reply = as_coordinator.post(f"/projects/{round_.project_id}/rounds/{round_.id}/attendance",
                                data={"session_id": session_id, "remove_session": "Remove"})
    assert reply.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(RoundSession)) == 1


@pytest.fixture
def own(library, centre):
    questionnaire = Questionnaire(organisation_id=centre.id, slug="ours", version=1, title="Ours",
                                  definition=library["after-activity"].definition)
    db.session.add(questionnaire)
    db.session.commit()
    return questionnaire


@pytest.mark.parametrize("number", [SUPERSCRIPT, HUGE, "9" * 5000])
def test_the_editor_takes_a_number_that_is_no_number_as_text_to_correct(as_coordinator, own, number):
    data = {"languages": "nl", "title.nl": "Ours", "q0.type": "faces", "q0.key": "liked", "q0.text.nl": "Liked?",
            "q0.points": number, f"q{number}.type": "faces", "action": f"question_down:{number}"}
    reply = as_coordinator.post(f"/library/{own.id}/edit", data=data)
    assert reply.status_code == 200
    saved = as_coordinator.post(f"/library/{own.id}/edit", data={**data, "action": "save"})
    assert saved.status_code == 200
    assert "number of faces" in saved.text


def test_a_nul_character_in_a_form_field_is_refused_naming_the_field_and_nothing_is_stored(as_admin):
    from app.models import Organisation

    reply = as_admin.post("/admin/centres/new", data={"name": "Centre\x00Noord"}, headers={"Accept-Language": "en"})
    assert reply.status_code == 400
    assert "name" in reply.text and "NUL" in reply.text
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 0


@pytest.mark.parametrize("address", ["/r/%00", "/r/voice/ab%00cd", "/audit?action=%00", "/admin/users?centre_id=1%00"])
def test_a_nul_character_in_an_address_is_an_error_of_the_asker_not_of_the_server(as_admin, address):
    assert as_admin.get(address).status_code in (400, 404)
