"""Real-browser fixtures: Debian's Chromium driven by Playwright; skipped, with the reason, when absent."""

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
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


@pytest.fixture
def screenshot():
    """Save a screenshot under test-output/screens/ for a person to look at."""
    SCREENS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def kept_offline(page, urls, timeout=15) -> bool:
    """Whether the service worker controls the page and has kept every one of ``urls``, waiting up to ``timeout`` s."""
    check = ("async (urls) => !!navigator.serviceWorker.controller && "
             "(await Promise.all(urls.map(u => caches.match(u)))).every(Boolean)")
    deadline = time.monotonic() + timeout
    while not (kept := page.evaluate(check, urls)) and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    return kept
