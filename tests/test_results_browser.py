"""Results in a real browser, in Dutch: the diverging chart reads at a glance, the page breaks no rule of the
Content-Security-Policy, and the network coordinator lands on the comparison of centres."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import User
from tests.browser import SCREENS, follow, log_in

PASSWORD = "a long enough password"


@pytest.fixture
def demo(demo_data):
    def person(email: str) -> User:
        user = db.session.scalar(select(User).where(User.email == email))
        user.set_password(PASSWORD)
        user.locale = "nl"
        db.session.commit()
        return user

    return person


@pytest.fixture
def dutch_page(browser, live_server):
    contexts = []

    def open_as(user: User, width=1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.console = []
        page.on("console", lambda message: page.console.append((message.type, message.text)))
        log_in(page, live_server, user.email, PASSWORD)
        return page

    yield open_as
    for context in contexts:
        context.close()


def boxes(locator) -> list[dict]:
    return [box for box in (element.bounding_box() for element in locator.all()) if box and box["width"]]


def overlap(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


@pytest.mark.parametrize("width", [1280, 1024])
def test_the_faces_chart_shows_level_labels_that_never_overlap_and_an_axis_that_says_which_side_is_which(
        demo, dutch_page, live_server, width):
    page = dutch_page(demo("coordinator@rivierstad.example"), width)
    page.goto(f"{live_server}/results/")
    follow(page.locator("a", has_text="Vrouwengroep"))
    section = page.locator("section[aria-labelledby=section-1]")  # the AMIF questionnaire
    charts = section.locator("[data-figure^=fig-faces]")
    charts.first.locator(".main-svg").first.wait_for()
    SCREENS.mkdir(parents=True, exist_ok=True)
    section.screenshot(path=str(SCREENS / f"results-faces-chart-nl-{width}.png"))
    assert charts.count() == 2, "the faces worded 'helemaal niet … heel veel' have a chart and a legend of their own"
    legends = [chart.locator(".legendtext").all_text_contents() for chart in charts.all()]
    assert "Heel slecht" in legends[0] and "Helemaal niet" in legends[1]
    shown = []
    for chart in charts.all():
        chart.locator(".main-svg").first.wait_for()
        labels = boxes(chart.locator("text.bartext"))
        for index, box in enumerate(labels):
            assert box["width"] > box["height"], "written level, not turned sideways"
            assert not any(overlap(box, other) for other in labels[index + 1:]), "labels overlap"
        shown += labels
    assert len(shown) >= 4
    zeros = [chart.locator("path.xzl").bounding_box() for chart in charts.all()]
    assert abs(zeros[0]["x"] - zeros[1]["x"]) < 3, "the charts one above the other share their zero line"
    chart = charts.first
    ticks = chart.locator(".xtick text").evaluate_all("texts => texts.map(text => text.textContent)")
    assert ticks == ["100%", "50%", "0", "50%", "100%"]
    tick_boxes = boxes(chart.locator(".xtick text"))
    frame = chart.bounding_box()
    assert tick_boxes[-1]["x"] + tick_boxes[-1]["width"] <= frame["x"] + frame["width"], "100% is not cut off"
    assert chart.locator(".xtitle").text_content() == "← ontevreden gezichtjes   |   blije gezichtjes →"


def test_the_project_page_breaks_no_rule_of_the_content_security_policy(demo, dutch_page, live_server):
    page = dutch_page(demo("coordinator@rivierstad.example"))
    page.goto(f"{live_server}/results/")
    follow(page.locator("a", has_text="Vrouwengroep"))
    page.locator(".js-plotly-plot .main-svg").first.wait_for()
    page.wait_for_timeout(300)
    refused = [text for kind, text in page.console if "Content Security Policy" in text or "strict CSP" in text]
    assert refused == []


def test_the_network_coordinator_lands_on_the_centres_side_by_side(demo, dutch_page, live_server, screenshot):
    page = dutch_page(demo("network@vox-demo.example"))
    page.goto(f"{live_server}/results/")
    screenshot(page, "results-network-nl")
    assert page.locator("table.compare").count() >= 1, "the comparison itself, not a button to it"
    amif = "AMIF-indicator: heeft het project mensen geholpen om hun weg te vinden?"
    assert page.get_by_role("link", name=amif).count() >= 1
