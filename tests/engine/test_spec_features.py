"""Every feature of the scenario format (version 1) that case 19/8286 does not use, through
the invented case in examples/bydelsutvalg-demo.yaml and a few small scenarios.

The expected texts below are derived by hand from the spec's rules ("What an item decides"),
step by step in the comments; they are not engine output pasted in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from cli import main
from engine.app.repository import require_case
from engine.domain.state import Case, Item
from engine.store.eventstore import EventStore
from tests.conftest import EXAMPLES, fold

DEMO = EXAMPLES / "bydelsutvalg-demo.yaml"
ARKIVSAK = "25/1432"
ELDRE = "Eldrerådet i Elvebakken 2025-02-03"
UNGDOM = "Ungdomsrådet i Elvebakken 2025-02-05"
KOMITE_1 = "Miljø- og samferdselskomiteen 2025-02-18"
KOMITE_2 = "Miljø- og samferdselskomiteen 2025-03-04"
BU = "Bydelsutvalget i Elvebakken 2025-03-20"

TITLE = "Bydelsutvalget vedtar *Trafikksikkerhetsplan for Elvebakken 2025–2028*"
ORIGINAL = [
    f"{TITLE} som vist i saksframlegget.",
    "Tiltakene prioriteres slik:\n- 1. Trygge skoleveier\n- 2. Lavere fart i boliggater\n"
    "- 3. Bedre belysning langs gang- og sykkelveier",
    "Planen finansieres innenfor bydelens ordinære budsjett.",
    "Bydelsdirektøren rapporterer om framdriften i planen hvert annet år.",
]
# The committee's alternativt forslag (Line Berg, pva Ap, SV, MDG) wins the alternative vote
# against the recommendation, 5 to 3 (FrP's only member is inhabil: 8 present): its whole
# text replaces the recommendation and becomes the committee's innstilling.
COMMITTEE = [
    f"{TITLE} med de endringer som følger av dette vedtaket.",
    "Tiltakene prioriteres slik:\n- 1. Trygge skoleveier\n"
    "- 2. Fartsgrense 30 km/t i alle boliggater\n"
    "- 3. Bedre belysning langs gang- og sykkelveier\n"
    "- 4. Flere opphøyde gangfelt ved barnehager",
    "Planen finansieres innenfor bydelens ordinære budsjett, med et tillegg på 2 millioner "
    "kroner årlig fra 2026.",
    "Bydelsdirektøren rapporterer om framdriften i planen hvert annet år.",
    "Parkering langs Elvegata fjernes i sin helhet innen 2026.",
    "Bydelsutvalget ber bydelsdirektøren innføre beboerparkering i hele bydelen.",
]
# The council, starting from the committee's six paragraphs:
# 1. H's alternativt forslag loses against the recommendation: no change.
# 2. The recommendation except 4, 5, 6 is adopted: no change.
# 3. KrF's endringsforslag wins against paragraph 4: paragraph 4 gets its text.
# 4. Paragraph 5 is voted down (7 for, 11 against): it goes.
# 5. FrP's strykningsforslag (paragraph 6) is adopted: it goes.
# 6. H's word amendment in paragraph 2 is adopted: "i alle boliggater" changes.
# 7. V's tilleggsforslag, 9 against 9, is adopted by the chair's casting vote: appended.
# 8. MDG's oversendelsesforslag is adopted: sent, not part of the text.
# SV's remark, joined by R only (3 of 19 seats), is a MERKNAD.
DECISION = [
    COMMITTEE[0],
    COMMITTEE[1].replace("i alle boliggater", "i boliggater langs skoleveiene"),
    COMMITTEE[2],
    "Bydelsdirektøren rapporterer om framdriften i planen hvert år.",
    "Bydelsutvalget ber om at det settes opp fartsvisningstavler ved alle barneskolene.",
]
REMARK = ["MERKNAD - SV, R:", "Parkering på fortau må håndheves strengere, særlig ved skolene."]
SENT = "Bydelsdirektøren bes vurdere sykkelgater i Elvebakken sentrum."
# Eldrerådet: a statement from its adopted proposals alone, in the order of the votes, the
# second inserted as paragraph 1; the withdrawn proposal is not in it.
STATEMENT = [
    "Eldrerådet ber om lengre grønn tid for fotgjengere i lyskryssene.",
    "Eldrerådet støtter planen og ber om at benker og hvileplasser langs skoleveiene også "
    "tas med.",
]


def run(url: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", url, *args])
    return result.exit_code, result.stdout, result.stderr


def replay(path: Path, tmp_path: Path, name: str = "saksflyt.db") -> str:
    url = f"sqlite:///{tmp_path / name}"
    code, _, err = run(url, "replay", str(path))
    assert code == 0, err
    return url


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    return replay(DEMO, tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def case(demo: str) -> Case:
    return require_case(EventStore(demo), ARKIVSAK)[1]


def item(case: Case, meeting: str) -> Item:
    found = case.item(meeting)
    assert found is not None and found.outcome is not None
    return found


def texts(paragraphs: Any) -> list[str]:
    return [p.text for p in paragraphs]


# --- the decision texts ----------------------------------------------------------------------

def test_the_council_decision(demo: str, case: Case) -> None:
    assert case.decision is not None
    assert texts(case.decision.text) == DECISION
    code, out, _ = run(demo, "vedtak", ARKIVSAK)
    assert code == 0
    assert fold(out).startswith(fold("\n\n".join(DECISION + REMARK)))


def test_the_oversendelsesforslag_is_sent_not_decided(demo: str, case: Case) -> None:
    assert case.decision is not None
    assert case.decision.sent == (SENT,)
    assert all(SENT not in t for t in texts(case.decision.text))
    _, out, _ = run(demo, "vedtak", ARKIVSAK)
    if SENT in out:  # where it is printed, it comes after the decision and its remarks
        assert out.index(SENT) > out.index(REMARK[1])
        assert "Oversendelsesforslag" in out[out.index(REMARK[1]):out.index(SENT)]


def test_paragraph_ids_survive_the_council(case: Case) -> None:
    assert case.decision is not None
    # The committee's text came from the alternativt forslag; the replaced paragraph 4 and
    # the amended paragraph 2 keep their ids; V's addition brings its own.
    assert [p.id for p in case.decision.text] == [
        "p:berg-alternativ#1", "p:berg-alternativ#2", "p:berg-alternativ#3",
        "p:berg-alternativ#4", "p:lund-tavler#1"]


def test_the_committee_recommendation_is_the_winning_alternative(demo: str,
                                                                 case: Case) -> None:
    committee = item(case, KOMITE_2)
    assert texts(committee.outcome.text) == COMMITTEE
    assert committee.proposals["berg-alternativ"].status == "adopted"
    assert committee.proposals["solberg-vinter-2"].status == "fell"
    code, out, _ = run(demo, "vedtak", ARKIVSAK, "--meeting", KOMITE_2)
    assert code == 0 and fold(out) == fold("\n\n".join(COMMITTEE))


def test_the_advisory_statements(demo: str, case: Case) -> None:
    eldre = item(case, ELDRE)
    assert texts(eldre.outcome.text) == STATEMENT
    assert eldre.proposals["lie-vent"].status == "withdrawn"
    _, out, _ = run(demo, "vedtak", ARKIVSAK, "--meeting", ELDRE)
    assert fold(out) == fold("\n\n".join(STATEMENT))
    ungdom = item(case, UNGDOM)
    assert ungdom.outcome.kind == "noted"
    _, out, _ = run(demo, "vedtak", ARKIVSAK, "--meeting", UNGDOM)
    assert fold(out) == "Ungdomsrådet tar saken til orientering."
    # A statement leaves the recommendation as it was.
    assert item(case, KOMITE_1).base == case.original


def test_the_postponed_committee_meeting(demo: str, case: Case) -> None:
    first = item(case, KOMITE_1)
    assert first.outcome.kind == "postponed" and first.outcome.postponed_by is None
    assert first.outcome.postponed_to == "2025-03-04"
    assert first.outcome.text == case.original
    assert first.proposals["solberg-vinter"].status == "lapsed"
    # The next committee meeting takes up the recommendation unchanged.
    assert item(case, KOMITE_2).base == case.original
    assert texts(case.original) == ORIGINAL
    _, out, _ = run(demo, "vedtak", ARKIVSAK, "--meeting", KOMITE_1)
    # postponed without a proposal: only the text of the postponement
    assert fold(out) == "Saken utsettes til komiteens neste møte, etter befaring i Elvegata."


def test_case_show_tells_the_route(demo: str) -> None:
    code, out, _ = run(demo, "case", "show", ARKIVSAK)
    assert code == 0
    assert "Status: avgjort" in out
    assert "2025-02-18  sak 5/25: utsatt til 2025-03-04" in out
    assert "2025-03-04  sak 9/25: innstilling avgitt" in out
    assert "2025-02-05  sak 2/25: tatt til orientering" in out
    assert "2025-03-20  sak 21/25: vedtatt" in out


# --- the votes -------------------------------------------------------------------------------

def _vote(it: Item, index: int) -> Any:
    return it.votes[index]


def test_inhabil_member_leaves_the_count(case: Case) -> None:
    committee = item(case, KOMITE_2)
    assert committee.inhabil == ["Frode Bakken"]
    # 9 seats, FrP's only member inhabil: 8 present.
    utsett, alternative, _ = committee.votes
    assert (utsett.result, utsett.n_for, utsett.n_against) == ("falt", 2, 6)
    assert (alternative.winner, alternative.n_for, alternative.n_against) == (
        "berg-alternativ", 5, 3)
    assert committee.proposals["moe-utsett"].status == "fell"


def test_present_changes_the_count(case: Case) -> None:
    council = item(case, BU)
    # 19 seats, one Ap member absent: 18 present.
    assert council.present == {"Ap": 5}
    first = _vote(council, 0)
    assert (first.winner, first.n_for, first.n_against) == ("innstillingen", 12, 6)
    assert council.proposals["hagen-alternativ"].status == "fell"


def test_punktvis_votering(case: Case) -> None:
    council = item(case, BU)
    _, rest, alternative, part, *_ = council.votes
    assert rest.except_parts == [4, 5, 6] and rest.result == "vedtatt"
    assert alternative.parts == [4] and alternative.winner == "solberg-hvert-ar"
    assert (alternative.n_for, alternative.n_against) == (13, 5)
    assert part.parts == [5] and part.result == "falt"
    assert (part.n_for, part.n_against) == (7, 11)
    assert part.votes_for == [("Ap", 5), ("MDG", 2)]


def test_a_tie_settled_by_the_chair(case: Case) -> None:
    tie = _vote(item(case, BU), 6)
    assert tie.on == "lund-tavler"
    assert (tie.n_for, tie.n_against, tie.result, tie.casting_vote) == (9, 9, "vedtatt", True)


def test_tallies_keep_their_order(case: Case) -> None:
    council = item(case, BU)
    assert _vote(council, 5).votes_against == [("SV", 2), ("MDG", 2), ("R", 1)]
    assert _vote(council, 6).votes_for == [("Ap", 5), ("V", 1), ("KrF", 1), ("SV", 2)]


def test_the_remark_without_majority(case: Case) -> None:
    assert case.decision is not None
    (remark,) = case.decision.remarks
    assert remark.heading == REMARK[0] and not remark.majority
    assert remark.text == REMARK[1]


# --- small scenarios -------------------------------------------------------------------------

def small(tmp_path: Path, committee_steps: list[Any], council_steps: list[Any] | None = None,
          council_seats: dict[str, int] | None = None) -> str:
    """A two-stage case: a committee (Ap 3, H 2) recommends, a council decides."""
    data: dict[str, Any] = {
        "saksflyt": 1,
        "parties": {"Ap": "Arbeiderpartiet", "H": "Høyre"},
        "bodies": [{"name": "Komiteen", "kind": "committee", "seats": {"Ap": 3, "H": 2}},
                   {"name": "Rådet", "kind": "council",
                    **({"seats": council_seats} if council_seats else {})}],
        "people": {"Kari": "Ap", "Per": "H"},
        "cases": [{"arkivsak": "25/7", "title": "Prøvesak",
                   "recommendation": ["En.", "To.", "Tre."],
                   "route": [{"body": "Komiteen", "role": "innstilling"},
                             {"body": "Rådet", "role": "vedtak"}]}],
        "meetings": [{"body": "Komiteen", "date": "2025-01-10",
                      "items": [{"sak": "1/25", "case": "25/7",
                                 "proceedings": committee_steps}]}],
    }
    if council_steps is not None:
        data["meetings"].append({"body": "Rådet", "date": "2025-02-10",
                                 "items": [{"sak": "2/25", "case": "25/7",
                                            "proceedings": council_steps}]})
    path = tmp_path / "liten.yaml"
    yaml = YAML(typ="safe", pure=True)
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    return replay(path, tmp_path)


def decided(url: str, meeting: str = "Komiteen 2025-01-10") -> list[str]:
    _, case = require_case(EventStore(url), "25/7")
    found = case.item(meeting)
    assert found is not None and found.outcome is not None
    return texts(found.outcome.text)


def test_add_at_n_in_a_recommendation(tmp_path: Path) -> None:
    url = small(tmp_path, [
        {"propose": {"id": "ny", "by": "Kari", "kind": "tilleggsforslag", "at": 2,
                     "add": ["Ny A.", "Ny B."]}},
        {"propose": {"id": "slutt", "by": "Per", "kind": "tilleggsforslag", "add": "Slutt."}},
        {"vote": {"on": "innstillingen", "unanimous": True}},
        {"vote": {"on": "ny", "against": "2H"}},
        {"vote": {"on": "slutt", "against": "3Ap"}},
    ])
    # "ny" is adopted 3-2 and inserted as paragraphs 2 and 3; "slutt" falls 2-3.
    assert decided(url) == ["En.", "Ny A.", "Ny B.", "To.", "Tre."]


def test_a_tie_that_falls_by_the_casting_vote(tmp_path: Path) -> None:
    url = small(tmp_path, [
        {"present": {"Ap": 2}},
        {"propose": {"id": "ny", "by": "Per", "kind": "tilleggsforslag", "add": "Ny."}},
        {"vote": {"on": "innstillingen", "unanimous": True}},
        {"vote": {"on": "ny", "for": "2H", "result": "falt"}},
    ])
    assert decided(url) == ["En.", "To.", "Tre."]


def test_a_council_without_seats_needs_no_tallies(tmp_path: Path) -> None:
    """A body without seats: `result` says how it went; `against` alone means adopted."""
    url = small(tmp_path, [{"vote": {"on": "innstillingen", "unanimous": True}}], [
        {"propose": {"id": "a", "by": "Kari", "kind": "endringsforslag", "replace": 1,
                     "text": "Én."}},
        {"propose": {"id": "b", "by": "Per", "kind": "strykningsforslag", "strike": [2, 3]}},
        {"vote": {"on": "a", "against": 4}},
        {"vote": {"on": "b", "result": "falt"}},
    ])
    assert decided(url, "Rådet 2025-02-10") == ["Én.", "To.", "Tre."]


def test_an_adopted_alternative_then_an_addition(tmp_path: Path) -> None:
    """A winning alternativt forslag replaces the whole text; later adopted additions are
    applied to it, in the order of the votes."""
    url = small(tmp_path, [
        {"propose": {"id": "alt", "by": "Per", "kind": "alternativt forslag",
                     "text": ["Alt en.", "Alt to."]}},
        {"propose": {"id": "til", "by": "Kari", "kind": "tilleggsforslag", "add": "Tillegg."}},
        {"vote": {"between": ["alt", "innstillingen"], "winner": "alt",
                  "for": "2H, 1Ap", "against": "2Ap"}},
        {"vote": {"on": "til", "unanimous": True}},
    ])
    assert decided(url) == ["Alt en.", "Alt to.", "Tillegg."]


def test_strike_of_several_paragraphs_and_words(tmp_path: Path) -> None:
    url = small(tmp_path, [
        {"propose": {"id": "s", "by": "Per", "kind": "strykningsforslag", "strike": [1, 3]}},
        {"propose": {"id": "w", "by": "Kari", "kind": "endringsforslag",
                     "amend": {"paragraph": 2, "old": "To", "new": ""}}},
        {"vote": {"on": "s", "against": "2H"}},
    ])
    # "w" is never voted on: it lapses and changes nothing.
    assert decided(url) == ["To."]
