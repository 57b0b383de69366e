"""Tallies, attendance and the majority rule. Pure."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from engine.domain.errors import RuleViolation

Tally = tuple[tuple[str, int], ...]
"""Votes per party in the order the record gives them: (("Ap", 1), ("MDG", 5))."""

_ENTRY = re.compile(r"^[ \t]*(\d{1,9})[ \t]*([^\d\s,][^,\n]*?)[ \t]*$")

VEDTATT = "vedtatt"
FALT = "falt"


MAX_VOTES = 10_000
"""The largest figure a tally or a seat count may give: far above any body's size, far
below a number that would overflow a document or a database column."""


def _figure(n: object, party: str) -> int:
    """A number of votes: an int (not a bool, not a float), 0..MAX_VOTES."""
    if isinstance(n, bool) or not isinstance(n, int):
        where = f" for {party}" if party else ""
        raise RuleViolation(f"Ugyldig stemmetall{where}: {n!r} (et stemmetall er et helt tall).",
                            rule="tally")
    if n < 0 or n > MAX_VOTES:
        where = f" for {party}" if party else ""
        raise RuleViolation(f"Ugyldig stemmetall{where}: {n} (tillatt: 0 til {MAX_VOTES}).",
                            rule="tally")
    return n


def _entries(entries: list[tuple[str, int]], shown: str) -> Tally:
    """Refuse a party given twice: "4V, 4V" would count Venstre's members twice."""
    seen: set[str] = set()
    for party, _ in entries:
        if party in seen:
            raise RuleViolation(f"Partiet {party} er oppgitt flere ganger i stemmetallet "
                                f"«{shown}»; oppgi hvert parti én gang.", rule="tally-duplicate")
        seen.add(party)
    return tuple(entries)


def parse_tally(value: object) -> Tally | None:
    """`"1Ap, 5MDG"` or `{Ap: 1, MDG: 5}` to a tally; None stays None. A bare number is a
    total without parties (party ""). Only numbers are votes: `true`, an empty text or map,
    and a party given twice are refused."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise RuleViolation(f"Ugyldig stemmetall: {str(value).lower()} (oppgi tallene, for "
                            "eksempel «3V, 2KrF», eller unanimous).", rule="tally")
    if isinstance(value, int):
        return (("", _figure(value, "")),)
    if isinstance(value, str) and value.strip().isdigit():
        return (("", _figure(int(value), "")),)
    if isinstance(value, Mapping):
        if not value:
            raise RuleViolation("Tomt stemmetall: oppgi tallene, for eksempel «3V, 2KrF».",
                                rule="tally")
        entries = [(str(party), _figure(n, str(party))) for party, n in value.items()]
        return _entries(entries, ", ".join(f"{n}{p}" for p, n in entries))
    if not isinstance(value, str):
        raise RuleViolation(f"Ugyldig stemmetall: {value!r} (skriv for eksempel «3V, 2KrF»).",
                            rule="tally")
    text = value.strip()
    if not text:
        raise RuleViolation("Tomt stemmetall: oppgi tallene, for eksempel «3V, 2KrF».",
                            rule="tally")
    entries = []
    for part in text.split(","):
        match = _ENTRY.match(part)
        if not match:
            raise RuleViolation(
                f"Kan ikke lese stemmetallet «{part.strip()}» i «{text}»; skriv for eksempel "
                "«3V, 2KrF».", rule="tally")
        entries.append((match.group(2), _figure(int(match.group(1)), match.group(2))))
    return _entries(entries, text)


def format_tally(tally: Tally) -> str:
    """The protocol notation; empty for a bare total."""
    return ", ".join(f"{n}{party}" for party, n in tally if party)


def total(tally: Tally | None) -> int:
    return sum(n for _, n in tally) if tally else 0


def parse_seats(value: object) -> dict[str, int] | None:
    """Seats per party, in a tally's notation; the same figures allowed."""
    try:
        tally = parse_tally(value)
    except RuleViolation as exc:
        raise RuleViolation(str(exc).replace("stemmetall", "antall seter"), rule="seats") from None
    return None if tally is None else dict(tally)


