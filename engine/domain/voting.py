"""Tallies, attendance and the majority rule. Pure."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from engine.domain.errors import RuleViolation

Tally = tuple[tuple[str, int], ...]
"""Votes per party in the order the record gives them: (("Ap", 1), ("MDG", 5))."""

_ENTRY = re.compile(r"^\s*(\d+)\s*([^\d\s,][^,]*?)\s*$")

VEDTATT = "vedtatt"
FALT = "falt"


def parse_tally(value: str | int | Mapping[str, int] | None) -> Tally | None:
    """`"1Ap, 5MDG"` or `{Ap: 1, MDG: 5}` to a tally; None stays None. A bare number is a
    total without parties (party "")."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise RuleViolation(f"Ugyldig stemmetall: {value}.", rule="tally")
        return (("", value),)
    if isinstance(value, str) and value.strip().isdigit():
        return (("", int(value)),)
    if isinstance(value, Mapping):
        entries = []
        for party, n in value.items():
            if not isinstance(n, int) or isinstance(n, bool) or n < 0:
                raise RuleViolation(f"Ugyldig stemmetall for {party}: {n!r}.", rule="tally")
            entries.append((str(party), n))
        return tuple(entries)
    text = str(value).strip()
    if not text:
        return ()
    entries = []
    for part in text.split(","):
        match = _ENTRY.match(part)
        if not match:
            raise RuleViolation(
                f"Kan ikke lese stemmetallet «{part.strip()}» i «{text}»; skriv for eksempel "
                "«3V, 2KrF».", rule="tally")
        entries.append((match.group(2), int(match.group(1))))
    return tuple(entries)


def format_tally(tally: Tally) -> str:
    """The protocol notation; empty for a bare total."""
    return ", ".join(f"{n}{party}" for party, n in tally if party)


def total(tally: Tally | None) -> int:
    return sum(n for _, n in tally) if tally else 0


def parse_seats(value: str | Mapping[str, int] | None) -> dict[str, int] | None:
    tally = parse_tally(value)
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
