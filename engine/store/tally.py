"""What the checkpoint check needs of the rows, gathered while they stream past: the count,
each stream's last seq, the hashes at the seqs the checkpoints name, and how many rows lie
at or before each checkpoint's last position. It holds a few numbers per stream, never the
rows, so `verify` of the whole store runs in memory that does not grow with the events."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import Any

from engine.store.findings import Row


class Tally:
    def __init__(self, checkpoints: Sequence[Any]) -> None:
        self.events = 0
        self._tops: dict[str, int] = {}
        self._wanted: dict[str, set[int]] = {}
        for checkpoint in checkpoints:
            heads = checkpoint.data.get("heads") if isinstance(checkpoint.data, dict) else None
            for stream, head in (heads.items() if isinstance(heads, dict) else ()):
                try:
                    self._wanted.setdefault(stream, set()).add(int(head[0]))
                except (TypeError, ValueError, IndexError):
                    continue
        self._hashes: dict[str, dict[int, str]] = {}
        limits = {c.data.get("last_position") for c in checkpoints
                  if isinstance(c.data, dict)}
        self._limits = sorted(x for x in limits if isinstance(x, int))
        self._below = [0] * (len(self._limits) + 1)
        """_below[i]: rows whose position is above _limits[i-1] and at most _limits[i]."""

    def add(self, row: Row) -> None:
        self.events += 1
        stream = row.stream_id
        if row.seq > self._tops.get(stream, 0):
            self._tops[stream] = row.seq
        wanted = self._wanted.get(stream)
        if wanted is not None and row.seq in wanted:
            self._hashes.setdefault(stream, {})[row.seq] = row.hash
        if self._limits:
            self._below[bisect.bisect_left(self._limits, row.position)] += 1

    def add_all(self, rows: Iterable[Row]) -> Tally:
        for row in rows:
            self.add(row)
        return self

    def has(self, stream: str) -> bool:
        return stream in self._tops

    def top(self, stream: str) -> int:
        return self._tops[stream]

    def hash_at(self, stream: str, seq: int) -> str | None:
        """The hash of the stream's row at `seq`, for a seq some checkpoint names."""
        return self._hashes.get(stream, {}).get(seq)

    def at_or_before(self, position: int) -> int:
        """Rows at or before `position` (one of the checkpoints' last positions)."""
        index = bisect.bisect_left(self._limits, position)
        if index == len(self._limits) or self._limits[index] != position:
            raise ValueError(f"no checkpoint ends at position {position}")
        return sum(self._below[:index + 1])
