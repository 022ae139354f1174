"""How heavy and how fast is a project's results page, the first time and the next time?

Serves the demo data with gunicorn, logs in as the demo centre coordinator in Chromium, and opens the results
of the first project of the results overview on an office line (40 ms round trip, 10 Mbit/s down, 5 up): once with an
empty cache, then again. The clock runs from the request to the last chart drawn. Counts every byte
transferred (compressed, as served) and every request to another host.

    .venv/bin/python bench/project_page.py
Last line: project_page_bytes=<int> project_page_ms=<int> repeat_bytes=<int> repeat_ms=<int> plotly_bytes=<int>
           third_party_requests=<int>
"""

import re
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.common import CHROMIUM_ARGS, demo_database, flask, gunicorn  # noqa: E402

OFFICE_LINE = {"offline": False, "latency": 40, "downloadThroughput": 10_000_000 / 8,
               "uploadThroughput": 5_000_000 / 8}
COORDINATOR = "coordinator@rivierstad.example"


def coordinator_password(env: dict) -> str:
    """A new password for the demo coordinator (``flask demo --reset-passwords`` prints one per account)."""
    printed = flask(env, "demo", "--reset-passwords")
    return re.search(rf"{re.escape(COORDINATOR)}\s+(\S+)", printed).group(1)


class Traffic:
    """Bytes per request as they came over the wire, and the hosts asked, from the DevTools protocol."""

    def __init__(self, cdp):
        self.urls, self.sizes, self.hosts = {}, {}, []
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.loadingFinished", lambda e: self.sizes.__setitem__(e["requestId"], e["encodedDataLength"]))

    def _sent(self, event):
        url = event["request"]["url"]
        self.urls[event["requestId"]] = url
        if url.startswith(("http:", "https:")):  # not data: (plotly's own images, inline)
            self.hosts.append(urlparse(url).hostname)

    def reset(self) -> None:
        self.urls.clear()
        self.sizes.clear()

    def total(self) -> int:
        return sum(self.sizes.values())

    def of(self, fragment: str) -> int:
        return sum(size for request, size in self.sizes.items() if fragment in self.urls.get(request, ""))


def open_project(page, url: str) -> int:
    """Milliseconds from asking for the page to its last chart drawn."""
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_load_state("load")
    page.wait_for_function("[...document.querySelectorAll('[data-figure]')].every(el => el.querySelector('.main-svg'))")
    return round((time.perf_counter() - started) * 1000)


def measure(base_url: str, password: str) -> dict:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base_url}/login")
        page.fill("input[name=email]", COORDINATOR)
        page.fill("input[name=password]", password)
        page.locator("form [type=submit]").click()
        page.wait_for_url(f"{base_url}/projects")
        page.goto(f"{base_url}/results/")
        project_url = base_url + page.locator("table.overview th a").first.get_attribute("href")
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.clearBrowserCache")
        cdp.send("Network.emulateNetworkConditions", OFFICE_LINE)
        traffic = Traffic(cdp)
        first_ms = open_project(page, project_url)
        first_bytes, plotly_bytes = traffic.total(), traffic.of("/plotly-")
        traffic.reset()
        repeat_ms = open_project(page, project_url)
        repeat_bytes = traffic.total()
        browser.close()
    third_party = sum(1 for host in traffic.hosts if host not in ("127.0.0.1", "localhost"))
    return {"project_page_bytes": first_bytes, "project_page_ms": first_ms, "repeat_bytes": repeat_bytes,
            "repeat_ms": repeat_ms, "plotly_bytes": plotly_bytes, "third_party_requests": third_party}


def main() -> None:
    with demo_database() as env, gunicorn(env) as base_url:
        figures = measure(base_url, coordinator_password(env))
    print(f"network: latency {OFFICE_LINE['latency']} ms, 10 Mbit/s down; first visit with an empty cache, "
          "then the same page again")
    print(" ".join(f"{key}={value}" for key, value in figures.items()))


if __name__ == "__main__":
    main()
