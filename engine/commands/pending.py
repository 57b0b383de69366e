"""Events emitted by a command and not yet stored, kept compact.

A replay of a country's cases emits hundreds of thousands of events before its one
transaction. Each is kept as one serialised row (stream, type, payload JSON with sorted keys:
the form the hash covers; the payload is in its type's current version, the one the store
writes), not as a pydantic object; past `memory_rows` rows (10 000, a few megabytes: a
replay of a few hundred cases never touches the disk) they go to an anonymous temporary
file, so memory stays flat however long the scenario is.
"""

from __future__ import annotations

import functools
import json
import tempfile
from array import array
from collections.abc import Iterator
from typing import IO

from engine.domain import events as ev
from engine.domain.events import payload_json

Row = tuple[str, str, str]
"""(stream id, event type, payload as JSON text with sorted keys)."""


class PendingEvents:
    def __init__(self, memory_rows: int = 10_000) -> None:
        self.memory_rows = memory_rows
        self._memory: list[Row] = []  # rows not (yet) in the file
        self._file: IO[bytes] | None = None
        self._offsets = array("q")  # byte offset of each row in the file
        self._by_stream: dict[str, array[int]] = {}  # stream -> its row numbers
        self._count = 0
        self._end = 0  # the file's length, as written
        self._last = ("", '""')  # the last stream id and its JSON string (rows come in runs)

    # -- list-like: what commands and callers used ------------------------------------------

    def append(self, item: tuple[str, ev.Event]) -> None:
        stream, event = item
        self.add_row((stream, event.type, payload_json(ev.dump(event))))

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self) -> Iterator[tuple[str, ev.Event]]:
        for stream, type_, payload in self.rows():
            yield stream, ev.load_current(type_, json.loads(payload))

    def clear(self) -> None:
        self._memory = []
        if self._file is not None:
            self._file.close()
            self._file = None
        self._offsets = array("q")
        self._by_stream = {}
        self._count = 0

    # -- rows --------------------------------------------------------------------------------

    def add_row(self, row: Row) -> None:
        rows = self._by_stream.get(row[0])
        if rows is None:
            rows = self._by_stream[row[0]] = array("q")
        rows.append(self._count)
        self._count += 1
        if self._file is not None:
            self._write(row)  # once spilling, every row goes straight to the file
            return
        self._memory.append(row)
        if len(self._memory) >= self.memory_rows:
            self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by clear)
            self._end = 0
            for kept in self._memory:
                self._write(kept)
            self._memory = []

    @property
    def streams(self) -> list[str]:
        """Every stream with a pending event, in the order of its first one."""
        return list(self._by_stream)

    def rows(self) -> Iterator[Row]:
        """Every row in the order emitted."""
        if self._file is not None:
            self._file.flush()
            self._file.seek(0)
            for _ in range(len(self._offsets)):
                yield _decode(self._file.readline())
            self._file.seek(0, 2)
        yield from self._memory

    def events_of(self, stream: str) -> list[ev.Event]:
        """The pending events of one stream, in order (to rebuild an evicted case)."""
        found = []
        spilled = len(self._offsets)
        for number in self._by_stream.get(stream, ()):
            if number < spilled:
                assert self._file is not None
                self._file.seek(self._offsets[number])
                row = _decode(self._file.readline())
            else:
                row = self._memory[number - spilled]
            found.append(ev.load_current(row[1], json.loads(row[2])))
        if self._file is not None:
            self._file.seek(0, 2)
        return found

    def _write(self, row: Row) -> None:
        assert self._file is not None
        stream, type_, payload = row
        if self._last[0] != stream:
            self._last = (stream, json.dumps(stream, ensure_ascii=False))
        line = f"{self._last[1]}\t{type_}\t{payload}\n".encode()
        self._offsets.append(self._end)
        self._end += len(line)
        self._file.write(line)


def _decode(line: bytes) -> Row:
    stream, type_, payload = line.decode().rstrip("\n").split("\t", 2)
    return _stream_id(stream), type_, payload


@functools.lru_cache(maxsize=4096)
def _stream_id(quoted: str) -> str:
    """A stream id from its JSON string: the same few repeat in runs of rows."""
    return str(json.loads(quoted))
