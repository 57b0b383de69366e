"""How a protocol names things: proposals in the voting record, people, bodies. Pure.

These functions decide *which* name applies (a surname in the genitive, a kind, a label, a
group); the templates decide the words around it, so bokmål and nynorsk share the rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

POSTPONEMENT_KIND = "utsettelsesforslag"

# Bodies whose names are common nouns and are written in lower case inside a sentence
# ("Saken sendes bystyret med slik"); proper names ("Finans- og næringskomiteen") are not.
COMMON_NOUN_BODIES = frozenset({
    "bystyret", "formannskapet", "kommunestyret", "fylkestinget", "fylkesutvalget",
    "bystyre", "formannskap", "kommunestyre", "arbeidsutvalget", "kontrollutvalget",
})


@dataclass(frozen=True, slots=True)
class Name:
    """How the voting record names one side of a vote.

    Exactly one of `label`, `genitive`, `group` is set for a proposal; `recommendation` marks
    the recommendation, narrowed by `parts` or `except_parts`. `noun` is the proposal's kind
    ("forslag" unless the kind must tell two proposals apart); templates translate it.
    """

    label: str | None = None
    genitive: str | None = None
    group: str | None = None
    noun: str = "forslag"
    recommendation: bool = False
    parts: tuple[int, ...] = ()
    except_parts: tuple[int, ...] = ()
    proposers: tuple[str, ...] = ()
    """Parties or members who make a proposal together ("Fellesforslaget fra H, FrP og Ap",
    "Forslaget fra Nordmann og Hansen"): named with the kind in the definite form."""
    members: str | None = None
    """The body's members make the proposal: the body's kind (advisory, committee,
    council), for the words ("rådets medlemmer"); `group` is the body's name."""


RECOMMENDATION = Name(recommendation=True)


def surname(name: str) -> str:
    """The last word of a person's name."""
    return name.split()[-1] if name.split() else name


def genitive(word: str) -> str:
    """Norwegian genitive of a name: `Salomonsens`, but `Næss'` (s, x or z takes only ')."""
    return word + "'" if word[-1:].lower() in {"s", "x", "z"} else word + "s"


# Lower-case particles inside personal names ("Marit van der Berg", "Ingrid af Ekenstam").
NAME_PARTICLES = frozenset({"af", "av", "al", "bin", "da", "de", "del", "den", "der", "di",
                            "du", "ibn", "la", "le", "ten", "ter", "van", "von"})


def is_group(name: str) -> bool:
    """A proposer that is a group ("Rådets medlemmer") rather than a person: a name not made of
    capitalised words (a name particle such as "van" aside)."""
    words = name.split()
    return (not words or not words[-1][:1].isupper()
            or any(not w[:1].isupper() and w not in NAME_PARTICLES for w in words))


def proposal_name(by: str, kind: str, label: str | None, *, several: bool,
                  parties: tuple[str, ...] = (), people: tuple[str, ...] = (),
                  members: str | None = None, body: str = "", by_fra: bool = False) -> Name:
    """The name of a proposal in the voting record.

    `several` is true when its proposer has more than one proposal put to a vote in the item;
    then the kind tells them apart. An utsettelsesforslag is always named by its kind; a label
    overrides everything. Parties or two or more members together are named with the kind
    ("Fellesforslaget fra H, FrP og Ap"); the body's members by the body (`members`: its
    kind). `by_fra`: the body names a member's proposal "Forslag fra Mohamed" (an advisory
    council's record) rather than "Mohameds forslag".
    """
    if label:
        return Name(label=label)
    noun = kind if several or kind == POSTPONEMENT_KIND else "forslag"
    if parties:
        return Name(proposers=parties, noun=kind)
    if members is not None:
        return Name(members=members, group=body, noun=noun)
    if len(people) > 1:
        return Name(proposers=tuple(surname(p) for p in people), noun=kind)
    if is_group(by):
        return Name(group=by, noun=noun)
    if by_fra:
        return Name(group=surname(people[0] if people else by), noun=noun)
    return Name(genitive=genitive(surname(people[0] if people else by)), noun=noun)


def listing(words: Iterable[str]) -> str:
    """"H, FrP og Ap": a list as a sentence names it (the templates have their own)."""
    items = list(words)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]  # the same word in bokmål and nynorsk


def voted_proposers(votes: Iterable[object], proposers: Mapping[str, str]) -> dict[str, int]:
    """How many distinct proposals of each proposer were put to a vote.

    `votes` are VoteHeld events (with `on` and `between`), `proposers` maps a proposal id to
    its proposer.
    """
    seen: set[str] = set()
    for vote in votes:
        for side in [getattr(vote, "on", None), *(getattr(vote, "between", None) or [])]:
            if side in proposers:
                seen.add(side)
    counts: dict[str, int] = {}
    for pid in seen:
        counts[proposers[pid]] = counts.get(proposers[pid], 0) + 1
    return counts


def body_in_sentence(body: str) -> str:
    """A body's name inside a sentence: lower case where the name is a common noun."""
    return body.lower() if body.lower() in COMMON_NOUN_BODIES else body


def ps_number(sak: str) -> str:
    """The PS number of a body's case number: "87/19" -> "0087/19"."""
    number, sep, year = sak.partition("/")
    return f"{int(number):04d}{sep}{year}" if number.strip().isdigit() else sak


def norwegian_date(iso: str | None) -> str:
    """"2019-08-29" -> "29.08.2019"; anything else as it is."""
    if not iso:
        return ""
    parts = iso.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    return iso
