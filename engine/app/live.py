"""Command-line options to step models, and the read models of live logging. Pure.

The CLI passes each step's options by the step's own key names; this module builds the
`engine.domain.steps` model (so the engine checks it exactly as in a replay), gives an unnamed
proposal a short id, and describes an item as `item status` shows it (codes and data; the
words are in `documents.words`).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from engine.domain.errors import RuleViolation
from engine.read.codes import ProposalStatus, VoteSummary

if TYPE_CHECKING:
    from engine.domain.state import Case, Item, Registry
    from engine.domain.steps import _Step

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})


def split_list(value: str | None) -> list[str]:
    """`"Ap, MDG"` to `["Ap", "MDG"]`; None and "" to []."""
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def split_numbers(value: str | None, key: str) -> list[int]:
    try:
        return [int(v) for v in split_list(value)]
    except ValueError:
        raise RuleViolation(f"--{key} tar avsnittsnumre skilt med komma, som «1,3».") from None


def paragraphs_of(text: str) -> list[str]:
    """A text from a file or standard input: paragraphs are separated by blank lines (a line
    starting with `- ` stays in its paragraph as a list item)."""
    # A browser sends a textarea's lines as CRLF, a Windows file too: lines are \n here.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def text_value(values: Iterable[str]) -> str | list[str] | None:
    """Repeated options (one paragraph each) to the scenario's text value."""
    texts = [v for v in values if v is not None]
    if not texts:
        return None
    return texts[0] if len(texts) == 1 else texts


def short_id(by: str, taken: Iterable[str]) -> str:
    """A short proposal id from the proposer's surname: `salomonsen`, `salomonsen-2`, ..."""
    words = by.split()
    base = words[-1] if words else "forslag"
    base = unicodedata.normalize("NFKD", base.translate(_FOLD).lower())
    base = re.sub(r"[^a-z0-9]+", "-", base.encode("ascii", "ignore").decode()).strip("-")
    base = base or "forslag"
    taken = set(taken)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def build_step(kind: str, values: dict[str, Any]) -> _Step:
    """The step model from the options (None and empty lists left out); a pydantic error
    becomes one Norwegian line."""
    from pydantic import ValidationError

    from engine.domain.inputs import describe_validation
    from engine.domain.steps import STEP_MODELS

    data = {k: v for k, v in values.items() if v is not None and v != [] and v is not False}
    try:
        return STEP_MODELS[kind].model_validate(data)
    except ValidationError as exc:
        raise RuleViolation(f"{kind.replace('_', '-')}: {describe_validation(exc)}") from None


def propose_values(*, amend: int | None, old: str | None, new: str | None,
                   strike: str | None, on_behalf_of: str | None, with_: tuple[str, ...] = (),
                   parties: str | None = None, **rest: Any) -> dict[str, Any]:
    values = dict(rest)
    values["on_behalf_of"] = split_list(on_behalf_of)
    values["together"] = list(with_)
    values["parties"] = split_list(parties)
    if strike is not None:
        values["strike"] = split_numbers(strike, "strike")
    if amend is not None or old is not None or new is not None:
        values["amend"] = {"paragraph": amend, "old": old, "new": new or ""}
    return values


def vote_values(*, between: str | None, parts: str | None, except_: str | None,
                side: tuple[str, ...] = (), voted_for: tuple[str, ...] = (),
                voted_against: tuple[str, ...] = (), **rest: Any) -> dict[str, Any]:
    values = {k: v for k, v in rest.items()}
    on = split_list(values.get("on"))
    if len(on) > 1:  # --on a,b: the proposals voted on together
        values["on"], values["together"] = on[0], on[1:]
    values["between"] = split_list(between) if between is not None else None
    if side:
        votes = {}
        for entry in side:
            name, sep, tally = entry.partition("=")
            if not sep or not name.strip():
                raise RuleViolation(f"--side skrives ID=STEMMER, som «innstillingen=9Ap, 2Sp», "
                                    f"ikke «{entry}».")
            votes[name.strip()] = tally.strip()
        values["votes"] = votes
    if voted_for or voted_against:
        values["named"] = {"for": list(voted_for), "against": list(voted_against)}
    values["parts"] = split_numbers(parts, "parts")
    values["except"] = split_numbers(except_, "except")
    if "for_" in values:
        values["for"] = values.pop("for_")
    return values


# --- read models -------------------------------------------------------------------------

def preview(registry: Registry, item: Item) -> Item:
    """A copy of the item closed as it would be now (nothing stored, the item unchanged)."""
    from engine.domain.evolve import settle

    if item.outcome is not None:
        return item
    copy = dataclasses.replace(item)
    settle(copy, registry)
    return copy


def item_status(case: Case, item: Item, decision: str) -> dict[str, Any]:
    """What `item status` shows; `decision` is the text as it reads if the item closed now."""
    from engine.domain.text import render_plain

    return {
        "meeting": item.meeting, "sak": item.sak, "arkivsak": case.arkivsak,
        "title": item.title or case.title, "role": item.role, "state": item.state,
        "closed": item.closed,
        "recommendation": [{"number": n, "id": p.id, "text": render_plain([p.text]).strip()}
                           for n, p in enumerate(item.base, 1)],
        "proposals": [{"id": p.id, "by": p.by, "kind": p.kind, "status": p.status,
                       "status_label": ProposalStatus(p.status, live=True),
                       "text": "\n\n".join(x.text for x in p.effect.paragraphs),
                       "effect": p.effect.kind, "numbers": list(p.effect.numbers)}
                      for p in item.proposals.values()],
        "votes": [{"number": n, "summary": VoteSummary(v), "result": v.result,
                   "winner": v.winner} for n, v in enumerate(item.votes, 1)],
        "absent": list(item.absent), "inhabil": list(item.inhabil),
        "deputies": [{"deputy": d, "for": m} for d, m in item.deputies],
        "corrections": [{"target": c.target, "vote": c.vote, "proposal": c.proposal,
                         "reason": c.reason, "after_approval": c.after_approval}
                        for c in item.corrections],
        "decision": decision,
    }

