"""The register's people as identities and the bodies' members, as a scenario writes them
(docs/scenario-format-extensions.md, "People and the bodies' members").

A person is a key in `people`: their name (version 1), or an id whose value gives the name
printed (`{name, affiliation}`), so that two people with the same name can both be there. A
body's `members` and `deputies` are lists of those keys, or `{person, party}` where the list
they sit for is not their own party.
"""

from __future__ import annotations

from typing import Any

from engine.domain import events as ev
from engine.domain.errors import RuleViolation
from engine.domain.state import Registry

PERSON_KEYS = frozenset({"name", "affiliation"})
BODY_KEYS = frozenset({"name", "kind", "seats", "language", "members", "deputies", "wording"})


def person_entry(key: str, value: Any) -> tuple[str | None, str | None]:
    """(affiliation, printed name) of a `people` entry."""
    if not isinstance(value, dict):
        return (None if value is None else str(value)), None
    unknown = sorted(set(value) - PERSON_KEYS)
    if unknown:
        raise RuleViolation(f"Personen «{key}»: «{unknown[0]}» er ikke en kjent nøkkel (name, "
                            "affiliation).")
    name = value.get("name")
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise RuleViolation(f"Personen «{key}» har et tomt navn.")
    affiliation = value.get("affiliation")
    return (None if affiliation is None else str(affiliation)), name


def body_extras(body: dict[str, Any], registry: Registry) -> dict[str, Any]:
    """The optional keys of a body: language, wording, and members with their deputies."""
    unknown = sorted(set(body) - BODY_KEYS)
    if unknown:
        raise RuleViolation(f"Utvalget «{body.get('name')}»: «{unknown[0]}» er ikke en kjent "
                            "nøkkel.")
    members = [_member(entry, registry, deputy=False) for entry in _list(body, "members")]
    members += [_member(entry, registry, deputy=True) for entry in _list(body, "deputies")]
    if body.get("deputies") and not body.get("members"):
        raise RuleViolation(f"Utvalget «{body.get('name')}» har deputies, men ingen members.")
    language = body.get("language")
    wording = body.get("wording")
    return {"language": None if language is None else str(language), "members": members,
            "wording": None if wording is None else str(wording)}


def counted_seats(members: list[ev.Member]) -> dict[str, int] | None:
    """The seats the members make, per party list (None without members)."""
    counted: dict[str, int] = {}
    for member in members:
        if not member.deputy and member.party is not None:
            counted[member.party] = counted.get(member.party, 0) + 1
    return counted or None


def _list(body: dict[str, Any], key: str) -> list[Any]:
    value = body.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise RuleViolation(f"«{key}» i utvalget «{body.get('name')}» er en liste av personer.")
    return value


def _member(entry: Any, registry: Registry, *, deputy: bool) -> ev.Member:
    if isinstance(entry, dict):
        if "person" not in entry or not set(entry) <= {"person", "party"}:
            raise RuleViolation("et medlem skrives NAVN eller {person: NAVN, party: PARTI}")
        person = str(entry["person"])
        party = entry.get("party")
        return ev.Member(person=person, party=None if party is None else str(party),
                         deputy=deputy)
    person = str(entry)
    return ev.Member(person=person, party=registry.party_of(person), deputy=deputy)
