"""Lists of the record as documents show them: numbered points, the record's own labels,
bullets and nested points, the same in the text, Markdown and Word forms."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from documents import markup as mk
from documents.docx_writer import write_docx
from documents.house import Properties
from documents.lists import classify
from engine.domain.text import render_plain
from tests.documents.wordread import labels, text_of


def kinds(items: list[tuple[int, str]]) -> list[tuple[str, str, str]]:
    return [(e.kind, e.label, e.words) for e in classify(items)]


def test_points_numbered_in_order_are_a_numbered_list() -> None:
    entries = classify([(1, "1. Globalt partnerskap"), (1, "2. Vennskapsbysamarbeid")])
    assert [(e.kind, e.words, e.start, e.style, e.suffix) for e in entries] == [
        ("number", "Globalt partnerskap", 1, "decimal", "."),
        ("number", "Vennskapsbysamarbeid", 1, "decimal", ".")]
    # A list may start at another number, and count letters.
    assert classify([(1, "3) tre"), (1, "4) fire")])[0].start == 3
    assert [e.style for e in classify([(1, "a) en"), (1, "b) to")])] == ["lowerLetter"] * 2


def test_labels_the_record_writes_by_hand_are_kept_as_labels() -> None:
    assert kinds([(1, "2.2: Det er et godt initiativ"), (1, "2.3: Studentrådet setter")]) == [
        ("label", "2.2:", "Det er et godt initiativ"), ("label", "2.3:", "Studentrådet setter")]
    # Numbers out of order are the record's labels, not a count.
    assert kinds([(1, "1. en"), (1, "3. tre")]) == [("label", "1.", "en"), ("label", "3.", "tre")]


def test_bullets_stay_bullets_and_a_year_is_no_label() -> None:
    assert kinds([(1, "hvordan strategiens kapittel 3.3 skal bidra"), (1, "2019: et år")]) == [
        ("bullet", "", "hvordan strategiens kapittel 3.3 skal bidra"),
        ("bullet", "", "2019: et år")]


def test_nested_points_are_counted_under_their_item() -> None:
    entries = classify([(1, "1. Trafikk"), (2, "a) fart"), (2, "b) lys"), (1, "2. Skole"),
                        (2, "a) skolevei")])
    assert [(e.level, e.kind, e.label, e.group) for e in entries] == [
        (1, "number", "1.", 0), (2, "number", "a)", 1), (2, "number", "b)", 1),
        (1, "number", "2.", 0), (2, "number", "a)", 2)]


def test_a_nested_point_in_the_record_survives_the_decision_text() -> None:
    paragraph = "Tiltak:\n- 1. Trafikk\n  - fartsdumper\n  - bedre\n    belysning\n- 2. Skole"
    assert render_plain([paragraph]) == (
        "Tiltak:\n\n- 1. Trafikk\n  - fartsdumper\n  - bedre belysning\n- 2. Skole")


MARKUP = """Tiltak:
- 1. Trafikk
  - fartsdumper
  - bedre belysning
- 2. Skole

Studentrådet ønsker å trekke frem:
- 2.2: Et godt initiativ
- 2.3: Bærekraft
"""


def test_text_writes_lists_as_the_record_does() -> None:
    assert mk.to_text(mk.parse(MARKUP)) == (
        "Tiltak:\n\n- 1. Trafikk\n  - fartsdumper\n  - bedre belysning\n- 2. Skole\n\n"
        "Studentrådet ønsker å trekke frem:\n\n- 2.2: Et godt initiativ\n- 2.3: Bærekraft\n")


def test_markdown_has_a_real_ordered_list_with_nested_bullets() -> None:
    assert mk.to_markdown(mk.parse(MARKUP)) == (
        "Tiltak:\n\n1. Trafikk\n   - fartsdumper\n   - bedre belysning\n2. Skole\n\n"
        "Studentrådet ønsker å trekke frem:\n\n- 2.2: Et godt initiativ\n- 2.3: Bærekraft\n")


@pytest.fixture(scope="module")
def listed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lists") / "lists.docx"
    return write_docx(MARKUP, path, Properties("Lister", "Lister", "Prøveby kommune"))


def test_word_counts_the_numbers_and_shows_the_labels(listed: Path) -> None:
    doc = Document(str(listed))
    paragraphs = [p._p for p in doc.paragraphs]
    shown = [(found, text_of(p)) for p, found in zip(paragraphs, labels(doc, paragraphs),
                                                      strict=True) if found]
    assert shown == [((1, "1."), "Trafikk"), ((2, ""), "fartsdumper"),
                     ((2, ""), "bedre belysning"), ((1, "2."), "Skole"),
                     ((1, "2.2:"), "Et godt initiativ"), ((1, "2.3:"), "Bærekraft")]
    styles = {p.text: p.style.name for p in doc.paragraphs}
    assert styles["Trafikk"] == styles["fartsdumper"] == styles["Et godt initiativ"] == (
        "List Paragraph")
    # The lead of a list stays with it on the page.
    lead = next(p for p in doc.paragraphs if p.text == "Tiltak:")
    assert lead.paragraph_format.keep_with_next is True


def test_each_list_counts_from_its_own_start(tmp_path: Path) -> None:
    markup = "Først:\n- 1. en\n- 2. to\n\nSå:\n- 1. igjen\n"
    doc = Document(str(write_docx(markup, tmp_path / "to.docx",
                                  Properties("t", "s", None))))
    paragraphs = [p._p for p in doc.paragraphs]
    assert [found[1] for found in labels(doc, paragraphs) if found] == ["1.", "2.", "1."]


NESTED = """saksflyt: 1
municipality: Prøveby kommune
parties: {Ap: Arbeiderpartiet, H: Høyre}
bodies:
  - {name: Bystyret, kind: council, seats: {Ap: 5, H: 4}}
people: {Anne Ap: Ap, Hans H: H}
cases:
  - arkivsak: 30/7
    title: Trafikkplan
    recommendation:
      - |
        Tiltakene prioriteres slik:
        - 1. Trygge skoleveier
          - a) fartsdumper ved skolene
          - b) bedre belysning
        - 2. Lavere fart i boliggater
    route:
      - {body: Bystyret, role: vedtak}
meetings:
  - body: Bystyret
    date: 2030-03-01
    items:
      - sak: 5/30
        case: 30/7
        proceedings:
          - vote: {on: innstillingen, unanimous: true}
"""


def test_nested_points_from_a_scenario_file_to_the_decision_and_word(db_url: str,
                                                                     tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cli import main

    scenario = tmp_path / "nested.yaml"
    scenario.write_text(NESTED, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["--db", db_url, "replay", str(scenario)]).exit_code == 0
    decision = runner.invoke(main, ["--db", db_url, "vedtak", "30/7"])
    assert decision.stdout == ("Tiltakene prioriteres slik:\n\n- 1. Trygge skoleveier\n"
                               "  - a) fartsdumper ved skolene\n  - b) bedre belysning\n"
                               "- 2. Lavere fart i boliggater\n")
    out = tmp_path / "p.docx"
    result = runner.invoke(main, ["--db", db_url, "protocol", "30/7", "--meeting",
                                  "Bystyret 2030-03-01", "--format", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    paragraphs = [p._p for p in doc.paragraphs]
    shown = [(found, text_of(p)) for p, found in zip(paragraphs, labels(doc, paragraphs),
                                                      strict=True) if found]
    assert shown == [((1, "1."), "Trygge skoleveier"), ((2, "a)"), "fartsdumper ved skolene"),
                     ((2, "b)"), "bedre belysning"), ((1, "2."), "Lavere fart i boliggater")]
