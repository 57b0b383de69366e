"""The live meeting in a real browser (Debian's Chromium through Selenium): a sekretær logs
the council meeting of 2019-08-29 in 19/8286 through the console, from the keyboard alone,
on a store replayed up to 2019-06-13, and the vedtak equals the record word for word; a
second browser, signed in with only lesetilgang, watches the room screen show each vote's
result without reloading. One vote logged wrong is undone and the item, closed too early, is
reopened: both show in `history` and in the log, and the decision and protocol are as if the
slips had never happened. The keystrokes are counted against the command line's."""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.chromium import CHROMIUM, DRIVER
from tests.cli.test_live_cli import ANDREASSEN, MEETING, MERKNAD, ROOT, SALOMONSEN
from tests.conftest import fold
from tests.server.conftest import (
    PASSWORD,
    add_user,
    events,
    last_position,
    running_server,
    saksflyt,
)

pytestmark = pytest.mark.browser

BAREKRAFT = ("Det må synliggjøres hvordan FNs bærekraftsmål og kommunens klimamål er lagt til "
             "grunn for handlingsplanen.")


def cli_commands(ids: bool = True) -> list[list[str]]:
    """The same meeting with the command line, each text typed inline (tests/cli logs it so,
    with two texts from files); `ids=False`: the shortest equivalent, with generated ids."""
    def pid(name: str, short: str) -> str:
        return name if ids else short

    own = (lambda name: ["--id", name]) if ids else (lambda name: [])
    return [
        ["meeting", "new", MEETING],
        ["meeting", "agenda", MEETING, "19/8286", "--sak", "87/19", "--result", "Behandlet"],
        ["item", "open", MEETING, "87/19"],
        ["propose", *own("salomonsen-vennskapsby"), "--by", "Silje Salomonsen", "--kind",
         "tilleggsforslag", "--add", SALOMONSEN],
        ["propose", *own("renolen-barekraft"), "--by", "Ola Lund Renolen", "--on-behalf-of",
         "Ap,MDG,Sp,KrF", "--kind", "tilleggsforslag", "--add", BAREKRAFT],
        ["propose", *own("renolen-stryk"), "--by", "Ola Lund Renolen", "--kind",
         "strykningsforslag", "--label", "Renolens forslag", "--strike", "3"],
        ["propose", *own("andreassen-teknologi"), "--by", "Elin Marie Andreassen", "--kind",
         "tilleggsforslag", "--add", ANDREASSEN.rstrip("\n")],
        ["propose", "--by", "Silje Salomonsen", "--kind", "merknad", "--text", MERKNAD],
        ["vote", "--on", "innstillingen", "--except", "3", "--unanimous"],
        ["vote", "--between", f"innstillingen,{pid('renolen-stryk', 'renolen-2')}", "--parts",
         "3", "--winner", "innstillingen", "--against", "1Ap, 5MDG, 4SV, 2R"],
        ["vote", "--on", pid("salomonsen-vennskapsby", "salomonsen"), "--against", "3V, 2KrF"],
        ["vote", "--on", pid("renolen-barekraft", "renolen"), "--against", "4FrP"],
        ["vote", "--on", pid("andreassen-teknologi", "andreassen"), "--against", "2R"],
        ["join", "--remark", "salomonsen" if ids else "salomonsen-2", "--parties",
         "Ap,H,FrP,MDG,PP,V,Sp,KrF,R"],
        ["item", "close"],
    ]


def cli_keystrokes(ids: bool = True) -> int:
    """Characters typed for the commands, each ended by Enter (quoting as a shell needs)."""
    return sum(len(shlex.join(["saksflyt", *c])) + 1 for c in cli_commands(ids))


