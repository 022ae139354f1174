"""Real-browser fixtures: Debian's Chromium driven by Playwright; skipped, with the reason, when absent."""

import os
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from werkzeug.serving import make_server

from tests.programs import MISSING

CHROMIUM = os.environ.get("VOX_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]


def chromium_missing() -> str | None:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"{MISSING} Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if reason := chromium_missing():
        pytest.skip(reason)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


SCREENS = Path(__file__).parent.parent / "test-output" / "screens"
TABLET = {"width": 1024, "height": 768}
PHONE = {"width": 390, "height": 844}


class LiveServer:
    """The app served on a free port of 127.0.0.1, on the test database; formats as its base URL."""

    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def __str__(self) -> str:
        return self.url

    def __format__(self, spec: str) -> str:
        return self.url

    def stop(self) -> None:
        """Take the server away, as when a tablet loses its connection."""
        if self.thread.is_alive():
            self.server.shutdown()
            self.server.server_close()
            self.thread.join(5)


@pytest.fixture
def live_server(app):
    server = LiveServer(app)
    yield server
    server.stop()


def log_in(page, live_server, email: str, password: str):
    """Log in through the login form, as a person does; returns the page once it has left the form."""
    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.locator("form [type=submit]").click()
    page.wait_for_url(lambda url: "/login" not in url)
    return page


def follow(locator) -> None:
    """Click a link or a form's button and wait until the page it leads to has loaded.

    A click returns once the next page has begun to arrive, before it is all there: what does not wait and look
    again (``count()``, ``is_visible()``, ``content()``, ``evaluate()``, the database, a ``goto``) could otherwise
    see the page left, a page half read, or a form the server has not handled yet."""
    locator.wait_for()  # on the page that has it: the wait below is for the page it leads to, not that one
    with locator.page.expect_navigation():
        locator.click()


@pytest.fixture
def screenshot():
    """Save a screenshot under test-output/screens/ for a person to look at."""
    SCREENS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


#: whether the service worker controls the page and has kept every one of the urls given. The Cache API answers by
#: promise, which wait_for_function does not wait for: each try starts a look in the cache and reads the last one's.
KEPT = """(urls) => {
    Promise.all(urls.map(u => caches.match(u))).then(found => { window.voxKept = found.every(Boolean); });
    return !!navigator.serviceWorker.controller && window.voxKept === true;
}"""


def kept_offline(page, urls, timeout=15_000) -> bool:
    """Whether the service worker comes to control the page and keep every one of ``urls`` within ``timeout`` ms."""
    try:
        page.wait_for_function(KEPT, arg=urls, polling=200, timeout=timeout)
    except PlaywrightTimeoutError:
        return False
    return True
