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
                "ruling": form.get("ruling", ""), "text": _words(form),
                "basis": form.get("basis", "").strip() or None}
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


def _names(registry: Registry, typed: str) -> list[str]:
    return [resolve_person(registry, name) for name in typed.split(",") if name.strip()]


def free_vote(registry: Registry, form: dict[str, str], unanimous: bool) -> dict[str, Any]:
    """A vote as the «Annen votering» form gives it: on a proposal or the recommendation
    (whole, `parts` or all `except` some paragraphs: punktvis), with `together` more
    proposals voted on with it; or between two or more sides (`on`, `between` and `more`:
    proposal ids or innstillingen, `parts` narrowing the recommendation) with the `winner`
    (a side's id; by default the first), and for more than two sides each side's votes
    (`votes`, a line a side: `ID: 9ap 2sp`). The tallies are typed as the vote form's (the
    votes against, for); `unanimous` when the console's word for it was typed; `result`
    where the tallies alone do not decide; a named vote (navnevotering) by the members who
    voted for and against, a few letters of each name, commas between."""
    a, b = form.get("on", RECOMMENDATION), form.get("between", "")
    chosen = numbers(form.get("parts", ""))
    step: dict[str, Any]
    if b:
        sides = [a, b, *[s.strip() for s in form.get("more", "").split(",") if s.strip()]]
        winner = form.get("winner") or ""
        step = {"between": sides, "winner": winner if winner in sides else a, "parts": chosen}
        lines = [line.partition(":") for line in form.get("votes", "").splitlines()
                 if line.strip()]
        if lines:
            step["votes"] = {side.strip(): tally_text(registry, tally) for side, _, tally in lines}
    else:
        together = [s.strip() for s in form.get("together", "").split(",") if s.strip()]
        step = {"on": a, "together": together,
                ("except" if form.get("scope") == "except" else "parts"): chosen}
    named_for, named_against = (_names(registry, form.get("voted_for", "")),
                                _names(registry, form.get("voted_against", "")))
    if named_for or named_against:
        step["named"] = {"for": named_for, "against": named_against}
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
