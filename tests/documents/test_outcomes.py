"""The saksprotokoll for the newer outcomes and steps, in text and in Word (read back with
python-docx), bokmål and nynorsk: a debated interpellasjon, send_back and refer, a close vote
with both sides counted, bold proposer lines and remark headings (data/outcomes.yaml), and,
from live logging, an inhabil member's deputy and corrections before and after approval."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document

from documents.compose import protocol_markup, render_markup
from documents.files import write_protocol
from engine.read.views import find_item
from tests.documents.conftest import LIVE

SCENARIO = Path(__file__).parent / "data" / "outcomes.yaml"
COUNCIL = "Bystyret 2026-02-12"
COMMITTEE = "Oppvekstkomiteen 2026-01-20"


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    """The registry and every case of data/outcomes.yaml, replayed into a real SQLite file."""
    from engine.app.repository import commit, require_case, workspace
    from engine.scenario.apply import apply_scenario
    from engine.store.eventstore import EventStore

    store = EventStore(f"sqlite:///{tmp_path_factory.mktemp('outcomes') / 'saksflyt.db'}")
    ws = workspace(store)
    apply_scenario(ws, SCENARIO)
    commit(store, ws, actor="test")
    try:
        loaded = {a: require_case(store, a) for a in ("26/1", "26/2", "26/3", "26/4", "26/5")}
        return loaded["26/1"][0], {a: case for a, (_, case) in loaded.items()}
    finally:
        store.close()


def text_lines(outcomes, arkivsak: str, meeting: str, language: str = "nb") -> list[str]:
    registry, cases = outcomes
    case = cases[arkivsak]
    markup = protocol_markup(registry, case, find_item(case, meeting), language)
    return render_markup(markup, "text").splitlines()


def docx_of(outcomes, arkivsak: str, meeting: str, path: Path, language: str = "nb"):
    registry, cases = outcomes
    case = cases[arkivsak]
    write_protocol(registry, case, find_item(case, meeting), path, language)
    return Document(str(path))


def paragraph(doc, text: str):  # type: ignore[no-untyped-def]
    found = [p for p in doc.paragraphs if p.text == text]
    assert found, f"no paragraph {text!r} in {[p.text for p in doc.paragraphs]}"
    return found[0]


def is_bold(p) -> bool:  # type: ignore[no-untyped-def]
    return bool(p.runs) and all(run.bold for run in p.runs)


def header(doc) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}


# --- a debated interpellasjon ------------------------------------------------------------------

@pytest.mark.parametrize(("language", "result", "behandling", "vedtak"), [
    ("nb", "Resultat: Debattert", "Behandling:", "Vedtak:"),
    ("nn", "Resultat: Debattert", "Handsaming:", "Vedtak:"),
])
def test_interpellasjon_without_a_vote_reads_as_a_debate(outcomes, language: str, result: str,
                                                         behandling: str, vedtak: str) -> None:
    lines = text_lines(outcomes, "26/1", COUNCIL, language)
    assert result in lines
    assert vedtak not in lines and "Annet forslag vedtatt" not in " ".join(lines)
    handling = lines[lines.index(behandling) + 1:]
    body = [line for line in handling if line]
    assert body == ["Spørsmål:",
                    "Hva vil ordføreren gjøre for å korte ned ventetiden i barnevernet?",
                    "Sara Berg la fram interpellasjonen.",
                    "Ordfører Kari Nordmann svarte på interpellasjonen."]


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_interpellasjon_docx(outcomes, tmp_path: Path, language: str) -> None:
    doc = docx_of(outcomes, "26/1", COUNCIL, tmp_path / "i.docx", language)
    assert header(doc)["Resultat:"] == "Debattert"
    texts = [p.text for p in doc.paragraphs]
    assert "Vedtak:" not in texts
    assert is_bold(paragraph(doc, "Spørsmål:"))
    assert not is_bold(paragraph(doc, "Sara Berg la fram interpellasjonen."))


@pytest.mark.parametrize(("language", "result", "vote"), [
    ("nb", "Resultat: Forslag vedtatt",
     "Hansens forslag ble vedtatt med 23 (20Ap, 3SV) mot 12 (12H) stemmer."),
    ("nn", "Resultat: Framlegg vedteke",
     "Hansens framlegg vart vedteke med 23 (20Ap, 3SV) mot 12 (12H) røyster."),
])
def test_interpellasjon_with_an_adopted_proposal(outcomes, language: str, result: str,
                                                 vote: str) -> None:
    lines = text_lines(outcomes, "26/2", COUNCIL, language)
    assert result in lines and vote in lines
    assert "Bystyret ber kommunedirektøren prioritere brøyting av gang- og sykkelveier." in lines
    assert lines.index("Spørsmål:") < lines.index(
        "Vil ordføreren prioritere brøyting av gang- og sykkelveier?")


# --- send_back and refer -------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "arkivsak", "meeting", "line"), [
    ("nb", "26/3", COMMITTEE, "Saken ble oversendt til Helse- og velferdskomiteen."),
    ("nn", "26/3", COMMITTEE, "Saka vart oversend til Helse- og velferdskomiteen."),
    ("nb", "26/4", COMMITTEE, "Saken ble sendt tilbake til administrasjonen."),
    ("nn", "26/4", COMMITTEE, "Saka vart send attende til administrasjonen."),
    ("nb", "26/3", COUNCIL, "Saken ble sendt tilbake til Helse- og velferdskomiteen."),
    ("nn", "26/3", COUNCIL, "Saka vart send attende til Helse- og velferdskomiteen."),
])
def test_send_back_and_refer_are_listed_under_behandling(outcomes, language: str,
                                                         arkivsak: str, meeting: str,
                                                         line: str) -> None:
    lines = text_lines(outcomes, arkivsak, meeting, language)
    heading = "Behandling:" if language == "nb" else "Handsaming:"
    assert lines.index(heading) < lines.index(line)


def test_send_back_docx(outcomes, tmp_path: Path) -> None:
    doc = docx_of(outcomes, "26/4", COMMITTEE, tmp_path / "r.docx")
    assert header(doc)["Resultat:"] == "Sendt tilbake"
    texts = [p.text for p in doc.paragraphs]
    assert texts.index("Behandling:") < texts.index("Saken ble sendt tilbake til "
                                                    "administrasjonen.")
    assert "Saken sendes tilbake til kommunedirektøren for en ny verdivurdering." in texts


# --- close votes, bold proposer lines and remark headings -----------------------------------------

@pytest.mark.parametrize(("language", "lines_wanted"), [
    ("nb", ["Hansens forslag falt med 15 (12H, 3SV) mot 20 (20Ap) stemmer.",
            "Innstillingen ble enstemmig vedtatt.", "FLERTALLSMERKNAD - Ap, SV:"]),
    ("nn", ["Hansens framlegg fall med 15 (12H, 3SV) mot 20 (20Ap) røyster.",
            "Innstillinga vart samrøystes vedteken.", "FLEIRTALSMERKNAD - Ap, SV:"]),
])
def test_close_vote_wording(outcomes, language: str, lines_wanted: list[str]) -> None:
    lines = text_lines(outcomes, "26/5", COUNCIL, language)
    for line in lines_wanted:
        assert line in lines


@pytest.mark.parametrize(("language", "bold", "plain"), [
    ("nb", ["Tone Lie (Ap), merknad:", "Per Hansen (H), endringsforslag:",
            "FLERTALLSMERKNAD - Ap, SV:"],
     ["Skolene skal være åpne for nærmiljøet.", "Innstillingen ble enstemmig vedtatt."]),
    ("nn", ["Tone Lie (Ap), merknad:", "Per Hansen (H), endringsframlegg:",
            "FLEIRTALSMERKNAD - Ap, SV:"],
     ["Skolene skal være åpne for nærmiljøet.", "Innstillinga vart samrøystes vedteken."]),
])
def test_proposer_lines_and_remark_headings_are_bold(outcomes, tmp_path: Path, language: str,
                                                     bold: list[str], plain: list[str]) -> None:
    doc = docx_of(outcomes, "26/5", COUNCIL, tmp_path / "b.docx", language)
    for text in bold:
        assert is_bold(paragraph(doc, text)), text
    for text in plain:
        assert not any(run.bold for run in paragraph(doc, text).runs), text


def test_bold_lines_in_markdown(outcomes) -> None:
    registry, cases = outcomes
    case = cases["26/5"]
    md = render_markup(protocol_markup(registry, case, find_item(case, COUNCIL)), "md")
    assert "**Per Hansen (H), endringsforslag:**" in md.splitlines()
    assert "**FLERTALLSMERKNAD - Ap, SV:**" in md.splitlines()


# --- live logging: an inhabil member's deputy, corrections ------------------------------------

def live_case(store):  # type: ignore[no-untyped-def]
    from engine.app.repository import require_case

    return require_case(store, "30/1")


@pytest.mark.parametrize(("language", "ruling", "correction"), [
    ("nb", "Hanne Høyre ble erklært inhabil og fratrådte under behandlingen av saken.",
     "Rettet etter godkjenning {date}: Skrivefeil i protokollen."),
    ("nn", "Hanne Høyre vart kjend inhabil og fråtredde under handsaminga av saka.",
     "Retta etter godkjenning {date}: Skrivefeil i protokollen."),
])
def test_deputy_and_corrections_in_the_item_protocol(live_store, language: str, ruling: str,
                                                     correction: str) -> None:
    registry, case = live_case(live_store)
    markup = protocol_markup(registry, case, find_item(case, LIVE), language)
    lines = render_markup(markup, "text").splitlines()
    deputy = "Harald Vara møtte som varamedlem for Hanne Høyre."
    assert lines.index(ruling) + 2 == lines.index(deputy)
    # The correction before approval is applied, and not noted.
    vote = [line for line in lines if line.startswith(("Vidar", "V' ", "Vs "))]
    assert any("mot 3 stemmer (3H)" in line or "mot 3 røyster (3H)" in line for line in vote)
    assert not any("Feil tall ført" in line for line in lines)
    # The correction after approval is applied too, and noted with its date, last.
    today = dt.date.today().strftime("%d.%m.%Y")
    assert lines[-1] == correction.format(date=today)
    assert "Parken får to lekeplasser." in lines


def test_deputy_and_correction_docx(live_store, tmp_path: Path) -> None:
    registry, case = live_case(live_store)
    path = write_protocol(registry, case, find_item(case, LIVE), tmp_path / "live.docx")
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    assert "Harald Vara møtte som varamedlem for Hanne Høyre." in texts
    today = dt.date.today().strftime("%d.%m.%Y")
    assert f"Rettet etter godkjenning {today}: Skrivefeil i protokollen." in texts
    assert is_bold(paragraph(doc, "Vidar V (V), tilleggsforslag:"))


def test_deputy_for_an_absent_member_is_not_in_the_item_protocol(db_url: str) -> None:
    """Only an inhabil member's deputy belongs to the item; meeting-wide deputies are in the
    møteprotokoll."""
    from documents.protocol import build_protocol
    from engine.domain.deliberation import Outcome
    from engine.domain.state import Case, Item, Registry

    item = Item(meeting=LIVE, body="Bystyret", date="2030-01-10", sak="1/30", stage=0,
                role="vedtak", base=())
    item.deputies = [("Harald Vara", "Hanne Høyre")]
    item.outcome = Outcome("decided", ())
    case = Case(arkivsak="30/1", title="Ny park", workflow="politisk-sak", route=[],
                original=(), recommendation=(), items=[item])
    protocol = build_protocol(Registry(), case, item)
    assert not [e for e in protocol.handling if e.type == "deputy"]


# --- the dossier: a new saksframlegg after a return, and a withdrawn case ---------------------

@pytest.mark.parametrize(("language", "withdrawn", "again", "recommendation"), [
    ("nb", "Saken ble trukket 30.01.2026 av Kommunedirektøren: Kommunedirektøren trekker "
           "saken; tomten skal ikke selges nå.",
     "Saken ble sendt tilbake til administrasjonen og lagt fram på nytt 25.01.2026.",
     "Forslag til innstilling:"),
    ("nn", "Saka vart trekt 30.01.2026 av Kommunedirektøren: Kommunedirektøren trekker "
           "saken; tomten skal ikke selges nå.",
     "Saka vart send attende til administrasjonen og lagd fram på nytt 25.01.2026.",
     "Framlegg til innstilling:"),
])
def test_dossier_of_a_resubmitted_and_withdrawn_case(outcomes, tmp_path: Path, language: str,
                                                     withdrawn: str, again: str,
                                                     recommendation: str) -> None:
    from documents.files import write_dossier

    registry, cases = outcomes
    path = write_dossier(registry, cases["26/4"], tmp_path / "d.docx", language)
    paragraphs = Document(str(path)).paragraphs
    texts = [p.text for p in paragraphs]
    assert texts[1:3] == ["Salg av tomt i Havnegata", withdrawn]
    # The new saksframlegg (its own date, author and recommendation) before the original,
    # each under its heading in the dossier (its entry in the table of contents).
    headings = [(i, p.text) for i, p in enumerate(paragraphs)
                if p.style.name == "Heading 2" and p.text.startswith("Saksframlegg")]
    again_word = "lagt" if language == "nb" else "lagd"
    assert headings[0][1] == f"Saksframlegg ({again_word} fram på nytt) - 25.01.2026"
    (new, _), (original, _) = headings
    assert new < original
    assert texts[texts.index(again) + 1] == "Verdivurderingen er gjort på nytt."
    assert texts[texts.index(again, new) + 2:texts.index(again, new) + 4] == [
        recommendation, "Tomten i Havnegata selges for minst 5 millioner kroner."]
    assert texts[original:].count("Tomten i Havnegata selges.") == 1
    table_values = [row.cells[1].text for table in Document(str(path)).tables
                    for row in table.rows]
    assert "Kommunedirektøren i Prøveby" in table_values and "25.01.2026" in table_values


def test_bold_markup_and_record_text_that_looks_like_it() -> None:
    from documents import markup as mk

    blocks = mk.parse("**Per Hansen (H), forslag:**\n" + mk.literal("**ikke fet**"))
    assert blocks == [mk.Para("Per Hansen (H), forslag:", strong=True),
                      mk.Para("**ikke fet**")]
    assert mk.to_text(blocks) == "Per Hansen (H), forslag:\n\n**ikke fet**\n"


def test_a_referred_advisory_item_gives_no_statement() -> None:
    from documents.compose import statements
    from engine.domain.deliberation import Outcome
    from engine.domain.events import Stage
    from engine.domain.state import Case, Item
    from engine.domain.text import Paragraph

    def advisory(body: str, kind: str, words: str) -> Item:
        item = Item(meeting=f"{body} 2026-01-10", body=body, date="2026-01-10", sak="1/26",
                    stage=0, role="uttalelse", base=())
        item.outcome = Outcome(kind, (Paragraph("x#1", words),))  # type: ignore[arg-type]
        return item

    case = Case(arkivsak="26/9", title="Plan", workflow="hoeringssak",
                route=[Stage(body="Eldrerådet", role="uttalelse"),
                       Stage(body="Ungdomsrådet", role="uttalelse"),
                       Stage(body="Bystyret", role="vedtak")], original=(), recommendation=(),
                items=[advisory("Eldrerådet", "referred", "Saken oversendes."),
                       advisory("Ungdomsrådet", "decided", "Rådet støtter planen.")])
    case.items[1].stage = 1
    assert [(s.body, s.first) for s in statements(case)] == [
        ("Ungdomsrådet", "Rådet støtter planen.")]
