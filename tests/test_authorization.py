"""Every route, for every kind of visitor: the answer each one gets, from the table in tests/access/."""

import pytest

from app.dashboard import plotly_assets
from tests.access import VISITORS, expected_routes
from tests.access.world import build_world

STATIC_FILES = {"static": "css/staff.css", "kiosk.static": "kiosk.css", "dashboard.static": "dashboard.js"}
#: files whose address carries a digest of their content
VERSIONED = {"dashboard.plotly_js": plotly_assets.javascript, "dashboard.plotly_css": plotly_assets.stylesheet}


def client_for(app, world, visitor):
    client = app.test_client()
    if visitor != "anonymous":
        with client.session_transaction() as session:
            session["_user_id"] = world.users[visitor].get_id()
            session["_fresh"] = True
    return client


def url_for_rule(rule, world) -> str:
    values = {name: world.params[name] for name in rule.arguments if name in world.params}
    if "filename" in rule.arguments:
        values["filename"] = STATIC_FILES[rule.endpoint]
    if "version" in rule.arguments:
        values["version"] = VERSIONED[rule.endpoint]().version
    missing = set(rule.arguments) - set(values)
    assert not missing, f"{rule.rule}: add {missing} to the world's params"
    return rule.build(values, append_unknown=False)[1]


def test_every_route_answers_each_visitor_as_the_table_says(app):
    world = build_world()
    table = expected_routes()
    rules = [rule for rule in app.url_map.iter_rules()]
    unlisted = sorted({rule.endpoint for rule in rules} - table.keys())
    assert not unlisted, f"routes without an entry in tests/access/: {unlisted}"
    wrong = []
    for rule in rules:
        url = url_for_rule(rule, world)
        for method, expected in table[rule.endpoint].items():
            assert method in rule.methods, f"{rule.endpoint} has no {method}"
            for visitor in VISITORS:
                with getattr(client_for(app, world, visitor), method.lower())(url) as response:
                    status = response.status_code
                allowed = expected[visitor] if isinstance(expected[visitor], tuple) else (expected[visitor],)
                if status not in allowed:
                    wrong.append(f"{method} {url} ({rule.endpoint}) as {visitor}: {status}, expected {allowed}")
    assert wrong == []


@pytest.mark.parametrize("visitor", VISITORS)
def test_the_table_names_every_visitor(visitor):
    for endpoint, methods in expected_routes().items():
        for method, expected in methods.items():
            assert visitor in expected, f"{endpoint} {method}: no expectation for {visitor}"
