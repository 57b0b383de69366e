"""A command's session: what one command reads from the store and writes back in one
transaction (the workspace, and the meetings it touched), and the look-ups of meetings."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING

from engine.commands.lookup import did_you_mean, meeting_key
from engine.domain import events as ev
from engine.domain.errors import NotFound
from engine.domain.meeting import MEETING_PREFIX, AgendaEntry, Meeting, evolve_meeting
from engine.read.views import parse_meeting

if TYPE_CHECKING:
    from engine.domain.state import Case, Item
    from engine.store.eventstore import EventStore


def load_meeting(store: EventStore, key: str) -> Meeting | None:
    rows = store.read(ev.meeting_stream(key))
    if not rows:
        return None
    first = rows[0].event()
    assert isinstance(first, ev.MeetingScheduled)
    meeting = Meeting(key=key, body=first.body, date=first.date, version=1)
    for row in rows[1:]:
        evolve_meeting(meeting, row.event())
    return meeting


def meeting_keys(store: EventStore) -> list[str]:
    return [s.removeprefix(MEETING_PREFIX) for s in store.streams(MEETING_PREFIX)]


def normalize(meeting: str) -> str:
    body, date = parse_meeting(meeting)
    return meeting_key(body, date)


class LiveSession:
    """What one live command reads and writes: the workspace, and the meetings it touched."""

    def __init__(self, store: EventStore) -> None:
        from engine.app.repository import workspace

        self.store = store
        self.ws = workspace(store)
        self._meetings: dict[str, Meeting | None] = {}

    def find_meeting(self, name: str) -> Meeting | None:
        key = normalize(name)
        if key not in self._meetings:
            self._meetings[key] = load_meeting(self.store, key)
        return self._meetings[key]

    def keep(self, meeting: Meeting) -> None:
        """A meeting this command made (a replayed one given its own stream)."""
        self._meetings[meeting.key] = meeting

    def meeting(self, name: str) -> Meeting:
        found = self.find_meeting(name)
        if found is None:
            key = normalize(name)
            hint = did_you_mean(key, meeting_keys(self.store))
            raise NotFound(f"Møtet «{key}» finnes ikke{hint} (saksflyt meeting new).")
        return found

    def recorded_meeting(self, name: str) -> Meeting:
        """The meeting's own record, or, for a meeting that came in by a replay (it has no
        stream of its own), one derived from the cases' items in that meeting."""
        found = self.find_meeting(name)
        if found is not None:
            return found
        key = normalize(name)
        body, date = parse_meeting(key)
        derived = Meeting(key=key, body=body, date=date)
        for stream in self.store.streams("sak:"):
            case = self.ws.find_case(stream.removeprefix("sak:"))
            item = case.item(key) if case else None
            if case is not None and item is not None:
                derived.agenda.append(AgendaEntry(item.sak, case.arkivsak, item.title,
                                                  item.result_label))
        if not derived.agenda:
            return self.meeting(name)  # not found: the message with "did you mean"
        return derived

    def items(self, meeting: Meeting) -> list[tuple[Case, Item]]:
        """The meeting's items in agenda order (those taken up so far)."""
        found = []
        for entry in meeting.agenda:
            case = self.ws.find_case(entry.arkivsak)
            item = case.item(meeting.key) if case else None
            if case is not None and item is not None:
                found.append((case, item))
        return found

    def target(self, meeting: str | None = None, arkivsak: str | None = None,
               ) -> tuple[Case, Item]:
        """The item a step command acts on: the named meeting's open item, or that of the one
        meeting that has one; --case names another item (engine.app.open_items)."""
        from engine.app.open_items import resolve_target

        return resolve_target(self, meeting, arkivsak)

    def approved(self, item: Item) -> bool:
        found = self.find_meeting(item.meeting)
        return found is not None and found.approved is not None

    def commit(self, actor: str | None) -> int:
        from engine.app.repository import commit

        return commit(self.store, self.ws, actor=actor)


def completions(store: EventStore, kind: str) -> list[str]:
    """Names for shell completion: bodies, meetings, people, or the open item's proposals."""
    from engine.app.repository import load_registry
    from engine.domain.errors import SaksflytError

    if kind == "meetings":
        return meeting_keys(store)
    registry = load_registry(store)
    if kind == "bodies":
        return list(registry.bodies)
    if kind == "people":
        return list(registry.people)
    if kind == "proposals":
        try:
            _, item = LiveSession(store).target()
        except SaksflytError:  # no open item, or more than one meeting has one
            return []
        return list(item.proposals)
    return []


@cache
def open_store(url: str) -> EventStore:
    """The store at `url`, one per process and URL: its engine and pool are shared by every
    command a process runs (a server's requests included)."""
    from engine.store.eventstore import EventStore

    return EventStore(url)


@contextmanager
def unit_of_work(store: EventStore, actor: str | None) -> Iterator[LiveSession]:
    """One command: load what it needs, let the engine decide, and append what it emitted in
    one transaction as `actor` (the authenticated user). Nothing is stored when it raises."""
    session = LiveSession(store)
    yield session
    session.commit(actor)
