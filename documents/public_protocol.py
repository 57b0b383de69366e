"""The protocols as the public may read them (engine.read.public): a published item's
saksprotokoll as it is, and the møteprotokoll with each exempt item reduced to its public
title and legal basis (skjerming). The same markup feeds the HTML pages and the Word files."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from documents import markup as mk
from documents.compose import protocol_markup
from documents.contexts import MeetingProtocolContext
from documents.meeting_protocol import meeting_view
from documents.templating import render

if TYPE_CHECKING:
    from documents.public_pages import VoteView
    from engine.app.approvals import Approval
    from engine.domain.meeting import Meeting
    from engine.read.public import PublicItem, PublicRecord

EXEMPT_LINE = "Unntatt offentlighet: {basis}."


def exempt_markup(item: PublicItem) -> str:
    basis = item.exemption.basis if item.exemption else ""
    return (f"## Sak {item.sak} {mk.literal(item.title)}\n\n"
            f"{mk.literal(EXEMPT_LINE.format(basis=basis))}\n")


def item_markup(record: PublicRecord, item: PublicItem, language: str = "nb",
                approval: Approval | None = None) -> str:
    """A published item's saksprotokoll, or an exempt item's public title and basis."""
    if item.item is None or item.case is None:
        return exempt_markup(item)
    return protocol_markup(record.registry, item.case, item.item, language, approval)


def meeting_markup(record: PublicRecord, meeting: Meeting, language: str = "nb",
                   approval: Approval | None = None) -> str:
    found = record.meetings[meeting.key]
    published = [(i.case, i.item) for i in found.items if i.case is not None
                 and i.item is not None]
    view = meeting_view(meeting, published, approval)  # type: ignore[arg-type]
    titles = {i.sak: i for i in found.items}
    view = dataclasses.replace(view, agenda=[
        dataclasses.replace(line, title=titles[line.sak].title,
                            handled=line.handled or titles[line.sak].exemption is not None)
        if line.sak in titles else line for line in view.agenda])
    parts = [mk.shift_headings(item_markup(record, i, language), 1) if i.published
             else exempt_markup(i) for i in found.items
             if i.published or (i.exemption is not None and i.approved)]
    return render(language, MeetingProtocolContext(m=view, items=parts))


def write_meeting(record: PublicRecord, meeting: Meeting, path: Path, language: str = "nb",
                  approval: Approval | None = None) -> Path:
    from documents.docx_writer import write_docx
    from documents.house import Properties
    from documents.naming import norwegian_date

    when = f"{meeting.body} {norwegian_date(meeting.date)}"
    properties = Properties(title=f"Møteprotokoll - {when}", subject=when,
                            municipality=record.registry.municipality, kind="Møteprotokoll")
    return write_docx(meeting_markup(record, meeting, language, approval), path, properties,
                      language)


def write_item(record: PublicRecord, item: PublicItem, path: Path, language: str = "nb",
               approval: Approval | None = None) -> Path:
    from documents.docx_writer import write_docx
    from documents.house import Properties

    properties = Properties(title=f"Saksprotokoll - {item.title}",
                            subject=f"{item.meeting}, sak {item.sak}",
                            municipality=record.registry.municipality, kind="Saksprotokoll",
                            keywords=item.arkivsak)
    return write_docx(item_markup(record, item, language, approval), path, properties,
                      language)


def html_blocks(markup: str) -> list[dict[str, object]]:
    """The markup's blocks for a page template: `kind` heading (`level`, `text`), fields
    (`rows`), para (`text`, `strong`) or list (documents.pages.list_tree); page breaks and
    tables of contents are left out."""
    from documents.pages import list_tree

    out: list[dict[str, object]] = []
    for block in mk.parse(markup):
        if isinstance(block, mk.Heading):
            out.append({"kind": "heading", "level": min(block.level + 1, 6), "text": block.text})
        elif isinstance(block, mk.Fields):
            out.append({"kind": "fields", "rows": list(block.rows)})
        elif isinstance(block, mk.Para):
            out.append({"kind": "para", "text": block.text, "strong": block.strong})
        elif isinstance(block, mk.ListBlock):
            out.append(list_tree(block.entries, lambda words: [(words, False)]))
    return out


def vote_views(record: PublicRecord, item: PublicItem) -> list[VoteView]:
    """Each vote of a published item with its tally per party."""
    from documents.public_pages import VoteView
    from engine.read.public import party_votes

    if item.item is None:
        return []
    found = item.item

    def name(side: str) -> str:
        proposal = found.proposals.get(side)
        if proposal is None:
            return "Innstillingen"
        if proposal.label:  # the name the record gives it ("Sps forslag 1")
            return proposal.label[:1].upper() + proposal.label[1:]
        # By the names people read (a register key may be an id), as the protocol names them.
        who = [record.registry.name_of(p) for p in proposal.people] or list(proposal.parties)
        if not who:
            return f"{proposal.kind.capitalize()} fra medlemmene"
        return f"{proposal.kind.capitalize()} fra {listing(who)}"

    views = []
    for number, vote in enumerate(found.votes, 1):
        if vote.between:
            sides = [name(side) for side in vote.between]
            subject = (f"{sides[0]} mot {sides[1]}" if len(sides) == 2
                       else "Alternativ votering mellom " + listing(sides))
            result = f"{name(vote.winner or '')} vedtatt"
        else:
            subject = listing([name(vote.on or ""), *(name(p) for p in vote.also)])
            if vote.parts:
                subject += ", avsnitt " + ", ".join(map(str, vote.parts))
            if vote.except_parts:
                subject += ", unntatt avsnitt " + ", ".join(map(str, vote.except_parts))
            result = vote.result
        views.append(VoteView(number, subject, result,
                              party_votes(record.registry, found, vote), vote.unanimous))
    return views


def listing(names: list[str]) -> str:
    """"A", "A og B", "A, B og C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]


def render_text(markup: str) -> str:
    """The markup as plain text (as `saksflyt protocol` prints it)."""
    from documents.compose import render_markup

    return render_markup(markup, "text")
