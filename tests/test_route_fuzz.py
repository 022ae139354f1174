"""Hostile input in any address, query string or form field, from anyone: an answer, never a server error.

Every route of the app is asked with each of its address arguments replaced by something hostile
(numbers too big for the database, digits that are not ASCII, broken UTF-8, line breaks, very long
text), with hostile query strings, and every form the staff pages show is sent back with every field
hostile; as a visitor, a centre's coordinator and an administrator. Each request runs in a thread of
its own, with its own database session, as in production.
"""

import io
import re
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.routing import IntegerConverter

from app.extensions import db
from tests.access.world import build_world

VISITORS = ("anonymous", "coordinator", "admin")
#: already percent-encoded where a raw character could not travel in an address
HOSTILE_IN_ADDRESSES = [
    "9" * 25, "9" * 5000, "2147483648", "-1", "0", "%C2%B2", "%D9%A3", "%ED%A0%80", "%FF%FE", "%00", "%0D%0A%20x",
    "%09%2F%2Fevil.example", "x" * 3000, "..%2F..%2Fetc%2Fpasswd", "%E2%80%AE", "%F0%9F%98%80", "1e999", "NaN",
]
#: what a form field may carry (Werkzeug turns broken UTF-8 into U+FFFD before the app reads it); the test with
#: any mix of values tries others
HOSTILE_VALUES = [
    "9" * 25, "9" * 5000, "-1", "²", "٣", "\x00", "\r\n/x", "x" * 5000, "9999-12-31", "0001-01-01", "2026-02-30",
    "1e999", "", "\u202e😀",
]
#: in query strings, the values that pages read as numbers, dates, addresses and choices
HOSTILE_QUERY_VALUES = ["9" * 25, "9" * 5000, "²", "\x00", "\r\n/x", "9999-12-31", "0001-01-01", "x" * 5000,
                        "\u202e😀"]
#: query-string arguments the pages read
QUERY_NAMES = ("page", "centre_id", "next", "day", "start", "end", "year", "mode", "language", "action", "show",
               "open", "format", "round", "project", "q")
#: file endpoints: their argument is a file name, hostile ones are tried like any other
STATIC_ENDPOINTS = {"static", "kiosk.static", "dashboard.static"}


@pytest.fixture
def world(app):
    world = build_world()
    world.params = {**world.params, "filename": "x.css"}
    return world


@pytest.fixture
def send(app, world):
    """``send(visitor, method, url, **kw)`` in a thread of its own; the status code."""
    pool = ThreadPoolExecutor(1)
    session_ids = {name: user.get_id() for name, user in world.users.items()}
    db.session.commit()  # each cookie's session, seen by the requests made in another thread

    def one(visitor, method, url, **kw):
        client = app.test_client()
        if visitor != "anonymous":
            with client.session_transaction() as session:
                session["_user_id"] = session_ids[visitor]
                session["_fresh"] = True
        with client.open(url, method=method, **kw) as response:
            return response.status_code

    def send_(visitor, method, url, **kw):
        return pool.submit(one, visitor, method, url, **kw).result()

    yield send_
    pool.shutdown()


def fuzzable_rules(app):
    """Every rule and method, except logging out (it would end the visitor's session for the next requests)."""
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if rule.endpoint != "accounts.logout":
                yield rule, method


def url_with(rule, world, hostile: dict[str, str]) -> str:
    """The rule's address with the world's values, some replaced by hostile (already encoded) text."""
    known = {name: world.params.get(name, 1 if isinstance(rule._converters[name], IntegerConverter) else "x")
             for name in rule.arguments}  # a route newer than the world gets a plain value
    markers = {name: 987654000 + i if isinstance(known[name], int) else f"hostile{i}marker"
               for i, name in enumerate(hostile)}
    values = {name: markers.get(name, known[name]) for name in rule.arguments}
    path = rule.build(values, append_unknown=False)[1]
    for name, value in hostile.items():
        path = path.replace(str(markers[name]), value, 1)
    return path


def server_errors(results: list[tuple[str, int]]) -> list[str]:
    return [what for what, status in results if status >= 500]


@pytest.mark.parametrize("visitor", VISITORS)
def test_a_hostile_address_argument_never_makes_a_server_error(app, world, send, visitor):
    results = []
    for rule, method in fuzzable_rules(app):
        for name in rule.arguments:
            for value in HOSTILE_IN_ADDRESSES:
                url = url_with(rule, world, {name: value})
                results.append((f"{method} {url[:120]}", send(visitor, method, url)))
    assert server_errors(results) == []


@pytest.mark.parametrize("visitor", VISITORS)
def test_a_hostile_query_string_never_makes_a_server_error(app, world, send, visitor):
    results = []
    for rule, method in fuzzable_rules(app):
        if method != "GET":
            continue
        for value in HOSTILE_QUERY_VALUES:
            url = url_with(rule, world, {})
            query = "&".join(f"{name}={quote(value, safe='')}" for name in QUERY_NAMES)
            results.append((f"GET {url}?…={value[:30]!r}", send(visitor, "GET", f"{url}?{query}")))
    assert server_errors(results) == []


