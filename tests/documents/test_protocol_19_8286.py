"""The protocols of case 19/8286 against the municipality's record (expected/)."""

from __future__ import annotations

import pytest

from documents.compose import protocol_markup, render_markup
from engine.read.views import find_item
from tests.conftest import fold
from tests.documents.conftest import section

HEADINGS = ("Vedtak:", "Behandling:", "Votering:")


def text_protocol(case_19_8286, meeting: str, language: str = "nb") -> str:
    registry, case = case_19_8286
    return render_markup(protocol_markup(registry, case, find_item(case, meeting), language),
                         "text")


def test_bystyret_votering_equals_the_record(case_19_8286, expected_dir) -> None:
    text = text_protocol(case_19_8286, "Bystyret 2019-08-29")
    expected = (expected_dir / "votering-bystyret-2019-08-29.txt").read_text(encoding="utf-8")
    assert fold(section(text, "Votering:", HEADINGS)) == fold(expected)


def test_bystyret_vedtak_equals_the_record(case_19_8286, expected_dir) -> None:
    text = text_protocol(case_19_8286, "Bystyret 2019-08-29")
    expected = (expected_dir / "vedtak-bystyret-2019-08-29.txt").read_text(encoding="utf-8")
    assert fold(section(text, "Vedtak:", HEADINGS)) == fold(expected)


def test_postponed_committee_protocol_carries_the_recommendation(case_19_8286,
                                                                 expected_dir) -> None:
    text = text_protocol(case_19_8286, "Finans- og næringskomiteen 2019-05-09")
    vedtak = section(text, "Vedtak:", HEADINGS)
    before, marker, after = vedtak.partition("Følgende innstilling følger saken.")
    assert marker
    assert fold(before).startswith("Saken utsettes til neste møte")
    expected = (expected_dir / "innstilling-folger-saken-2019-05-09.txt").read_text(
        encoding="utf-8")
    assert fold(after) == fold(expected)
    assert "Momyrs utsettelsesforslag ble enstemmig vedtatt." in text


def test_header_fields(case_19_8286) -> None:
    text = text_protocol(case_19_8286, "Finans- og næringskomiteen 2019-05-28")
    for line in ("Utvalg: Finans- og næringskomiteen", "Møtedato: 28.05.2019", "Sak: 29/19",
                 "Tittel: Saksprotokoll - Internasjonal strategi Trondheim kommune 2019 - 2022",
                 "Resultat: Annet forslag vedtatt", "Arkivsak: 19/8286"):
        assert line in text.splitlines()
    assert "Saken sendes bystyret med slik" in text
    assert "Saksordfører: Tom Christian Lindvåg (Ap)" in text


@pytest.mark.parametrize(("meeting", "result"), [
    ("Bystyret 2019-06-13", "Saken utsatt"),
    # The record: "Resultat: Behandlet" for an advisory body that took the case to
    # information, as for one that gave a statement.
    ("Ungdommens bystyre 2019-04-02", "Behandlet"),
    ("Mangfoldsrådet 2019-03-26", "Behandlet"),
    ("Bystyret 2019-08-29", "Behandlet"),
])
def test_result_labels(case_19_8286, meeting: str, result: str) -> None:
    assert f"Resultat: {result}" in text_protocol(case_19_8286, meeting).splitlines()


def test_postponement_by_agenda_has_no_decision(case_19_8286) -> None:
    text = text_protocol(case_19_8286, "Bystyret 2019-06-13")
    assert "Vedtak:" not in text
    assert fold(section(text, "Behandling:", HEADINGS)) == (
        "Saken ble utsatt til bystyrets møte 29.08.2019.")


def test_advisory_statement_and_group_proposer(case_19_8286, expected_dir) -> None:
    text = text_protocol(case_19_8286, "Mangfoldsrådet 2019-03-26")
    assert "Mangfoldsrådet gir følgende" in text and "UTTALELSE:" in text
    # The record's words: a member's forslag of the statement's text is the council's joint
    # statement.
    assert "Ismail Mohamed (H) fremmet følgende felles uttalelse:" in text
    assert "Ismail Salad Elmi (Ap) fremmet følgende felles uttalelse:" in text
    text = text_protocol(case_19_8286,
                         "Kommunalt råd for mennesker med nedsatt funksjonsevne 2019-03-26")
    assert "Forslag fra Rådets medlemmer ble enstemmig vedtatt." in text
    assert "Rådets medlemmer fremmet følgende felles uttalelse:" in text


def test_behandling_names_people_kinds_and_strikes(case_19_8286) -> None:
    text = text_protocol(case_19_8286, "Bystyret 2019-08-29")
    behandling = section(text, "Behandling:", HEADINGS)
    assert "Ola Lund Renolen (MDG), tilleggsforslag pva Ap, MDG, Sp, KrF:" in behandling
    assert "Følgende tekst i innstillingen strykes:" in behandling
    assert '"Denne internasjonale strategien skal bidra' in behandling
    text = text_protocol(case_19_8286, "Trondheim Studentråd 2019-03-26")
    # The record's words in an advisory council: "fremmet følgende fellesforslag:".
    assert "Ragnhild Karlsen Dalslåen (Velferdstinget) fremmet følgende fellesforslag:" in text


def test_nynorsk(case_19_8286) -> None:
    text = text_protocol(case_19_8286, "Bystyret 2019-08-29", "nn")
    for words in ("Handsaming:", "Røysting:", "Innstillinga unnateke avsnitt 3 vart samrøystes "
                  "vedteken.", "FLEIRTALSMERKNAD - SV", "Utval: Bystyret"):
        assert words in text
    assert "Saka utsett" in text_protocol(case_19_8286, "Bystyret 2019-06-13", "nn")
