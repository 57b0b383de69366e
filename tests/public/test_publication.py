"""The publication rules through the command line and the engine: approval of a replayed
meeting, skjerming live (`item exempt`), and search kept in step with both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.app.publication import public_record
from engine.app.search import rebuild, search
from engine.store.eventstore import EventStore
from tests.conftest import ROOT, fresh_store_url
from tests.public.conftest import DECISION_WORD, EXEMPT_WORDS
from tests.server.conftest import saksflyt


def test_search_finds_a_word_of_a_decision_and_nothing_of_an_exempt_text(
        public_store: str) -> None:
    store = EventStore(public_store)
    hits = search(store, DECISION_WORD)
    assert ("case", "19/8286") in {(h.kind, h.arkivsak) for h in hits}
    assert any(h.meeting == "Bystyret 2019-08-29" for h in hits)
    for word in EXEMPT_WORDS:
        assert search(store, word) == []
    # The public title and the basis are searchable; they are public.
    assert [h.arkivsak for h in search(store, "kommunaldirektør")] == ["19/9001"]
    # A note of an unapproved meeting is not.
    assert search(store, "fagstab") == []


def test_a_live_exemption_and_approval_reach_the_search_without_a_rebuild(
        tmp_path: Path) -> None:
    with fresh_store_url(tmp_path) as db:
        assert saksflyt("replay", str(ROOT / "examples" / "19-8286.yaml"), db=db).returncode == 0
        store = EventStore(db)
        assert search(store, DECISION_WORD) == []  # not approved yet
        refused = saksflyt("meeting", "approve", "Bystyret 2019-09-01", db=db)
        assert refused.returncode == 2 and "finnes ikke" in refused.stderr
        done = saksflyt("meeting", "approve", "Bystyret 2019-08-29", "--as-recorded", db=db)
        assert done.returncode == 0, done.stderr
        assert {h.arkivsak for h in search(store, DECISION_WORD)} == {"19/8286"}
        again = saksflyt("meeting", "approve", "Bystyret 2019-08-29", db=db)
        assert again.returncode == 2 and "allerede godkjent" in again.stderr

        exempt = saksflyt("item", "exempt", "Bystyret 2019-08-29", "87/19", "--basis",
                          "offl. § 13 jf. fvl. § 13", "--public-title", "Skjermet sak", db=db)
        assert exempt.returncode == 0, exempt.stderr
        assert "skjermet" in exempt.stdout
        assert search(store, DECISION_WORD) == []
        assert [h.title for h in search(store, "Skjermet")] == ["Skjermet sak"]
        record = public_record(store)
        assert record.cases["19/8286"].case is None
        assert record.cases["19/8286"].title == "Skjermet sak"
        twice = saksflyt("item", "exempt", "Bystyret 2019-08-29", "87/19", "--basis", "x",
                         "--public-title", "y", db=db)
        assert twice.returncode == 2 and "allerede skjermet" in twice.stderr
        # The rebuild command makes the same table from nothing.
        rebuilt = saksflyt("search", "rebuild", db=db)
        assert rebuilt.returncode == 0, rebuilt.stderr
        assert [h.title for h in search(store, "Skjermet")] == ["Skjermet sak"]
        assert rebuild(store) >= 1


def test_the_scenario_keys_are_checked(tmp_path: Path) -> None:
    text = (ROOT / "examples" / "19-8286.yaml").read_text(encoding="utf-8")
    bad = text.replace("        case: 19/8286\n        result: Behandlet\n",
                       "        case: 19/8286\n        result: Behandlet\n"
                       "        exempt: {basis: offl. § 13}\n")
    assert bad != text
    scenario = tmp_path / "feil.yaml"
    scenario.write_text(bad, encoding="utf-8")
    with fresh_store_url(tmp_path) as db:
        done = saksflyt("replay", str(scenario), db=db)
        assert done.returncode == 2
        assert "public_title" in done.stderr and "Bystyret 2019-08-29" in done.stderr


def _approved_joint_proposals(tmp_path: Path) -> Any:
    """The public record of the joint proposals' scenario, its meeting approved."""
    scenario = ROOT / "tests" / "engine" / "scenarios" / "procedure" / "01-fellesforslag.yaml"
    with fresh_store_url(tmp_path) as db:
        assert saksflyt("replay", str(scenario), db=db).returncode == 0
        done = saksflyt("meeting", "approve", "Kommunestyret 2024-06-13", "--as-recorded",
                        db=db)
        assert done.returncode == 0, done.stderr
        record = public_record(EventStore(db))
    return record


def test_public_votes_name_joint_proposers_by_their_names(tmp_path: Path) -> None:
    """Proposals made by parties together or by two members are named by them in the public
    tallies (not by a missing or internal key)."""
    from documents.public_protocol import vote_views

    record = _approved_joint_proposals(tmp_path)
    item = next(i for m in record.meetings.values() for i in m.items if i.published)
    subjects = [v.subject for v in vote_views(record, item)]
    assert any("Fellesforslag fra H, FrP og Ap" in s for s in subjects), subjects
    assert any("Fellesforslag fra Kari Nordmann og Per Olsen" in s for s in subjects), subjects
    assert not any("None" in s for s in subjects), subjects
    # An alternative vote between three sides names all three; a joint vote both proposals.
    assert any(s.startswith("Alternativ votering mellom Innstillingen, ") for s in subjects)


def test_oparl_proposals_name_their_proposers(tmp_path: Path) -> None:
    """OParl's Proposal says who made it as people read it: the members by name with links to
    their Person objects, or the parties that made it together (never an empty or internal
    key)."""
    from documents.oparl import Links, proposals

    record = _approved_joint_proposals(tmp_path)
    item = next(i for m in record.meetings.values() for i in m.items if i.published)
    made = proposals(Links("http://x/oparl/v1", "http://x"), record, item)
    by_parties = [p for p in made if p["parties"]]
    assert by_parties and all(p["proposer"] for p in made), made
    assert any(p["parties"] == ["H", "FrP", "Ap"] and p["proposer"] == "H, FrP, Ap"
               for p in by_parties), by_parties
    joint = next(p for p in made if len(p["proposers"]) == 2)
    assert joint["proposers"] == ["Kari Nordmann", "Per Olsen"]
    assert joint["person"] == ["http://x/oparl/v1/person/Kari%20Nordmann",
                              "http://x/oparl/v1/person/Per%20Olsen"]
