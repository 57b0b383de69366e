"""The pages in a real browser (Debian's Chromium through Selenium and chromedriver): sign in
through the form, the case list, a case with its decision and protocols, its blame, history
and diff pages, and sign out. Screenshots are kept in the test's folder to look at."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.chromium import chromium
from tests.server.conftest import PASSWORD, add_user, running_server

pytestmark = pytest.mark.browser


def _arrives(browser: Any, url: str, prefix: bool = False) -> bool:
    """Whether the browser reaches `url` (a click on a form's button returns before the next
    page has loaded)."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        WebDriverWait(browser, 10).until(
            lambda b: b.current_url.startswith(url) if prefix else b.current_url == url)
    except TimeoutException:
        return False
    return True


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    with chromium(tmp_path / "profile", "--window-size=1200,1400") as driver:
        yield driver


def test_sign_in_and_read_a_case_in_chromium(replayed_19_8286: str, browser: Any,
                                            tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    add_user(replayed_19_8286, "Lise Les", "lesetilgang", token=False)
    shots = Path(os.environ.get("SAKSFLYT_SCREENSHOTS", tmp_path))
    # Chromium treats 127.0.0.1 as a secure context: the Secure cookies work on plain http.
    with running_server(replayed_19_8286) as server:
        browser.get(server.url + "/saker/19/8286")
        assert browser.current_url.startswith(server.url + "/logg-inn")
        assert browser.find_element(By.TAG_NAME, "h1").text == "Logg inn"
        browser.find_element(By.ID, "name").send_keys("Lise Les")
        browser.find_element(By.ID, "password").send_keys("feil passord")
        browser.find_element(By.CSS_SELECTOR, "form.login button").click()
        assert browser.find_element(By.CSS_SELECTOR, "p.error").text == (
            "Feil brukernavn eller passord.")
        browser.save_screenshot(str(shots / "logg-inn.png"))
        browser.find_element(By.ID, "name").send_keys("Lise Les")
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        browser.find_element(By.CSS_SELECTOR, "form.login button").click()

        assert _arrives(browser, server.url + "/saker/19/8286")
        heading = browser.find_element(By.TAG_NAME, "h1").text
        assert heading == "Sak 19/8286: Internasjonal strategi Trondheim kommune 2019 - 2022"
        decision = browser.find_element(By.CSS_SELECTOR, ".decision").text
        assert decision.startswith("Trondheim bystyret vedtar")
        assert "FLERTALLSMERKNAD - SV, Ap, H, FrP, MDG, PP, V, Sp, KrF, R:" in decision
        stages = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "ol.route > li")]
        assert len(stages) == 6 and stages[-1].startswith("Bystyret (vedtak)")
        assert "13.06.2019, sak 87/19: utsatt til 29.08.2019" in stages[-1]
        links = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "a[download]")]
        assert "Bystyret 2019-08-29, sak 87/19 (Word)" in links
        # The stylesheet was applied (our own, from /static).
        band = browser.find_element(By.CSS_SELECTOR, "header.site").value_of_css_property(
            "background-color")
        assert band == "rgba(29, 35, 39, 1)"
        browser.save_screenshot(str(shots / "sak.png"))

        browser.find_element(By.LINK_TEXT, "Hvor avsnittene kommer fra").click()
        assert "Avsnitt 1" in browser.page_source
        browser.find_element(By.LINK_TEXT, "Endringer").click()
        assert browser.find_elements(By.TAG_NAME, "ins")
        browser.save_screenshot(str(shots / "endringer.png"))
        browser.find_element(By.LINK_TEXT, "Historikk").click()
        assert "Finans- og næringskomiteen 28.05.2019, sak 29/19" in browser.page_source

        browser.get(server.url + "/saker")
        assert browser.find_element(By.LINK_TEXT, "19/8286")
        browser.find_element(By.CSS_SELECTOR, "header.site button").click()  # Logg ut
        assert _arrives(browser, server.url + "/logg-inn", prefix=True)
        browser.get(server.url + "/saker")
        assert browser.current_url.startswith(server.url + "/logg-inn")
    if shutil.which("true"):  # the screenshots exist and are images
        assert (shots / "sak.png").read_bytes()[:4] == b"\x89PNG"
