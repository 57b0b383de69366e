"""The public record as OParl 1.1 objects (https://oparl.org/spezifikation/), and the
saksflyt extension for what OParl lacks: each proposal, and each vote with its tally per
party, linked to the paragraphs of the decision. Pure: the server pages and serves them.

Only what may be published (engine.read.public): an AgendaItem's resolutionText, its
consultations' proposals and votes, and its protocol files appear once its meeting is
approved, and never for an exempt item (its name is the public title, `public` is false,
and `saksflyt:exemptionBasis` says why).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from documents.public_pages import url_item, url_meeting
from engine.domain.text import render_plain
from engine.read.public import PublicItem, PublicRecord, party_votes

if TYPE_CHECKING:
    from engine.domain.state import Proposal

OPARL = "https://schema.oparl.org/1.1/"
EXTENSION = "https://schema.saksflyt.no/oparl/1/"
"""The type URIs of the extension objects (Proposal, Vote) and the prefix of extra keys."""
CONTEXT_ROLES = {"uttalelse": "Uttalelse", "innstilling": "Innstilling", "vedtak": "Vedtak"}


def q(value: str) -> str:
    return quote(value.replace("/", "-"), safe="")


@dataclass(frozen=True)
class Links:
    """Absolute URLs of every object, from the API's base (…/oparl/v1)."""

    base: str
    site: str

    def of(self, kind: str, *parts: str) -> str:
        return "/".join([self.base, kind, *(q(p) for p in parts)])


def _stamp(times: dict[str, tuple[str, str]], *streams: str) -> dict[str, str]:
    known = [times[s] for s in streams if s in times]
    if not known:
        return {}
    return {"created": min(t[0] for t in known), "modified": max(t[1] for t in known)}


def system(links: Links, record: PublicRecord) -> dict[str, Any]:
    return {"id": links.base, "type": OPARL + "System", "oparlVersion": OPARL,
            "body": links.of("body"), "name": f"saksflyt: {record.registry.municipality or ''}",
            "website": links.site + "/innsyn"}


def body(links: Links, record: PublicRecord) -> dict[str, Any]:
    return {"id": links.of("body", "1"), "type": OPARL + "Body", "system": links.base,
            "name": record.registry.municipality or "saksflyt", "website": links.site + "/innsyn",
            "organization": links.of("body", "1", "organization"),
            "person": links.of("body", "1", "person"),
            "meeting": links.of("body", "1", "meeting"),
            "paper": links.of("body", "1", "paper"),
            "agendaItem": links.of("body", "1", "agendaItem"),
            "consultation": links.of("body", "1", "consultation"),
            "file": links.of("body", "1", "file"),
            "membership": links.of("body", "1", "membership"),
            "legislativeTerm": []}


def organization(links: Links, record: PublicRecord, name: str) -> dict[str, Any]:
    found = record.registry.bodies[name]
    return {"id": links.of("organization", name), "type": OPARL + "Organization",
            "body": links.of("body", "1"), "name": name, "organizationType": "Gremium",
            "classification": found.kind,
            "membership": [links.of("membership", p, name) for p in _members(record, name)]}


def _members(record: PublicRecord, name: str) -> list[str]:
    """People of a body: those the record shows taking part in its published items."""
    people: dict[str, None] = {}
    for meeting in record.meetings_of(name):
        for item in meeting.items:
            if item.item is not None:
                people.update(dict.fromkeys(
                    person for p in item.item.proposals.values() for person in p.people
                    if person in record.registry.people))
    return list(people)


def people(record: PublicRecord) -> list[tuple[str, list[str]]]:
    """Each person the published record names, with the bodies they took part in."""
    found: dict[str, list[str]] = {}
    for name in record.bodies():
        for person in _members(record, name):
            found.setdefault(person, []).append(name)
    return list(found.items())


def person(links: Links, record: PublicRecord, name: str, bodies: list[str]) -> dict[str, Any]:
    return {"id": links.of("person", name), "type": OPARL + "Person", "body": links.of("body", "1"),
            "name": record.registry.name_of(name),
            "membership": [membership(links, record, name, b) for b in bodies]}


def membership(links: Links, record: PublicRecord, name: str, body_name: str) -> dict[str, Any]:
    party = record.registry.party_of(name)
    out = {"id": links.of("membership", name, body_name), "type": OPARL + "Membership",
           "person": links.of("person", name),
           "organization": links.of("organization", body_name), "votingRight": True}
    if party:
        out[EXTENSION + "party"] = party
    return out