class Keyboard:
    """Keys sent to whatever has the focus, as a person types them, counted: each character
    and each special key is one keystroke, a chord (Ctrl+Enter) two."""

    def __init__(self, driver: Any) -> None:
        self.driver = driver
        self.count = 0

    def type(self, *texts: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        for text in texts:
            ActionChains(self.driver).send_keys(text).perform()
            self.count += len(text)

    def chord(self, modifier: str, key: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self.driver).key_down(modifier).send_keys(key).key_up(modifier).perform()
        self.count += 2


def with_completion(text: str, vocabulary: list[str]) -> list[str]:
    """The keys a secretary types for `text` taking the console's word completion (Tab)
    wherever it offers the word meant, by the rule console.js follows: after two or more
    letters of a word, the first word of the page's vocabulary that starts with them and is
    at least two letters longer. A word is typed out where completing saves nothing."""
    keys, position = [], 0
    for found in re.finditer(r"[^\W\d_]+", text):
        keys.append(text[position:found.start()])
        word, position = found.group(), found.end()
        typed = word
        for n in range(2, len(word) - 1):
            offer = next((w for w in vocabulary if len(w) >= n + 2
                          and w.lower().startswith(word[:n].lower())), None)
            if offer is not None and word[:n] + offer[n:] == word:
                typed = word[:n] + "\ue004"  # Keys.TAB
                break
        keys.append(typed)
    keys.append(text[position:])
    return [k for k in keys if k]


def chromium(folder: Path) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1500,1300",
                 f"--user-data-dir={folder}", "--lang=nb"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(DRIVER), options=options)


@pytest.fixture
def browsers(tmp_path: Path) -> Iterator[tuple[Any, Any]]:
    if not (os.path.exists(CHROMIUM) and os.path.exists(DRIVER)):
        if os.environ.get("CI"):
            pytest.fail("CI must have chromium and chromium-driver (.ci/run installs them)")
        pytest.skip("no Chromium here (apt-get install chromium chromium-driver)")
    desk, room = chromium(tmp_path / "desk"), chromium(tmp_path / "room")
    try:
        yield desk, room
    finally:
        desk.quit()
        room.quit()


