"""The console in Chromium beyond the council meeting: with JavaScript disabled, the plain
forms log a proposal, a note, a vote and the close (the decision then as the engine derives
it); and the voting order rearranged from the keyboard, a move that would put the
utsettelsesforslag after another vote refused beside the order with the engine's message, and
a note logged from the keyboard in the other steps' section."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.chromium import chromium, next_page, now
from tests.cli.test_live_cli import MEETING
from tests.server.conftest import add_user, events, last_position, running_server, saksflyt
from tests.server.test_console_chromium import sign_in

pytestmark = pytest.mark.browser

CONSOLE = f"/moter/{quote(MEETING)}/sak/19/8286"


def _open_item(db: str) -> None:
    for args in (["meeting", "new", MEETING], ["meeting", "agenda", MEETING, "19/8286", "--sak",
                                               "87/19"], ["item", "open", MEETING, "87/19"]):
        assert saksflyt(*args, db=db).returncode == 0
    add_user(db, "Kari Sekretær", "sekretær", token=False)


@pytest.fixture
def without_js(tmp_path: Path) -> Iterator[Any]:
    with chromium(tmp_path / "nojs", "--window-size=1500,1300", javascript=False) as driver:
        yield driver


@pytest.fixture
def with_js(tmp_path: Path) -> Iterator[Any]:
    with chromium(tmp_path / "js", "--window-size=1500,1300") as driver:
        yield driver


def _loaded(driver: Any, path: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 10).until(lambda d: path in d.current_url and d.execute_script(
        "return document.readyState") == "complete")


def test_the_console_without_javascript(council_store: str, without_js: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _open_item(council_store)
    before = last_position(council_store)
    browser = without_js
    with running_server(council_store, "--insecure-cookies") as server:
        sign_in(browser, server.url + CONSOLE, "Kari Sekretær")
        _loaded(browser, CONSOLE)
        # Scripts are off: every field of the proposal form is shown (console.js would hide
        # those the effect does not use) and nothing fills the proposer's match.
        assert browser.find_element(By.ID, "old").is_displayed()

        form = browser.find_element(By.ID, "propose-form")
        form.find_element(By.NAME, "by").send_keys("Silje")
        Select(form.find_element(By.NAME, "kind")).select_by_visible_text("tilleggsforslag")
        form.find_element(By.NAME, "text").send_keys("Bystyret ber om en sak om vennskapsbyene.")
        with next_page(browser, CONSOLE):
            form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        assert "Salomonsens tilleggsforslag" in browser.find_element(
            By.CSS_SELECTOR, "ul.proposals").text

        browser.find_element(By.CSS_SELECTOR, "#other-steps summary").click()
        note = browser.find_element(By.ID, "step-note")
        note.find_element(By.NAME, "text").send_keys("Rådmannen orienterte.")
        with next_page(browser, CONSOLE):
            note.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

        # The vote: first shown (the server computes the result), then saved.
        vote = browser.find_element(By.ID, "vote-form")
        vote.find_element(By.NAME, "tally").send_keys("e")
        with next_page(browser, "/votering"):
            vote.find_element(By.CSS_SELECTOR, "button[value=preview]").click()
        assert browser.find_element(By.ID, "vote-preview").text.startswith(
            "Innstillingen ble enstemmig vedtatt.")
        with next_page(browser, CONSOLE):
            browser.find_element(By.CSS_SELECTOR, "#vote-form button[value=save]").click()
        tally = browser.find_element(By.ID, "tally")
        tally.send_keys("3v 2krf")
        with next_page(browser, CONSOLE):
            browser.find_element(By.CSS_SELECTOR, "#vote-form button[value=save]").click()
        assert "Salomonsens forslag ble vedtatt mot 5 stemmer (3V, 2KrF)." in \
            browser.find_element(By.ID, "voting").text

        with next_page(browser, CONSOLE):
            browser.find_element(By.ID, "close").click()
        assert "Behandlingen er avsluttet" in browser.page_source
    types = [row.type for row in events(council_store, before)]
    assert types == ["proposal.made", "item.note", "vote.held", "vote.held", "item.closed"]
    vedtak = saksflyt("vedtak", "19/8286", db=council_store).stdout
    assert vedtak.rstrip().endswith("Bystyret ber om en sak om vennskapsbyene.")
    protocol = saksflyt("protocol", "19/8286", "--meeting", MEETING, "--format", "text",
                        db=council_store).stdout
    assert "Rådmannen orienterte." in protocol


def test_the_voting_order_from_the_keyboard(council_store: str, with_js: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open_item(council_store)
    for by, kind, text in (("Michael Momyr", "utsettelsesforslag", "Saken utsettes."),
                           ("Silje Salomonsen", "tilleggsforslag", "Bystyret ber om en sak.")):
        done = saksflyt("propose", "--by", by, "--kind", kind, "--text" if kind.startswith(
            "utsett") else "--add", text, db=council_store)
        assert done.returncode == 0, done.stderr
    before = last_position(council_store)
    browser = with_js

    def keys(*typed: str) -> None:
        ActionChains(browser).send_keys(*typed).perform()

    def plan() -> list[str]:
        return [s.text for s in browser.find_elements(By.CSS_SELECTOR, "ol.plan .vote-heading")]

    with running_server(council_store, "--insecure-cookies") as server:
        sign_in(browser, server.url + CONSOLE, "Kari Sekretær")
        _loaded(browser, CONSOLE)
        assert browser.find_element(By.ID, "old").is_displayed() is False  # scripts run here
        assert plan() == ["Momyrs utsettelsesforslag", "Innstillingen",
                          "Salomonsens tilleggsforslag"]
        keys(Keys.ESCAPE, Keys.ESCAPE, "r")  # out of the fields, then to the voting order
        assert browser.switch_to.active_element.get_attribute("id") == "ned:on:momyr"
        with next_page(browser, "/rekkefolge"):
            keys(Keys.ENTER)  # the utsettelsesforslag down: refused
        assert browser.find_element(By.ID, "error-order").text == (
            "Utsettelsesforslaget «momyr» må voteres over først.")
        assert plan()[0] == "Momyrs utsettelsesforslag"
        assert browser.switch_to.active_element.get_attribute("id") == "ned:on:momyr"
        with next_page(browser, "rekkefolge="):
            keys(Keys.TAB, Keys.TAB, Keys.ENTER)  # the recommendation down, after the proposal
        assert plan() == ["Momyrs utsettelsesforslag", "Salomonsens tilleggsforslag",
                          "Innstillingen"]
        assert not now(browser, By.ID, "error-order")
        # The order is stored for the item (every desk and the room screen read it).
        assert [row.type for row in events(council_store, before)] == ["item.voting_order"]

        # «s»: the other steps, at the note's field.
        keys("s")
        assert browser.switch_to.active_element.get_attribute("name") == "text"
        with next_page(browser, CONSOLE):
            keys("Rådmannen orienterte.", Keys.TAB, Keys.ENTER)
        assert plan()[1] == "Salomonsens tilleggsforslag"  # the order is kept
    assert [row.type for row in events(council_store, before)] == ["item.voting_order",
                                                                   "item.note"]