def check_tally(tally: Tally | None, parties: Mapping[str, str],
                present: Mapping[str, int] | None) -> None:
    """Refuse unknown parties and more votes from a party than it has members present."""
    if not tally:
        return
    for party, n in tally:
        if not party:
            continue
        if party not in parties:
            raise RuleViolation(f"Ukjent parti «{party}» i stemmetallet.", rule="unknown-party")
        if present is not None and n > present.get(party, 0):
            raise RuleViolation(
                f"{n} stemmer fra {party}, men {party} har bare {present.get(party, 0)} "
                "medlemmer til stede.", rule="tally-exceeds-present")


@dataclass(frozen=True, slots=True)
class Count:
    """How a vote went: the result and, where known, the numbers on each side."""

    result: str
    votes_for: int | None
    votes_against: int | None
    casting_vote: bool = False


def sides(votes_for: Tally | None, votes_against: Tally | None,
          present_total: int | None) -> tuple[int | None, int | None]:
    """The votes on each side, where known: a missing side is the rest of the members present."""
    n_for = total(votes_for) if votes_for is not None else None
    n_against = total(votes_against) if votes_against is not None else None
    if present_total is not None:
        if n_for is None and n_against is not None:
            n_for = present_total - n_against
        elif n_against is None and n_for is not None:
            n_against = present_total - n_for
    return n_for, n_against


def count(*, votes_for: Tally | None, votes_against: Tally | None, unanimous: bool,
          stated: str | None, present_total: int | None) -> Count:
    """Decide a vote by simple majority of the votes cast.

    A missing side is the rest of the members present; a tie needs the stated result (the
    chair's casting vote); a stated result must agree with the numbers. Without seats the
    record's convention holds: naming only the votes against means adopted, only the votes
    for means fallen.
    """
    if unanimous:
        if votes_for or votes_against:
            raise RuleViolation("En enstemmig votering kan ikke ha stemmer imot eller for.",
                                rule="unanimous")
        return Count(stated or VEDTATT, None, 0 if (stated or VEDTATT) == VEDTATT else None)
    n_for, n_against = sides(votes_for, votes_against, present_total)
    if (present_total is not None and n_for is not None and n_against is not None
            and n_for + n_against > present_total):
        raise RuleViolation(
            f"{n_for + n_against} stemmer avgitt, men bare {present_total} medlemmer er til "
            "stede.", rule="tally-exceeds-present")
    if n_for is not None and n_against is not None and n_for >= 0:
        derived = VEDTATT if n_for > n_against else FALT if n_for < n_against else None
        if derived is None:
            if stated is None:
                raise RuleViolation(
                    f"Stemmelikhet ({n_for} mot {n_against}): oppgi result (møteleders "
                    "dobbeltstemme).", rule="tie")
            return Count(stated, n_for, n_against, casting_vote=True)
        if stated is not None and stated != derived:
            raise RuleViolation(
                f"Oppgitt resultat «{stated}» stemmer ikke med tallene ({n_for} for, "
                f"{n_against} mot).", rule="result-contradicts")
        return Count(derived, n_for, n_against)
    if n_for is not None and n_for < 0:
        raise RuleViolation("Flere stemmer imot enn medlemmer til stede.",
                            rule="tally-exceeds-present")
    if stated is not None:
        return Count(stated, n_for, n_against)
    if n_against is not None and n_for is None:
        return Count(VEDTATT, None, n_against)
    if n_for is not None and n_against is None:
        return Count(FALT, n_for, None)
    raise RuleViolation("Voteringen sier ikke hvordan den gikk: oppgi unanimous, against, for "
                        "eller result.", rule="vote-outcome")