def sign_in(driver: Any, url: str, name: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(url)
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form.login button").click()


def test_the_council_meeting_logged_in_the_console(council_store: str, browsers: Any,
                                                   tmp_path: Path, expected_dir: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    desk, room = browsers
    add_user(council_store, "Kari Sekretær", "sekretær", token=False)
    add_user(council_store, "Sal Skjerm", "lesetilgang", token=False)
    shots = Path(os.environ.get("SAKSFLYT_SCREENSHOTS", tmp_path))
    kb, slips = Keyboard(desk), Keyboard(desk)
    TAB, ENTER, ESC = Keys.TAB, Keys.ENTER, Keys.ESCAPE

    def wait_for(driver: Any, test: Any, seconds: float = 10) -> Any:
        return WebDriverWait(driver, seconds, poll_frequency=0.05).until(lambda _: test())

    def page_loaded(path_part: str) -> None:
        wait_for(desk, lambda: path_part in desk.current_url and desk.execute_script(
            "return document.readyState") == "complete")

    def focused() -> Any:
        return desk.switch_to.active_element

    def console_settled() -> None:
        wait_for(desk, lambda: "/sak/19/8286" in desk.current_url
                 and desk.execute_script("return document.readyState") == "complete"
                 and focused().get_attribute("id") in ("by", "tally", "parties", "close"))

    def screen_result(sentence: str) -> None:
        wait_for(room, lambda: sentence in room.find_element(By.ID, "screen-texts").text, 5)

    before = last_position(council_store)
    with running_server(council_store, "--insecure-cookies") as server:
        sign_in(desk, server.url + "/moter", "Kari Sekretær")
        page_loaded("/moter")
        # The case postponed on 2019-06-13 is offered: its result, then set up the meeting.
        kb.type("b", TAB, ENTER)
        page_loaded(quote(MEETING))
        assert "87/19" in desk.find_element(By.TAG_NAME, "table").text
        kb.type(ENTER)  # Åpne: the item's console
        console_settled()
        assert focused().get_attribute("id") == "by"

        sign_in(room, server.url + f"/skjerm/{quote(MEETING)}", "Sal Skjerm")
        wait_for(room, lambda: "Sak 87/19" in room.find_element(By.ID, "screen-title").text)
        room.execute_script("window.notReloaded = true")

        def completed(text: str) -> list[str]:
            vocabulary = [o.get_attribute("value") for o in desk.find_elements(
                By.CSS_SELECTOR, "#vocabulary option")]
            keys = with_completion(text, vocabulary)
            texts_typed.append(sum(len(k) for k in keys))
            return keys

        def text_is(text: str) -> None:
            assert desk.find_element(By.ID, "text").get_attribute("value") == text

        texts_typed: list[int] = []
        kb.type("si", TAB, "t", TAB, *completed(SALOMONSEN))
        text_is(SALOMONSEN)
        kb.chord(Keys.CONTROL, ENTER)
        console_settled()
        kb.type("o", TAB, "t", TAB, *completed(BAREKRAFT))
        text_is(BAREKRAFT)
        kb.type(TAB, TAB, TAB, "apmdgspkrf", ENTER)  # parties typed as a tally's are
        console_settled()
        kb.type("o", TAB, "s", TAB, "3", TAB, Keys.ARROW_DOWN, ENTER)  # «Renolens forslag»
        console_settled()
        kb.type("an", TAB, "t", TAB, *completed(ANDREASSEN.rstrip("\n")))
        text_is(ANDREASSEN.rstrip("\n"))
        kb.chord(Keys.CONTROL, ENTER)
        console_settled()
        kb.type("si", TAB, "m", TAB, *completed(MERKNAD))
        text_is(MERKNAD)
        kb.chord(Keys.CONTROL, ENTER)
        console_settled()
        proposals = desk.find_element(By.CSS_SELECTOR, "ul.proposals").text
        assert "Renolens forslag (renolen-2, Ola Lund Renolen)" in proposals
        assert "pva Ap, MDG, Sp, KrF" in proposals
        plan = [li.text for li in desk.find_elements(By.CSS_SELECTOR, "ol.plan li")]
        assert plan[0].startswith("Innstillingen unntatt avsnitt 3")
        assert plan[1].startswith("Alternativ votering: innstillingen avsnitt 3 eller Renolens")
        wait_for(room, lambda: room.find_element(By.ID, "screen-heading").text.startswith(
            "Til votering: Innstillingen unntatt avsnitt 3"), 5)

        kb.type(ESC)  # from the empty proposal form to the vote
        assert focused().get_attribute("id") == "tally"
        kb.type("e")  # enstemmig, saved at once
        console_settled()
        screen_result("Innstillingen unntatt avsnitt 3 ble enstemmig vedtatt.")

        kb.type("1ap5mdg4sv2r")
        wait_for(desk, lambda: "avgitt for Renolens forslag. (55 for, 12 mot)" in desk.find_element(
            By.ID, "vote-preview").text)  # shown before it is saved
        desk.save_screenshot(str(shots / "konsoll.png"))
        kb.type(ENTER)
        console_settled()
        screen_result("Ved alternativ votering mellom innstillingen avsnitt 3 og Renolens "
                      "forslag ble innstillingen vedtatt mot 12 stemmer (1Ap, 5MDG, 4SV, 2R)")

        # A slip: the vote on Salomonsen's proposal with only V's votes, then undone.
        slips.type("3v", ENTER)
        console_settled()
        screen_result("Salomonsens forslag ble vedtatt mot 3 stemmer (3V).")
        slips.type(ESC, "u", ENTER)
        console_settled()
        assert "angret steg" in desk.page_source
        kb.type("3v2krf", ENTER)
        console_settled()
        screen_result("Salomonsens forslag ble vedtatt mot 5 stemmer (3V, 2KrF).")
        kb.type("4frp", ENTER)
        console_settled()
        screen_result("Renolens tilleggsforslag ble vedtatt mot 4 stemmer (4FrP).")
        kb.type("2r", ENTER)
        console_settled()
        screen_result("Andreassens forslag ble vedtatt mot 2 stemmer (2R).")
        room.save_screenshot(str(shots / "salskjerm.png"))

        # A slip: the item closed before the remark was joined, reopened with a reason.
        assert focused().get_attribute("id") == "parties"
        slips.type(ESC, "a", ENTER)
        wait_for(desk, lambda: desk.find_elements(By.ID, "reason"))
        desk.find_element(By.ID, "reason").click()
        slips.type("Merknaden var ikke ført", ENTER)
        console_settled()
        # The record names the joining parties in the order they were announced.
        kb.type("aphfrpmdgppvspkrfr", ENTER)
        console_settled()
        assert "FLERTALLSMERKNAD - SV, Ap, H, FrP, MDG, PP, V, Sp, KrF, R:" in desk.find_element(
            By.ID, "decision").text
        kb.type(ENTER)  # Avslutt behandlingen
        wait_for(desk, lambda: "Behandlingen er avsluttet" in desk.page_source)
        decision_shown = desk.find_element(By.ID, "decision").text
        points = [p.text for p in desk.find_elements(By.CSS_SELECTOR, "#decision ol > li")]
        wait_for(room, lambda: room.find_element(By.ID, "screen-heading").text
                 == "Behandlingen er avsluttet", 5)
        assert room.execute_script("return window.notReloaded") is True
        room.get("about:blank")  # the screen's event stream ends before the server stops
    recorded = (expected_dir / "vedtak-bystyret-2019-08-29.txt").read_text(encoding="utf-8")
    vedtak = saksflyt("vedtak", "19/8286", db=council_store)
    assert vedtak.returncode == 0, vedtak.stderr
    assert fold(vedtak.stdout) == fold(recorded)
    # The page shows «- » lines as a list: the same words without the dashes, and the points
    # the record numbers 1. to 5. as an ordered list (the browser draws the numbers).
    assert fold(decision_shown) == fold(re.sub(r"(?m)^- (\d+\. )?", "", recorded))
    assert len(points) == 5 and points[0] == "Globalt partnerskap og solidaritet"

    # As if the slips never happened: the protocol is the full replay's, word for word.
    full = f"sqlite:///{tmp_path / 'full.db'}"
    assert saksflyt("replay", str(ROOT / "examples" / "19-8286.yaml"), db=full).returncode == 0
    protocol = ["protocol", "19/8286", "--meeting", MEETING, "--format", "text"]
    assert saksflyt(*protocol, db=council_store).stdout == saksflyt(*protocol, db=full).stdout

    history = saksflyt("history", "19/8286", db=council_store).stdout
    assert "angret: votering" in history
    assert "åpnet igjen: Merknaden var ikke ført" in history
    written = events(council_store, before)
    assert {row.actor for row in written} == {"Kari Sekretær"}
    types = [row.type for row in written]
    assert types.count("vote.held") == 6 and types.count("item.step_retracted") == 1
    assert types.count("item.closed") >= 2 and types.count("item.reopened") == 1

    console_keys, cli_keys, shortest = kb.count, cli_keystrokes(), cli_keystrokes(ids=False)
    texts = len(SALOMONSEN) + len(BAREKRAFT) + len(ANDREASSEN.rstrip("\n")) + len(MERKNAD)
    print(f"\nkeystrokes: console {console_keys} (slips {slips.count}; the proposal texts "
          f"{sum(texts_typed)} keys for {texts} characters), command line {cli_keys} "
          f"(shortest {shortest})")
    # Against the shortest command line that logs the same meeting, each text typed out.
    assert console_keys * 2 <= shortest < cli_keys
    # The rest of the steps (beside the texts): at most an eighth of the command line's.
    assert (console_keys - sum(texts_typed)) * 8 <= shortest - texts


def test_the_shortest_command_line_counted_logs_the_same_meeting(council_store: str,
                                                                 expected_dir: Path) -> None:
    """The command line the console is compared with is a real one: run, it gives the
    recorded vedtak."""
    for command in cli_commands(ids=False):
        done = saksflyt(*command, db=council_store)
        assert done.returncode == 0, (command, done.stderr)
    recorded = (expected_dir / "vedtak-bystyret-2019-08-29.txt").read_text(encoding="utf-8")
    vedtak = saksflyt("vedtak", "19/8286", db=council_store)
    assert fold(vedtak.stdout) == fold(recorded)
