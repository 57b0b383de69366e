"""Every public page in a real browser (Debian's Chromium through Selenium) at phone width
(390 CSS pixels): nothing wider than the screen, a heading, landmarks, a skip link, tables
with headers, and no sign-in anywhere. With SAKSFLYT_SCREENSHOTS=DIR the screenshots land
there (docs/innsyn-*.png were made so)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.chromium import chromium, now
from tests.public.conftest import COUNCIL, DECISION_WORD, PUBLIC_TITLE
from tests.server.conftest import running_server

pytestmark = pytest.mark.browser

M = quote(COUNCIL)
PAGES = {
    "forside": "/innsyn",
    "kalender": "/innsyn/utvalg/Bystyret",
    "mote": f"/innsyn/moter/{M}",
    "moteprotokoll": f"/innsyn/moter/{M}/protokoll",
    "saksprotokoll": f"/innsyn/moter/{M}/saker/19/8286",
    "sak": "/innsyn/saker/19/8286",
    "skjermet": "/innsyn/saker/19/9001",
    "sok": f"/innsyn/sok?q={DECISION_WORD}",
    "ikke-godkjent": f"/innsyn/moter/{quote('Bystyret 2019-06-13')}/protokoll",
}


@pytest.fixture
def phone(tmp_path: Path) -> Iterator[Any]:
    with chromium(tmp_path / "profile", phone_width=390) as driver:
        yield driver


def test_every_public_page_reads_on_a_phone(public_store: str, phone: Any,
                                            tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    shots = Path(os.environ.get("SAKSFLYT_SCREENSHOTS", tmp_path))
    with running_server(public_store) as server:
        for name, path in PAGES.items():
            phone.get(server.url + path)
            assert "/logg-inn" not in phone.current_url, name
            assert phone.execute_script("return window.innerWidth") == 390
            wide = phone.execute_script(
                "return document.documentElement.scrollWidth")
            assert wide <= 390, f"{name}: {wide} px wide"
            assert phone.find_element(By.TAG_NAME, "h1").text, name
            assert phone.find_elements(By.CSS_SELECTOR, "header nav[aria-label]"), name
            assert phone.find_element(By.CSS_SELECTOR, "main#innhold"), name
            skip = phone.find_element(By.CSS_SELECTOR, "a.skip")
            assert skip.get_attribute("href").endswith("#innhold")
            assert phone.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nb"
            for table in now(phone, By.CSS_SELECTOR, "table"):
                assert table.find_element(By.TAG_NAME, "caption").text
                assert now(table, By.CSS_SELECTOR, "th[scope=col]")
            phone.save_screenshot(str(shots / f"innsyn-{name}.png"))

        phone.get(server.url + PAGES["sak"])
        assert phone.find_element(By.CSS_SELECTOR, ".decision").text.startswith(
            "Trondheim bystyret vedtar")
        captions = [c.text for c in phone.find_elements(By.CSS_SELECTOR, "table caption")]
        assert any("Renolen" in c for c in captions)
        phone.get(server.url + PAGES["skjermet"])
        assert PUBLIC_TITLE in phone.find_element(By.TAG_NAME, "h1").text
        # The search form works by keyboard and from the front page.
        phone.get(server.url + "/innsyn")
        field = phone.find_element(By.ID, "q")
        assert phone.find_element(By.CSS_SELECTOR, "label[for=q]").text
        field.send_keys(DECISION_WORD)
        field.submit()
        assert "/innsyn/sok?q=" in phone.current_url
        assert phone.find_element(By.PARTIAL_LINK_TEXT, "Internasjonal strategi")
        phone.get(server.url + PAGES["ikke-godkjent"])
        assert phone.find_element(By.TAG_NAME, "h1").text == "Ikke godkjent ennå"
    assert (shots / "innsyn-sak.png").read_bytes()[:4] == b"\x89PNG"