def meeting(links: Links, record: PublicRecord, key: str,
            times: dict[str, tuple[str, str]]) -> dict[str, Any]:
    found = record.meetings[key]
    out: dict[str, Any] = {
        "id": links.of("meeting", key), "type": OPARL + "Meeting", "name": key,
        "start": f"{found.date}T00:00:00+00:00", "meetingState": (
            "genehmigt" if found.approved else "durchgeführt" if any(
                i.approved or i.arkivsak for i in found.items) else "eingeladen"),
        "cancelled": False, "organization": [links.of("organization", found.body)],
        "agendaItem": [agenda_item(links, record, i, n, times)
                       for n, i in enumerate(found.items, 1)],
        **_stamp(times, f"møte:{key}", *(f"sak:{i.arkivsak}" for i in found.items))}
    if found.approved:
        out["resultsProtocol"] = protocol_file(links, key, None)
    return out


def agenda_item(links: Links, record: PublicRecord, item: PublicItem, order: int,
                times: dict[str, tuple[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": links.of("agendaItem", item.meeting, item.arkivsak), "type": OPARL + "AgendaItem",
        "meeting": links.of("meeting", item.meeting), "number": item.sak, "order": order,
        "name": item.title, "public": item.exemption is None,
        "consultation": links.of("consultation", item.meeting, item.arkivsak),
        **_stamp(times, f"sak:{item.arkivsak}", f"møte:{item.meeting}")}
    if item.exemption is not None:
        out[EXTENSION + "exemptionBasis"] = item.exemption.basis
    found = item.item
    if found is not None and found.outcome is not None:
        out["resolutionText"] = render_plain(p.text for p in found.outcome.text)
        out["resolutionFile"] = protocol_file(links, item.meeting, item.arkivsak)
        out[EXTENSION + "resolutionParagraph"] = [
            {"id": p.id, "number": n, "text": p.text}
            for n, p in enumerate(found.outcome.text, 1)]
        out[EXTENSION + "proposal"] = [links.of("proposal", item.meeting, item.arkivsak, pid)
                                       for pid in found.proposals]
        out[EXTENSION + "vote"] = [links.of("vote", item.meeting, item.arkivsak, str(n))
                                   for n in range(1, len(found.votes) + 1)]
    return out


def paper(links: Links, record: PublicRecord, arkivsak: str,
          times: dict[str, tuple[str, str]]) -> dict[str, Any]:
    found = record.cases[arkivsak]
    out = {"id": links.of("paper", arkivsak), "type": OPARL + "Paper",
           "body": links.of("body", "1"), "name": found.title, "reference": arkivsak,
           "paperType": "Saksframlegg",
           "consultation": [consultation(links, i) for i in found.items],
           **_stamp(times, f"sak:{arkivsak}")}
    if found.exemption is not None:
        out[EXTENSION + "exemptionBasis"] = found.exemption.basis
    return out


def consultation(links: Links, item: PublicItem) -> dict[str, Any]:
    role = item.item.role if item.item is not None else None
    out = {"id": links.of("consultation", item.meeting, item.arkivsak),
           "type": OPARL + "Consultation", "paper": links.of("paper", item.arkivsak),
           "agendaItem": links.of("agendaItem", item.meeting, item.arkivsak),
           "meeting": links.of("meeting", item.meeting),
           "organization": [links.of("organization", item.body)]}
    if role is not None:
        out["role"] = CONTEXT_ROLES.get(role, role)
        out["authoritative"] = role == "vedtak"
    return out


def protocol_file(links: Links, key: str, arkivsak: str | None) -> dict[str, Any]:
    """The Word file of an approved møteprotokoll (arkivsak None) or saksprotokoll."""
    parts = (key,) if arkivsak is None else (key, arkivsak)
    site = (url_meeting(key) + "/protokoll.docx" if arkivsak is None
            else url_item(key, arkivsak) + "/protokoll.docx")
    name = f"{key} møteprotokoll" if arkivsak is None else f"{key} sak {arkivsak} saksprotokoll"
    return {"id": links.of("file", *parts), "type": OPARL + "File", "name": name,
            "fileName": name.replace("/", "-") + ".docx", "mimeType":
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "accessUrl": links.site + site, "downloadUrl": links.site + site}


def proposals(links: Links, record: PublicRecord, item: PublicItem) -> list[dict[str, Any]]:
    found = item.item
    if found is None or found.outcome is None:
        return []
    decided = {p.id for p in found.outcome.text}
    out = []
    for pid, p in found.proposals.items():
        touched = [t for t in [*p.effect.targets, *(x.id for x in p.effect.paragraphs)]
                   if t in decided]
        out.append({"id": links.of("proposal", item.meeting, item.arkivsak, pid),
                    "type": EXTENSION + "Proposal",
                    "agendaItem": links.of("agendaItem", item.meeting, item.arkivsak),
                    "paper": links.of("paper", item.arkivsak), "name": pid, "kind": p.kind,
                    **_proposers(links, record, p), "onBehalfOf": list(p.on_behalf_of),
                    "status": p.status,
                    "effect": p.effect.kind, "text": [x.text for x in p.effect.paragraphs],
                    "resolutionParagraph": touched})
    return out


def _proposers(links: Links, record: PublicRecord, p: Proposal) -> dict[str, Any]:
    """Who made a proposal, as people read it: the members by name (a register key may be an
    id) with their Person objects, or the parties that made it; `proposer` is the first."""
    registry = record.registry
    names = [registry.name_of(person) for person in p.people]
    return {"proposer": names[0] if names else ", ".join(p.parties) or None,
            "proposers": names, "parties": list(p.parties),
            "person": [links.of("person", person) for person in p.people
                       if person in registry.people],
            "party": registry.party_of(p.by) if p.by else None}


def votes(links: Links, record: PublicRecord, item: PublicItem) -> list[dict[str, Any]]:
    found = item.item
    if found is None or found.outcome is None:
        return []
    decided = {p.id for p in found.outcome.text}
    out = []
    for n, vote in enumerate(found.votes, 1):
        sides = vote.between or [vote.on or ""]

        def ref(side: str) -> str:
            return (links.of("proposal", item.meeting, item.arkivsak, side)
                    if side in found.proposals else "innstillingen")

        paragraphs = [p for p in vote.part_ids if p in decided] or [
            t for s in sides if s in found.proposals
            for t in [*found.proposals[s].effect.targets,
                      *(x.id for x in found.proposals[s].effect.paragraphs)] if t in decided]
        out.append({"id": links.of("vote", item.meeting, item.arkivsak, str(n)),
                    "type": EXTENSION + "Vote", "order": n,
                    "agendaItem": links.of("agendaItem", item.meeting, item.arkivsak),
                    "subject": [ref(s) for s in sides],
                    "winner": ref(vote.winner) if vote.winner else None,
                    "result": vote.result, "unanimous": vote.unanimous,
                    "tally": [{"party": t.party, "for": t.votes_for, "against": t.votes_against}
                              for t in party_votes(record.registry, found, vote)],
                    "resolutionParagraph": paragraphs})
    return out


def everything(links: Links, record: PublicRecord,
               times: dict[str, tuple[str, str]]) -> dict[str, list[dict[str, Any]]]:
    """Every object by its list's name (the Body's list links), embedded ones included."""
    found: dict[str, list[dict[str, Any]]] = {k: [] for k in (
        "organization", "person", "membership", "meeting", "agendaItem", "paper",
        "consultation", "file", "proposal", "vote")}
    found["organization"] = [organization(links, record, b) for b in record.bodies()]
    for name, bodies in people(record):
        made = person(links, record, name, bodies)
        found["person"].append(made)
        found["membership"] += made["membership"]
    for key in record.meetings:
        made = meeting(links, record, key, times)
        found["meeting"].append(made)
        found["agendaItem"] += made["agendaItem"]
        stamp = {k: made[k] for k in ("created", "modified") if k in made}
        files = [made.get("resultsProtocol")] + [a.get("resolutionFile")
                                                 for a in made["agendaItem"]]
        for file in files:
            if file is not None:
                file.update(stamp)
                found["file"].append(file)
        for item in record.meetings[key].items:
            found["proposal"] += proposals(links, record, item)
            found["vote"] += votes(links, record, item)
    for arkivsak in record.cases:
        made = paper(links, record, arkivsak, times)
        found["paper"].append(made)
        found["consultation"] += made["consultation"]
    return found
