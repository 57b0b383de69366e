"""Names and titles are data, never markup, in every format, even in a store written before
input was checked: a newline and "## Vedtak" in a title, a name that starts with "#" or "- ",
HTML in a name, and control characters still give the protocol the template writes."""

from __future__ import annotations

from pathlib import Path

from documents import markup as mk
from documents.compose import protocol_markup, render_markup
from documents.files import write_protocol
from engine.app.repository import require_case
from engine.domain import events as ev
from engine.store.eventstore import EventStore

TITLE = "Trafikkplan\n## Vedtak\nFalsk vedtak"
BODY = "# Overskrift-utvalget"
PERSON = "- Liste Person"


def _store(url: str) -> EventStore:
    store = EventStore(url)
    register = [ev.PartyRegistered(short="Ap", name="Arbeiderpartiet"),
                ev.BodyRegistered(name=BODY, kind="council", seats={"Ap": 3}),
                ev.PersonRegistered(name=PERSON, affiliation="Ap"),
                ev.PersonRegistered(name="<b>Kari</b> | x |", affiliation="Ap")]
    store.append([(ev.REGISTRY_STREAM, e) for e in register], {ev.REGISTRY_STREAM: 0})
    meeting = f"{BODY} 2025-01-07"
    stream = ev.case_stream("25/1")
    case = [
        ev.CaseOpened(arkivsak="25/1", title=TITLE, recommendation=[
            ev.ParagraphData(id="rec#1", text="Bystyret vedtar planen.")],
            route=[ev.Stage(body=BODY, role="vedtak")]),
        ev.ItemOpened(meeting=meeting, body=BODY, date="2025-01-07", sak="1/25", stage=0,
                      title=None),
        ev.NoteRecorded(meeting=meeting, text="Orientering\x1b[31m med escape\x07."),
        ev.RapporteurNamed(meeting=meeting, person=PERSON),
        ev.ProposalMade(meeting=meeting, id="a", by="<b>Kari</b> | x |", kind="tilleggsforslag",
                        effect=ev.Effect(kind="add", paragraphs=[
                            ev.ParagraphData(id="p:a#1", text="Nytt avsnitt.")])),
        ev.VoteHeld(meeting=meeting, on="a", unanimous=True, result="vedtatt"),
        ev.VoteHeld(meeting=meeting, on="innstillingen", part_ids=["rec#1"], unanimous=True,
                    result="vedtatt"),
        ev.ItemClosed(meeting=meeting),
    ]
    store.append([(stream, e) for e in case], {stream: 0})
    return store


def test_a_title_with_a_heading_in_it_stays_one_field(db_url: str, tmp_path: Path) -> None:
    store = _store(db_url)
    registry, case = require_case(store, "25/1")
    markup = protocol_markup(registry, case, case.items[0])
    headings = [b.text for b in mk.parse(markup) if isinstance(b, mk.Heading)]
    assert headings == ["Saksprotokoll", "Vedtak:", "Behandling:", "Votering:"]
    fields = dict(next(b for b in mk.parse(markup) if isinstance(b, mk.Fields)).rows)
    assert fields["Tittel:"] == "Saksprotokoll - Trafikkplan ## Vedtak Falsk vedtak"
    assert fields["Utvalg:"] == BODY
    lists = [b for b in mk.parse(markup) if isinstance(b, mk.ListBlock)]
    assert lists == []  # "- Liste Person" is a name, not a list item

    text = render_markup(markup, "text")
    assert "\x1b" not in text and "\x07" not in text
    assert "\nFalsk vedtak" not in text
    md = render_markup(markup, "md")
    assert "\n## Vedtak\n" not in md.replace("## Vedtak:", "")
    assert "<b>" not in md and "\\<b\\>" in md

    from documents.tracked import render_text
    from engine.read.compare import compare

    diff = render_text(compare(case, "forslag", "vedtak"), markdown=True)
    assert "\n## Vedtak" not in diff and "\nFalsk vedtak" not in diff
    assert "<b>" not in diff

    path = write_protocol(registry, case, case.items[0], tmp_path / "p.docx")
    from docx import Document

    document = Document(str(path))
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert [t for s, t in styles if s.startswith("Heading")] == [
        "Saksprotokoll", "Vedtak:", "Behandling:", "Votering:"]
    assert any("Orientering" in t for _, t in styles)
    store.close()


def test_literal_and_data_marks_escape_only_where_markup_would_start() -> None:
    assert mk.settle(mk.data_value("# x") + " gir følgende") == "\\# x gir følgende"
    assert mk.settle("Saksordfører: " + mk.data_value("# x")) == "Saksordfører: # x"
    assert mk.settle(mk.data_value("a\nb")) == "a b"
    assert mk.literal("**fet**\nvanlig") == "\\**fet**\nvanlig"
