"""How heavy and how fast is a respondent's first question on a slow connection and a slow device?

Serves a demo round with gunicorn, opens it in Chromium with network emulation (400 ms round
trip, 400 kbit/s down and up: WebPageTest's "3G Slow") and the CPU slowed 4x, picks a
language, starts, and stops the clock when the first question is on screen. Counts every byte
transferred (compressed, as served) up to then, and every request to another host.

    .venv/bin/python bench/respondent_page.py
Last line: respondent_page_bytes=<int> first_question_ms=<int> third_party_requests=<int>
"""

import re
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.common import CHROMIUM_ARGS, demo_database, flask, gunicorn  # noqa: E402

SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400 * 1000 / 8,
           "uploadThroughput": 400 * 1000 / 8}


def first_open_round(env: dict) -> str:
    lines = [line for line in flask(env, "rounds", "list").splitlines() if "| open |" in line]
    return re.search(r"(https?://\S+/r/\S+)", lines[0]).group(1).rsplit("/r/", 1)[1]


def measure(base_url: str, token: str) -> dict:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1024, "height": 768})
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        transferred, hosts = {}, []
        cdp.on("Network.requestWillBeSent", lambda e: hosts.append(urlparse(e["request"]["url"]).hostname))
        cdp.on("Network.loadingFinished", lambda e: transferred.__setitem__(e["requestId"], e["encodedDataLength"]))
        started = time.perf_counter()
        page.goto(f"{base_url}/r/{token}", wait_until="commit")
        page.locator("button.lang").first.click()
        page.locator(".intro [data-act=next]").click()
        page.locator("section.question:not([hidden])").first.wait_for(state="visible")
        elapsed_ms = (time.perf_counter() - started) * 1000
        counted = sum(transferred.values())
        browser.close()
    third_party = sum(1 for host in hosts if host not in ("127.0.0.1", "localhost"))
    return {"respondent_page_bytes": counted, "first_question_ms": round(elapsed_ms),
            "third_party_requests": third_party}


def main() -> None:
    with demo_database() as env, gunicorn(env) as base_url:
        token = first_open_round(env)
        figures = measure(base_url, token)
    print(f"network: latency {SLOW_3G['latency']} ms, 400 kbit/s; CPU slowed 4x; round {token}")
    print(" ".join(f"{key}={value}" for key, value in figures.items()))


if __name__ == "__main__":
    main()
