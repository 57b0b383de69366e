"""What the console's forms for the other steps of the scenario format mean as steps: a note,
the rapporteur, a ruling on impartiality, attendance for the votes that follow, a proposal
withdrawn, the case taken to information, postponed, sent back or referred, and a vote the
console does not plan (on the recommendation or a part of it, punktvis, or an alternative
vote between any two sides). Each is a dict of the step's own keys; the engine checks it as
in a replay."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from engine.app.desk import RECOMMENDATION, resolve_parties, resolve_person, tally_text
from engine.app.live import paragraphs_of, text_value
from engine.domain.errors import RuleViolation

if TYPE_CHECKING:
    from engine.domain.state import Registry

STEPS = ("note", "rapporteur", "impartiality", "present", "withdraw", "take_note", "postpone",
         "send_back", "refer")
"""The steps the console's «Andre steg» forms log (besides propose, vote and join)."""


def _text(form: dict[str, str]) -> str | list[str] | None:
    return text_value(paragraphs_of(form.get("text", "")))


def _words(form: dict[str, str]) -> str | None:
    return form.get("text", "").strip() or None


def numbers(typed: str) -> list[int]:
    """Paragraph numbers as typed: `3`, `1, 3`, `1 3`, `2-4`."""
    found: list[int] = []
    for part in re.split(r"[\s,]+", typed.strip()):
        if not part:
            continue
        span = re.fullmatch(r"(\d+)\s*[-–]\s*(\d+)", part)
        if span:
            found += range(int(span[1]), int(span[2]) + 1)
        elif part.isdigit():
            found.append(int(part))
        else:
            raise RuleViolation(f"Kan ikke lese avsnittsnummeret «{part}»; skriv for eksempel "
                                "«3» eller «1, 3».", rule="paragraph")
    return found


def present_counts(registry: Registry, typed: str) -> dict[str, int]:
    """`25ap 14h` (as a tally is typed) as the present step's map of party to members."""
    counts: dict[str, int] = {}
    for n, party in re.findall(r"(\d+)\s*([^\d\s,]+)", typed):
        for short in resolve_parties(registry, party):
            counts[short] = int(n)
    if not counts:
        raise RuleViolation("Skriv hvor mange som er til stede per parti, for eksempel "
                            "«25ap 14h».", rule="present")
    return counts


def step_values(registry: Registry, kind: str, form: dict[str, str]) -> dict[str, Any]:
    """The form for one of STEPS as that step's keys."""
    if kind == "note":
        return {"text": _words(form)}
    if kind == "rapporteur":
        return {"person": resolve_person(registry, form.get("person", ""))}
    if kind == "impartiality":
        return {"person": resolve_person(registry, form.get("person", "")),
                "ruling": form.get("ruling", ""), "text": _words(form)}
    if kind == "present":
        return {"present": present_counts(registry, form.get("present", ""))}
    if kind == "withdraw":
        return {"id": form.get("proposal", "")}
    if kind == "take_note":
        return {"text": _text(form)}
    if kind == "postpone":
        return {"to": form.get("to", "").strip() or None, "text": _words(form)}
    if kind == "send_back":
        return {"to": form.get("to", "").strip() or "administration", "text": _words(form)}
    if kind == "refer":
        return {"to": form.get("to", "").strip(), "role": form.get("role") or None,
                "text": _words(form)}
    raise RuleViolation(f"Ukjent steg «{kind}».", rule="step")


def free_vote(registry: Registry, form: dict[str, str], unanimous: bool) -> dict[str, Any]:
    """A vote as the «Annen votering» form gives it: on a proposal or the recommendation
    (whole, `parts` or all `except` some paragraphs: punktvis), or between two sides (`a`,
    `b`: proposal ids or innstillingen, with `parts` narrowing the recommendation) with the
    winner; the tallies typed as the vote form's (the votes against, for), `unanimous` when
    the console's word for it was typed, and a stated result where the tallies alone do not
    decide."""
    a, b = form.get("on", RECOMMENDATION), form.get("between", "")
    chosen = numbers(form.get("parts", ""))
    step: dict[str, Any]
    if b:
        step = {"between": [a, b], "winner": b if form.get("winner") == "b" else a,
                "parts": chosen}
    else:
        step = {"on": a, ("except" if form.get("scope") == "except" else "parts"): chosen}
    typed = form.get("against", "").strip()
    if unanimous:
        return {**step, "unanimous": True}
    if typed:
        step["against"] = tally_text(registry, typed)
    if form.get("for", "").strip():
        step["for"] = tally_text(registry, form["for"])
    if form.get("result"):
        step["result"] = form["result"]
    return step
