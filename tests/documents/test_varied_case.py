"""A made-up case (data/varied.yaml) for what 19/8286 does not show: withdrawn proposals, word
amendments, a replaced paragraph, an inhabil member, fallen proposals, a chair's casting vote,
an oversendelsesforslag and a committee sending its recommendation to the formannskap."""

from __future__ import annotations

from pathlib import Path

import pytest

from documents.compose import protocol_markup, render_markup
from engine.read.views import find_item

SCENARIO = Path(__file__).parent / "data" / "varied.yaml"


@pytest.fixture(scope="module")
def varied(tmp_path_factory):
    from engine.app.repository import commit, require_case, workspace
    from engine.scenario.apply import apply_scenario
    from engine.store.eventstore import EventStore

    store = EventStore(f"sqlite:///{tmp_path_factory.mktemp('varied') / 'saksflyt.db'}")
    ws = workspace(store)
    apply_scenario(ws, SCENARIO)
    commit(store, ws, actor="test")
    try:
        return require_case(store, "20/100")
    finally:
        store.close()


def protocol(varied, meeting: str, language: str = "nb") -> list[str]:
    registry, case = varied
    markup = protocol_markup(registry, case, find_item(case, meeting), language)
    return render_markup(markup, "text").splitlines()


def test_committee_protocol(varied) -> None:
    lines = protocol(varied, "Oppvekstkomiteen 2020-02-01")
    for line in ("Saken sendes formannskapet med slik",
                 "Ola Vik ble erklært inhabil og fratrådte under behandlingen av saken.",
                 "Per Olsen (B), endringsforslag:",
                 'I avsnitt 2 i innstillingen endres "fjerde" til "andre".',
                 "Avsnitt 3 i innstillingen endres til:",
                 "Lise Berg (C), tilleggsforslag (trukket):",
                 "Olsens forslag falt med 3 (3B) mot 3 (2A, 1C) stemmer med møteleders "
                 "dobbeltstemme.",
                 "Bergs forslag ble vedtatt med 4 (1C, 3B) mot 2 (2A) stemmer.",
                 "Resultat: Annet forslag vedtatt"):
        assert line in lines


def test_council_protocol(varied) -> None:
    lines = protocol(varied, "Formannskapet 2020-03-01")
    for line in ('"Planen rulleres hvert fjerde år."', "Oversendelsesforslag:",
                 "Kommunedirektøren ser på skoleskyss.",
                 "Innstillingen unntatt avsnitt 2 ble enstemmig vedtatt.",
                 "Næss' forslag falt med 5 (5A) mot 6 (4B, 2C) stemmer.",
                 "Olsens forslag ble enstemmig vedtatt."):
        assert line in lines
    vedtak = lines[lines.index("Vedtak:"):lines.index("Behandling:")]
    assert "Planen rulleres hvert fjerde år." not in vedtak


def test_council_protocol_nynorsk(varied) -> None:
    lines = protocol(varied, "Formannskapet 2020-03-01", "nn")
    for line in ("Oversendingsframlegg:", "Næss' framlegg fall med 5 (5A) mot 6 (4B, 2C) røyster.",
                 "Lise Berg (C), strykingsframlegg:", "Røysting:", "Handsaming:"):
        assert line in lines
