"""The console's and the room screen's words: the item as `engine.app.desk` describes it,
worded for the templates (documents/page_templates/console.html.j2, screen.html.j2) and for
the room screen's live updates (JSON, set as text by its script, never as markup)."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from documents.naming import genitive, norwegian_date, surname
from engine.domain.steps import PROPOSAL_KINDS
from engine.domain.text import render_plain
from engine.read.codes import ProposalStatus

if TYPE_CHECKING:
    from engine.app.desk import Desk, Planned
    from engine.domain.state import Case, Item, Proposal

KINDS = PROPOSAL_KINDS
"""The scenario format's proposal kinds (with the advisory councils' uttalelse)."""
EFFECTS = (("", "som forslagstypen tilsier"), ("add", "nytt avsnitt (legg til)"),
           ("replace", "erstatt et avsnitt"), ("amend", "endre ord i et avsnitt"),
           ("strike", "stryk avsnitt"), ("text", "egen tekst (ingen endring i innstillingen)"),
           ("take_note", "ta saken til orientering med teksten"))
UNANIMOUS = ("e", "enst", "enstemmig")
"""What the tally field takes for a unanimous vote."""
EVERYONE = "alle"
"""What the parties field takes for every party but the remark's own."""
RESULTS = ("", "Behandlet", "Vedtatt", "Utsatt", "Tatt til orientering")


def proposal_label(proposal: Proposal) -> str:
    return proposal.label or f"{genitive(surname(proposal.by))} {proposal.kind}"


def _words(proposal: Proposal, item: Item) -> list[str]:
    effect = proposal.effect
    if effect.kind == "strike":
        return [f"Stryk avsnitt {', '.join(str(n) for n in effect.numbers)}: "
                + " ".join(_paragraph(item, n) for n in effect.numbers)]
    if effect.kind == "amend":
        return [f"I avsnitt {effect.numbers[0]}: «{effect.old}» blir «{effect.new}»"]
    where = f"Nytt avsnitt {effect.numbers[0]}: " if effect.kind == "add" and effect.numbers \
        else f"Avsnitt {effect.numbers[0]} blir: " if effect.kind == "replace" else ""
    texts = [p.text for p in effect.paragraphs]
    return [where + texts[0], *texts[1:]] if texts else []


def _paragraph(item: Item, number: int) -> str:
    return item.base[number - 1].text if 0 < number <= len(item.base) else ""


def planned_text(planned: Planned, item: Item) -> tuple[str, list[str]]:
    """The vote's heading and the text being voted on."""
    step = planned.step
    if planned.subject:
        proposal = item.proposals[planned.subject]
        if "between" in step:
            parts = step.get("parts") or []
            rec = (f"innstillingen avsnitt {', '.join(str(n) for n in parts)}" if parts
                   else "innstillingen")
            return (f"Alternativ votering: {rec} eller {proposal_label(proposal)}",
                    [_paragraph(item, n) for n in parts] + _words(proposal, item))
        return proposal_label(proposal), _words(proposal, item)
    skip = step.get("except") or []
    heading = "Innstillingen" + (f" unntatt avsnitt {', '.join(str(n) for n in skip)}"
                                 if skip else "")
    return heading, [p.text for n, p in enumerate(item.base, 1) if n not in skip]


WORD = re.compile(r"[^\W\d_]+")
SHORTEST_WORD = 5
"""The shortest word the text field offers to complete (a shorter one saves no key)."""


def vocabulary(case: Case) -> list[str]:
    """The words of the case's texts (the recommendations, every proposal made in any of its
    meetings, decisions taken to information) that the proposal text field completes with
    Tab, most used first: a council's proposals reuse the case's words («handlingsplanen»,
    «internasjonale», «Bystyret ber rådmannen»)."""
    texts = [p.text for p in case.recommendation]
    for item in case.items:
        texts += [p.text for p in item.base]
        texts += [p.text for p in item.taken_note or ()]
        for proposal in item.proposals.values():
            texts += [p.text for p in proposal.effect.paragraphs]
            texts += [w for w in (proposal.effect.old, proposal.effect.new) if w]
    counts = Counter(w for t in texts for w in WORD.findall(t) if len(w) >= SHORTEST_WORD)
    # Most used first, then the shorter, then the first seen: the script offers the first
    # word in this order that starts with what was typed.
    first = {w: i for i, w in enumerate(counts)}
    return sorted(counts, key=lambda w: (-counts[w], len(w), first[w]))


def voting_lines(protocol_text: str) -> list[str]:
    """The Votering section's sentences from a protocol's plain text."""
    lines = protocol_text.split("\n")
    if "Votering:" not in lines:
        return []
    rest = lines[lines.index("Votering:") + 1:]
    out = []
    for line in rest:
        if line.endswith(":") and not line.startswith(("Ved ", "Innstillingen")) and out:
            break
        if line.strip():
            out.append(line.strip())
    return out


