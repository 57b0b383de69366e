"""Debian's Chromium through Selenium and Debian's chromedriver, for the tests of pages: no
browser is downloaded. On CI a missing browser fails the test (.ci/run installs it);
elsewhere the test is skipped, and says how to install it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


@contextmanager
def chromium(profile: Path, *flags: str, phone_width: int | None = None,
             javascript: bool = True) -> Iterator[Any]:
    """A headless Chromium in Norwegian with its own profile folder; `phone_width` emulates a
    phone of that many CSS pixels; `javascript=False` turns the pages' scripts off, as a
    browser with JavaScript disabled has them."""
    if not (os.path.exists(CHROMIUM) and os.path.exists(DRIVER)):
        if os.environ.get("CI"):
            pytest.fail("CI must have chromium and chromium-driver (.ci/run installs them)")
        pytest.skip("no Chromium here (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--lang=nb",
                 f"--user-data-dir={profile}", *flags):
        options.add_argument(flag)
    if phone_width is not None:
        options.add_experimental_option("mobileEmulation", {
            "deviceMetrics": {"width": phone_width, "height": 844, "pixelRatio": 2}})
    if not javascript:
        options.add_argument("--blink-settings=scriptEnabled=false")
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.implicitly_wait(10)  # a form's next page may still be loading on a busy machine
    try:
        yield driver
    finally:
        driver.quit()


@contextmanager
def next_page(driver: Any, path: str, seconds: float = 10) -> Iterator[None]:
    """Wait, after what the block does (a click, a key), until the browser shows a new page
    whose address holds `path`. The address alone is no sign: a form that posts back to the
    page it is on leaves the address as it was, and the old page would be read. Each document
    has its own `performance.timeOrigin` (the old page's elements are no sign either: asking
    about one of them may fail in other ways than as stale)."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    def origin() -> Any:
        return driver.execute_script("return performance.timeOrigin")

    old = origin()
    yield
    # A script asked while the next page is still arriving may fail: ask again.
    WebDriverWait(driver, seconds, poll_frequency=0.05,
                  ignored_exceptions=(WebDriverException,)).until(
        lambda d: origin() != old and path in d.current_url
        and d.execute_script("return document.readyState") == "complete")


def now(within: Any, by: str, selector: str) -> list[Any]:
    """The elements `selector` finds on the page as it is, without the implicit wait: a search
    that may rightly find nothing (a page with no table, an error that must be gone) would
    otherwise wait the whole ten seconds for it. Call it once the page has loaded."""
    driver = getattr(within, "parent", within)
    driver.implicitly_wait(0)
    try:
        return within.find_elements(by, selector)
    finally:
        driver.implicitly_wait(10)
