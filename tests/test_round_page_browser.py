"""A round's page for staff in a real browser, in Dutch at tablet width: closing asks first, nothing is clipped,
right-to-left language names read right, and a kiosk round offers no flyer for phones."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from app.extensions import db
from app.models import Role, Round, RoundSession
from tests.browser import TABLET, follow
from tests.test_rounds_browser import log_in


@pytest.fixture
def coordinator(make_user, make_project, library):
    project = make_project("Taalcafé")
    user = make_user(email="an@example.org", role=Role.COORDINATOR, centre=project.organisation, locale="nl", name="An")
    db.session.commit()
    return user


@pytest.fixture
def dutch_page(browser, live_server, coordinator):
    context = browser.new_context(viewport=TABLET)
    yield log_in(context, live_server, coordinator)
    context.close()


@pytest.fixture
def a_round(make_round, coordinator):
    def make(mode="kiosk", languages=("nl", "ar", "fa", "ti"), sessions=0):
        round_ = make_round(project=coordinator.organisation.projects[0], mode=mode, languages=list(languages),
                            opens_on=date.today() - timedelta(days=10))
        round_.pin_hash = generate_password_hash("2468")
        for day in range(sessions):
            db.session.add(RoundSession(round_id=round_.id, held_on=date.today() - timedelta(days=day + 1),
                                             present=12 + day))
        db.session.commit()
        return round_

    return make


def round_url(live_server, round_: Round) -> str:
    return f"{live_server}/projects/{round_.project_id}/rounds/{round_.id}"


def closed_by_hand_on(round_: Round) -> date | None:
    db.session.expire_all()
    return db.session.scalar(select(Round.closed_by_hand_on).where(Round.id == round_.id))


def test_closing_a_round_asks_first_and_cancel_keeps_it_open(dutch_page, live_server, a_round, screenshot):
    round_ = a_round()
    page = dutch_page
    page.goto(round_url(live_server, round_))
    follow(page.get_by_role("link", name="Ronde afsluiten"))
    assert page.get_by_role("heading", level=1).inner_text() == "De ronde afsluiten?"
    assert "Vanaf morgen kan niemand meer antwoorden" in page.locator("main").inner_text()
    screenshot(page, "round-close-confirm-nl")
    assert closed_by_hand_on(round_) is None, "asking is not closing"
    page.get_by_role("link", name="Annuleren").click()
    page.wait_for_url(round_url(live_server, round_))
    assert closed_by_hand_on(round_) is None
    page.get_by_role("link", name="Ronde afsluiten").click()
    follow(page.get_by_role("button", name="Ja, sluit de ronde"))
    page.wait_for_selector(".flash:has-text('De ronde is afgesloten.')")
    assert closed_by_hand_on(round_) == date.today()
    assert page.get_by_role("button", name="De ronde heropenen").count() == 1


def test_the_kiosk_button_stays_inside_its_card(dutch_page, live_server, a_round, screenshot):
    round_ = a_round()
    page = dutch_page
    for width in (1024, 1280, 800):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(round_url(live_server, round_))
        card = page.locator("#share").bounding_box()
        button = page.locator(".kiosk-form button, .kiosk-form [type=submit]").bounding_box()
        assert button["x"] >= card["x"] and button["x"] + button["width"] <= card["x"] + card["width"], width
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(round_url(live_server, round_))
    screenshot(page, "round-page-kiosk-nl-1024")


def test_remove_in_the_sessions_table_is_not_clipped_at_1024_px(dutch_page, live_server, a_round):
    round_ = a_round(sessions=3)
    page = dutch_page
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(round_url(live_server, round_))
    card = page.locator("#attendance-card").bounding_box()
    for remove in page.locator("table.sessions button").all():
        box = remove.bounding_box()
        assert box["x"] >= card["x"] and box["x"] + box["width"] <= card["x"] + card["width"] - 8
    wrap = page.locator("#attendance-card .table-wrap")
    assert wrap.evaluate("el => el.scrollWidth <= el.clientWidth"), "no sideways scrolling to reach Remove"


def test_right_to_left_language_names_keep_their_place_in_dutch_lists(dutch_page, live_server, a_round, screenshot):
    round_ = a_round(languages=["nl", "ar", "fa", "ti"])
    page = dutch_page
    page.goto(round_url(live_server, round_))
    screenshot(page, "round-page-languages-nl")
    for holder in (".page-head .muted", "#settings dl"):
        names = page.locator(holder).locator("bdi")
        assert names.all_inner_texts() == ["Nederlands", "العربية", "فارسی", "ትግርኛ"], holder
        lefts = [name.bounding_box()["x"] for name in names.all()]
        assert lefts == sorted(lefts), f"{holder}: the names are shown in the order of the list, left to right"


def test_a_kiosk_round_offers_no_flyer_and_says_why(dutch_page, live_server, a_round, screenshot):
    round_ = a_round(mode="kiosk")
    page = dutch_page
    page.goto(round_url(live_server, round_))
    assert page.get_by_role("link", name="De flyer afdrukken").count() == 0
    assert "op een gsm begint een tabletronde na elk antwoord opnieuw" in page.locator("#share").inner_text()
    page.goto(round_url(live_server, round_) + "/flyer")
    assert page.url == round_url(live_server, round_) + "#share"
    assert page.locator(".flash.error").count() == 1


def test_a_phone_round_offers_the_flyer(dutch_page, live_server, a_round):
    round_ = a_round(mode="phone")
    page = dutch_page
    page.goto(round_url(live_server, round_))
    page.get_by_role("link", name="De flyer afdrukken").click()
    page.wait_for_url("**/flyer")
    assert page.locator(".invite[lang=ar]").count() == 1
