"""Full-text search over what the public may read: each case's title and published
decision, and each published item's protocol texts (notes, proposals, the decision). The
table (engine.store.search_table) is brought up to the store's last event before each
search, for the cases whose streams (or whose meetings' streams) changed since; `rebuild`
makes it again from nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from engine.domain import events as ev
from engine.domain.meeting import MEETING_PREFIX
from engine.domain.text import render_plain
from engine.store import search_table as table

if TYPE_CHECKING:
    from engine.read.public import PublicCase, PublicItem, PublicRecord
    from engine.store.eventstore import EventStore


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    """`case` (a case's title and decision) or `item` (a saksprotokoll)."""
    arkivsak: str
    meeting: str | None
    title: str
    snippet: str


def _item_text(item: PublicItem) -> str:
    found = item.item
    if found is None:  # exempt or not approved: the public title alone
        return ""
    parts: list[str] = []
    for step in found.steps:
        if isinstance(step, ev.NoteRecorded):
            parts.append(step.text)
        elif isinstance(step, ev.ProposalMade):
            parts += [p.text for p in step.effect.paragraphs]
        elif isinstance(step, ev.Postponed):
            parts.append(step.text)
    if found.outcome is not None:
        parts.append(render_plain(p.text for p in found.outcome.text))
        parts += [r.text for r in found.outcome.remarks]
    return "\n".join(parts)


def documents(case: PublicCase) -> list[table.Doc]:
    decided = case.decision.item if case.decision else None
    body = ""
    if decided is not None and decided.outcome is not None:
        body = "\n".join([render_plain(p.text for p in decided.outcome.text),
                          *(r.text for r in decided.outcome.remarks)])
    if case.exemption is not None:
        body = case.exemption.basis
    docs = [table.Doc(f"case:{case.arkivsak}", case.arkivsak, case.title, body)]
    docs += [table.Doc(f"item:{i.meeting}|{i.arkivsak}", case.arkivsak,
                       f"{i.title} ({i.meeting}, sak {i.sak})", _item_text(i))
             for i in case.items if i.published]
    return docs


def _record(store: EventStore) -> PublicRecord:
    from engine.app.publication import public_record

    return public_record(store)


def rebuild(store: EventStore) -> int:
    """The table made again from the events; the number of documents."""
    position = table.head(store)
    docs = [d for case in _record(store).cases.values() for d in documents(case)]
    table.replace(store, [], docs, position, everything=True)
    return len(docs)


def catch_up(store: EventStore) -> None:
    """Bring the table to the store's last event: the cases whose stream changed, and those
    on the sakskart of a meeting whose stream changed (an approval publishes them)."""
    indexed = table.indexed_position(store)
    if indexed is None:
        rebuild(store)
        return
    position = table.head(store)
    if position <= indexed:
        return
    changed = table.changed_streams(store, indexed)
    record = _record(store)
    groups = {s.removeprefix("sak:") for s in changed if s.startswith("sak:")}
    for stream in changed:
        if stream.startswith(MEETING_PREFIX):
            meeting = record.meetings.get(stream.removeprefix(MEETING_PREFIX))
            groups |= {i.arkivsak for i in meeting.items} if meeting else set()
    docs = [d for g in groups if g in record.cases for d in documents(record.cases[g])]
    table.replace(store, groups, docs, position)


def search(store: EventStore, text: str) -> list[Hit]:
    catch_up(store)
    hits = []
    for found in table.query(store, text):
        kind, _, ref = found.key.partition(":")
        meeting, _, arkivsak = ref.rpartition("|")
        hits.append(Hit(kind, arkivsak, meeting or None, found.title, found.snippet))
    return hits