def console_view(desk: Desk, protocol_text: str, decision: str,
                 order: list[str]) -> dict[str, Any]:
    """Everything the item console shows, worded; `order` is the secretary's voting order
    as given (carried by every form)."""
    from documents.words import proposal_status_text

    item = desk.item
    rows = []
    for planned in desk.plan:
        heading, texts = planned_text(planned, item)
        rows.append({"key": planned.key, "heading": heading, "texts": texts,
                     "held": planned.held})
    nxt = desk.next_vote
    sides: list[tuple[str, str]] = []
    if nxt is not None and "between" in nxt.step:
        sides = [("", f"for {proposal_label(item.proposals[nxt.subject])}"),
                 ("innstillingen", "for innstillingen")]
    elif nxt is not None:
        sides = [("", "mot"), ("for", "for")]
    remarks = [{"id": p.id, "label": f"{proposal_label(p)} ({p.id})",
                "joined": any(j.remark == p.id for j in item.joins)}
               for p in item.proposals.values() if p.kind == "merknad"]
    return {
        "title": item.title or desk.case.title, "sak": item.sak, "meeting": item.meeting,
        "arkivsak": desk.case.arkivsak, "state": item.state, "closed": item.closed,
        "approved": desk.approved, "present_total": desk.present_total,
        "present": desk.present or {},
        "recommendation": [{"number": n, "text": render_plain([p.text]).strip(), "raw": p.text}
                           for n, p in enumerate(item.base, 1)],
        "proposals": [{"id": p.id, "by": p.by, "kind": p.kind, "label": proposal_label(p),
                       "status": proposal_status_text(ProposalStatus(p.status, live=True)),
                       "texts": _words(p, item), "on_behalf_of": ", ".join(p.on_behalf_of)}
                      for p in item.proposals.values()],
        "plan": rows, "order": ",".join(order), "voting_started": bool(item.votes),
        "next": ({"key": nxt.key, "heading": planned_text(nxt, item)[0], "sides": sides}
                 if nxt is not None else None),
        "remarks": remarks, "votes_held": len(item.votes),
        "decision": decision, "voting": voting_lines(protocol_text),
        "vocabulary": vocabulary(desk.case),
        "earlier": [{"id": p.id, "label": f"{proposal_label(p)} ({p.id}, {p.meeting}, "
                     f"{proposal_status_text(ProposalStatus(p.status, live=False))})",
                     "text": "\n\n".join(q.text for q in p.effect.paragraphs)}
                    for i in desk.case.items if i is not item for p in i.proposals.values()
                    if p.effect.paragraphs],
        "withdrawable": [{"id": p.id, "label": proposal_label(p)} for p in item.proposals.values()
                         if p.status == "proposed" and not item.voted_on(p.id)],
        "sides": [("innstillingen", "innstillingen")] + [
            (p.id, f"{proposal_label(p)} ({p.id})") for p in item.proposals.values()
            if p.kind != "merknad" and p.status != "withdrawn"],
        "undone": [("angret steg" if u.type == "item.step_retracted" else "åpnet igjen: "
                    + getattr(u, "reason", "")) for u in item.undone],
    }


def screen_view(meeting: str, desk: Desk | None, protocol_text: str) -> dict[str, Any]:
    """What the room screen shows: the text being voted on, then the last vote's result."""
    body, _, date = meeting.rpartition(" ")
    meeting = f"{body} {norwegian_date(date)}" if body else meeting  # as the room reads it
    if desk is None:
        return {"meeting": meeting, "title": "", "phase": "ingen", "heading": "Ingen sak er åpen",
                "texts": [], "result": ""}
    item = desk.item
    lines = voting_lines(protocol_text)
    nxt = desk.next_vote
    last_is_vote = bool(item.steps) and item.steps[-1].type == "vote.held"
    base = {"meeting": meeting, "title": f"Sak {item.sak}: {item.title or desk.case.title}"}
    if item.closed:
        return {**base, "phase": "avsluttet", "heading": "Behandlingen er avsluttet",
                "texts": [], "result": lines[-1] if lines else ""}
    if last_is_vote and lines:
        following = planned_text(nxt, item)[0] if nxt is not None else ""
        return {**base, "phase": "resultat", "heading": "Resultat", "texts": [lines[-1]],
                "result": lines[-1], "next": following}
    if nxt is not None and (item.votes or len(item.proposals) > 0):
        heading, texts = planned_text(nxt, item)
        return {**base, "phase": "votering", "heading": f"Til votering: {heading}",
                "texts": texts, "result": lines[-1] if lines else ""}
    return {**base, "phase": "ordskifte", "heading": "Ordskifte", "texts": [], "result": ""}


NO_VOTE = ("Ingen votering er holdt i denne saken. Kryss av for «Avslutt likevel» for å "
           "avslutte den uten votering.")


def vote_preview(sentence: str, n_for: int | None, n_against: int | None) -> str:
    """The vote as the record will say it, and the numbers on each side, before it is saved."""
    numbers = (f" ({n_for} for, {n_against} mot)" if n_for is not None and n_against is not None
               else "")
    return sentence + numbers
