"""The roles of staff accounts: one definition of who works in a centre, and a decorator for administrators' pages."""

import re
from pathlib import Path

import pytest

from app.roles import Role, admin_required
from tests.clients import logged_in

APP = Path(__file__).parent.parent / "app"


@pytest.mark.parametrize(("role", "status"), [
    (Role.ADMIN, 200), (Role.NETWORK, 403), (Role.COORDINATOR, 403), (Role.WORKER, 403)])
def test_a_page_for_administrators_refuses_every_other_role(app, make_user, make_centre, role, status):
    app.add_url_rule("/for-administrators", "for_administrators", admin_required(lambda: "only admins"))
    centre = make_centre() if role in (Role.COORDINATOR, Role.WORKER) else None
    user = make_user(email=f"{role}@example.org", role=role, centre=centre)
    assert logged_in(app, user).get("/for-administrators").status_code == status


def test_a_visitor_is_sent_to_the_login_page_of_an_administrators_page(app):
    app.add_url_rule("/for-administrators", "for_administrators", admin_required(lambda: "only admins"))
    answer = app.test_client().get("/for-administrators")
    assert answer.status_code == 302 and "/login" in answer.location


def test_the_roles_of_a_centre_are_named_in_one_place():
    """``(Role.COORDINATOR, Role.WORKER)`` was written out in four packages; app/roles.py defines it once."""
    written = [f"{path.relative_to(APP)}:{number}" for path in APP.rglob("*.py") if path.name != "roles.py"
               for number, line in enumerate(path.read_text().splitlines(), 1)
               if re.search(r"Role\.COORDINATOR, Role\.WORKER\)|roles_required\(\)", line)]
    assert written == []