# -- forms -------------------------------------------------------------------------------------------------


class Forms(HTMLParser):
    """The forms of a page: where each is sent, and the names of its fields and file fields.

    A field belongs to the form around it, or to the one its ``form`` attribute names.
    """

    def __init__(self, page_url: str):
        super().__init__()
        self.page_url, self.forms, self._current, self._by_id, self._elsewhere = page_url, [], None, {}, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = {"action": attrs.get("action") or self.page_url,
                             "method": (attrs.get("method") or "get").upper(), "fields": set(), "files": set()}
            self.forms.append(self._current)
            self._by_id[attrs.get("id")] = self._current
        elif tag in ("input", "select", "textarea", "button") and attrs.get("name"):
            kind = "files" if attrs.get("type") == "file" else "fields"
            if attrs.get("form"):
                self._elsewhere.append((attrs["form"], kind, attrs["name"]))
            elif self._current is not None:
                self._current[kind].add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None

    def close(self):
        super().close()
        for form_id, kind, name in self._elsewhere:
            if form_id in self._by_id:
                self._by_id[form_id][kind].add(name)


def forms_of_every_page(app, world, send_page) -> list[dict]:
    """The forms of every page of the world, as a coordinator and as an administrator see them (one of each)."""
    found, urls = {}, app.url_map.bind("vox.test")
    for visitor in ("coordinator", "admin"):
        for rule, method in fuzzable_rules(app):
            if method != "GET" or rule.endpoint in STATIC_ENDPOINTS:
                continue
            url = url_with(rule, world, {})
            parser = Forms(url)
            parser.feed(send_page(visitor, url))
            parser.close()
            for form in parser.forms:
                address = urlsplit(form["action"])
                if address.netloc:
                    continue
                endpoint = urls.match(address.path, method=form["method"])[0]
                key = (endpoint, form["method"], frozenset(form["fields"]), frozenset(form["files"]))
                found.setdefault(key, form)
    return list(found.values())


@pytest.fixture
def every_form(app, world):
    pool = ThreadPoolExecutor(1)
    session_ids = {name: user.get_id() for name, user in world.users.items()}
    db.session.commit()  # each cookie's session, seen by the requests made in another thread

    def page(visitor, url):
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = session_ids[visitor]
        with client.get(url) as response:
            return response.get_data(as_text=True) if response.mimetype == "text/html" else ""

    forms = forms_of_every_page(app, world, lambda visitor, url: pool.submit(page, visitor, url).result())
    pool.shutdown()
    return [form for form in forms if form["action"] != "/logout"] + forms_the_world_does_not_show(world)


def forms_the_world_does_not_show(world) -> list[dict]:
    """Forms shown only when there is something to act on (a session to remove, responses to delete)."""
    round_ = f"/projects/{world.params['project_id']}/rounds/{world.params['round_id']}"
    return [{"action": action, "method": "POST", "fields": set(fields), "files": set()} for action, fields in [
        (f"{round_}/attendance", ("session_id", "remove_session")),
        (f"{round_}/responses/delete", ("understood", "count", "submit")),
        (f"{round_}/reopen", ()),
    ]]


def test_the_staff_pages_show_the_forms_to_fuzz(every_form):
    actions = {form["action"] for form in every_form}
    for expected in ("/login", "/account", r"/rounds/\d+/attendance", r"/rounds/\d+/kiosk", r"/rounds/new",
                     r"/library/\d+/edit", "/admin/centres/new", r"/admin/users/\d+/edit"):
        assert any(re.search(expected, action) for action in actions), expected


def hostile_form(form: dict, value: str) -> MultiDict:
    data = MultiDict([(name, value) for name in sorted(form["fields"])])
    for name in form["files"]:
        data.add(name, FileStorage(io.BytesIO(value.encode("utf-8", "replace") * 3), filename=f"{value[:40]}.ogg"))
    return data


@pytest.mark.parametrize("visitor", VISITORS)
def test_every_field_of_every_form_hostile_never_makes_a_server_error(every_form, send, visitor):
    results = []
    for form in every_form:
        for value in HOSTILE_VALUES:
            status = send(visitor, form["method"], form["action"], data=hostile_form(form, value))
            results.append((f"{form['method']} {form['action']} with {value[:30]!r}", status))
    assert server_errors(results) == []


field_values = (st.sampled_from(HOSTILE_VALUES + ["2147483648", "\ufffd", "\t//evil.example", "NaN", " ", "'; --"])
                | st.text(max_size=40) | st.integers(-10**30, 10**30).map(str))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(data=st.data())
def test_forms_with_any_mix_of_values_never_make_a_server_error(every_form, send, data):
    form = data.draw(st.sampled_from(every_form), label="form")
    fields = MultiDict([(name, data.draw(field_values, label=name)) for name in sorted(form["fields"])])
    visitor = data.draw(st.sampled_from(VISITORS), label="visitor")
    assert send(visitor, form["method"], form["action"], data=fields) < 500


@pytest.fixture(autouse=True)
def _no_session_left_open(app):
    yield
    db.session.rollback()
