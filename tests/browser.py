"""Debian's Chromium, headless through chromium-driver: axe-core, the network log, layout.

axe-core comes from the project's own node_modules (package.json, ``npm ci`` in
``scripts/setup --test``); nothing is fetched at run time.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BROWSER_PAGES = ("chrome://", "chrome-untrusted://", "devtools://")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         "--hide-scrollbars", "--disable-dev-shm-usage"]


def _tools() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        pytest.fail("Chromium and chromium-driver are needed: scripts/setup --test installs them")
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: scripts/setup --test runs 'npm ci'")
    return browser, driver


@contextmanager
def chromium(profile: Path) -> Iterator[Any]:
    """A headless Chromium with a fresh profile that records its network requests."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver_path = _tools()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    try:
        yield driver
    finally:
        driver.quit()


def load(driver: Any, url: str, width: int, height: int = 900) -> None:
    """Open ``url`` in a viewport ``width`` CSS px wide (zoom and device scale 1)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    driver.get(url)
    driver.execute_async_script("const done = arguments[arguments.length - 1];"
                                "document.fonts.ready.then(() => done(true));")


def axe_violations(driver: Any) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA rules on the open page: one line per violation."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' at ' +"
        " v.nodes.map(n => n.target.join(' ')).join(', '))))"
        ".catch(e => done(['axe failed: ' + e]));", AXE_TAGS)
    return list(result)


def requests(driver: Any) -> list[str]:
    """Every URL a page asked for since the last call (CDP Network events).

    The browser's own pages (its new-tab page at start-up: ``chrome://``) are not ours.
    """
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent" and not \
                message["params"].get("documentURL", "").startswith(BROWSER_PAGES):
            urls.append(message["params"]["request"]["url"])
    return urls


def outside(urls: list[str], folder: Path) -> list[str]:
    """The URLs that are not files inside ``folder`` (data: URLs count as inside)."""
    base = folder.resolve().as_uri() + "/"
    return [u for u in urls if not (u.startswith(base) or u.startswith("data:"))]
