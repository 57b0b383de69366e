"""Every sentence of Votering comes from the templates: hand-made vote lines and items."""

from __future__ import annotations

import pytest

from documents.naming import Name
from documents.protocol import VoteLine, build_protocol
from documents.templating import environment
from engine.domain import events as ev
from engine.domain.state import Body, Case, Item, Proposal, Registry
from engine.domain.text import Paragraph

RENOLEN = Name(genitive="Renolens", noun="forslag")


def say(line: VoteLine, language: str = "nb") -> str:
    module = environment(language).get_template("phrases.j2").module
    return str(module.vote(line)).strip()


@pytest.mark.parametrize(("line", "expected"), [
    (VoteLine("vote", subject=RENOLEN, unanimous=True), "Renolens forslag ble enstemmig vedtatt."),
    (VoteLine("vote", subject=RENOLEN, side="against", count=5, tally="3V, 2KrF"),
     "Renolens forslag ble vedtatt mot 5 stemmer (3V, 2KrF)."),
    (VoteLine("vote", subject=RENOLEN, side="against", count=1, tally="1R"),
     "Renolens forslag ble vedtatt mot 1 stemme (1R)."),
    (VoteLine("vote", subject=RENOLEN, side="against", count=12, tally=""),
     "Renolens forslag ble vedtatt mot 12 stemmer."),
    (VoteLine("vote", subject=RENOLEN, result="falt", side="against", count=40, tally="40Ap"),
     "Renolens forslag falt mot 40 stemmer (40Ap)."),
    (VoteLine("vote", subject=RENOLEN, result="falt", side="for", count=12, tally="7H, 5V"),
     "Renolens forslag fikk 12 stemmer (7H, 5V) og falt."),
    (VoteLine("vote", subject=RENOLEN, result="falt", side="for", count=33, tally="33H",
              casting_vote=True),
     "Renolens forslag fikk 33 stemmer (33H) og falt med møteleders dobbeltstemme."),
    (VoteLine("vote", subject=Name(recommendation=True, except_parts=(3,)), unanimous=True),
     "Innstillingen unntatt avsnitt 3 ble enstemmig vedtatt."),
    (VoteLine("vote", subject=Name(recommendation=True, parts=(1, 2, 4)), unanimous=True),
     "Innstillingen avsnitt 1, 2 og 4 ble enstemmig vedtatt."),
    (VoteLine("vote", subject=Name(group="Rådets medlemmer"), unanimous=True),
     "Forslag fra Rådets medlemmer ble enstemmig vedtatt."),
    (VoteLine("alternative", subject=Name(recommendation=True, parts=(3,)), other=RENOLEN,
              winner=Name(recommendation=True), loser=RENOLEN, side="against", count=12,
              tally="1Ap, 5MDG, 4SV, 2R"),
     "Ved alternativ votering mellom innstillingen avsnitt 3 og Renolens forslag ble "
     "innstillingen vedtatt mot 12 stemmer (1Ap, 5MDG, 4SV, 2R) avgitt for Renolens forslag."),
    (VoteLine("alternative", subject=Name(recommendation=True), other=RENOLEN,
              winner=Name(recommendation=True), loser=RENOLEN, unanimous=True),
     "Ved alternativ votering mellom innstillingen og Renolens forslag ble innstillingen "
     "enstemmig vedtatt."),
    (VoteLine("join", parties=("Ap", "H"), author="SV"),
     "Ap, H sluttet seg til merknaden fra SV."),
])
def test_bokmal_sentences(line: VoteLine, expected: str) -> None:
    assert say(line) == expected


def test_nynorsk_sentences() -> None:
    assert say(VoteLine("vote", subject=Name(recommendation=True), unanimous=True), "nn") == (
        "Innstillinga vart samrøystes vedteken.")
    assert say(VoteLine("vote", subject=RENOLEN, side="against", count=1, tally="1R"),
               "nn") == "Renolens framlegg vart vedteke mot 1 røyst (1R)."
    assert say(VoteLine("vote", subject=RENOLEN, result="falt", side="for", count=3,
                        tally="3V"), "nn") == "Renolens framlegg fekk 3 røyster (3V) og fall."


def _vote(meeting: str, **fields: object) -> ev.VoteHeld:
    return ev.VoteHeld(meeting=meeting, result=fields.pop("result", "vedtatt"), **fields)


def _proposal(pid: str, by: str, kind: str, label: str | None = None) -> Proposal:
    effect = ev.Effect(kind="text", paragraphs=[ev.ParagraphData(id=f"p:{pid}#1", text="x")])
    return Proposal(pid, by, kind, effect, "Bystyret 2020-01-01", label=label)


def test_protocol_names_proposals_by_the_rules() -> None:
    """A hand-made item: the naming rules applied over all its votes."""
    meeting = "Bystyret 2020-01-01"
    registry = Registry(municipality="Testby kommune", parties={"Ap": "Arbeiderpartiet"},
                        bodies={"Bystyret": Body("Bystyret", "council", None)},
                        people={"Kari Næss": "Ap", "Per Olsen": None, "Alle gruppene": None})
    base = (Paragraph("rec#1", "Tekst."),)
    item = Item(meeting=meeting, body="Bystyret", date="2020-01-01", sak="1/20", stage=0,
                role="vedtak", base=base)
    for proposal in (_proposal("a", "Kari Næss", "tilleggsforslag"),
                     _proposal("b", "Kari Næss", "endringsforslag"),
                     _proposal("c", "Per Olsen", "tilleggsforslag"),
                     _proposal("d", "alle gruppene", "forslag"),
                     _proposal("e", "Per Olsen", "forslag", label="Forslag A")):
        item.proposals[proposal.id] = proposal
    votes = [_vote(meeting, on="a", unanimous=True),
             _vote(meeting, on="b", result="falt", votes_for=[("Ap", 1)]),
             _vote(meeting, on="c", votes_against=[("Ap", 2)]),
             _vote(meeting, on="d", unanimous=True),
             _vote(meeting, on="e", unanimous=True)]
    item.steps.extend(votes)
    item.votes.extend(votes)
    case = Case(arkivsak="20/1", title="Test", workflow="politisk-sak",
                route=[ev.Stage(body="Bystyret", role="vedtak")], original=base,
                recommendation=base)
    module = environment("nb").get_template("phrases.j2").module
    lines = [str(module.vote(v)) for v in build_protocol(registry, case, item).voting]
    assert lines == [
        "Næss' tilleggsforslag ble enstemmig vedtatt.",
        "Næss' endringsforslag fikk 1 stemme (1Ap) og falt.",
        "Olsens tilleggsforslag ble vedtatt mot 2 stemmer (2Ap).",
        "Forslag fra alle gruppene ble enstemmig vedtatt.",
        "Forslag A ble enstemmig vedtatt.",
    ]
