"""A real headless Chromium (Debian's, driven by its own chromedriver) for page tests; never a download."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("LIANJIE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("LIANJIE_CHROMEDRIVER", "/usr/bin/chromedriver")


def _missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).exists() and not shutil.which(path):
            return path
    return None


@pytest.fixture(scope="session")
def browser():
    missing = _missing()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {missing} is missing: .ci/run must install chromium and chromium-driver")
        pytest.skip(f"{missing} is missing (apt-get install chromium chromium-driver)")
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never fetch a browser or driver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--window-size=1400,900",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def open_page(driver, path: str | Path, timeout: float = 30.0):
    """Load a page and wait until the network has drawn once; returns the browser's console entries."""
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(Path(path).resolve().as_uri())
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if driver.execute_script("return !!(window.lianjie && window.lianjie.isReady())"):
            return driver.get_log("browser")
        time.sleep(0.05)
    raise AssertionError(f"{path} did not draw within {timeout} s; console: {driver.get_log('browser')}")


def fetched(driver) -> list[str]:
    """Every resource the page asked the network for (the page itself aside)."""
    return driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
