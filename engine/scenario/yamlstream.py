"""A scenario file read piece by piece: the top-level mapping key by key, and the entries of
`cases` and `meetings` one at a time, so a replay never holds the whole file's data.

Built straight from libyaml's events (no node graph), with the same scalars as `yaml12` (YAML
1.2 core schema) and the same ruamel-shaped line numbers (`.lc`). A file it cannot read
raises `yaml12.YamlError`; the caller then reads the whole file the old way for the message.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import yaml
from yaml._yaml import CParser

from engine.domain.yaml12 import (
    MAX_DEPTH,
    Guard,
    LineDict,
    LineList,
    Loader,
    YamlError,
    YamlRefused,
    _Lines,
    collection_tag,
    explicit_scalar,
)

LAZY = frozenset({"cases", "meetings"})
_STR = "tag:yaml.org,2002:str"


class Lazy:
    """A top-level sequence read one entry at a time: iterate it once, before the next key."""

    def __init__(self, reader: Reader, line: int) -> None:
        self._reader = reader
        self.line = line  # 1-based, the sequence's own line
        self.done = False

    def entries(self) -> Iterator[tuple[Any, int]]:
        """(entry, its 1-based line) in order."""
        if self.done:
            return
        reader = self._reader
        while True:
            try:
                event = reader.next()
                if isinstance(event, yaml.SequenceEndEvent):
                    break
                entry = reader.value(event)
            except yaml.YAMLError as exc:
                raise YamlError(str(exc)) from None
            yield entry, event.start_mark.line + 1
        self.done = True

    def materialize(self) -> LineList:
        items = LineList()
        at: dict[Any, tuple[int, int]] = {}
        for index, (item, line) in enumerate(self.entries()):
            items.append(item)
            at[index] = (line - 1, 0)
        items.lc = _Lines(self.line - 1, 0, at)
        return items

    def __bool__(self) -> bool:
        return True


class Reader:
    def __init__(self, source: str | IO[bytes]) -> None:
        self._parser = CParser(source)
        self._loader = Loader("")  # for its resolver and scalar constructors
        self._anchors: dict[str, Any] = {}
        self._sizes: dict[str, int] = {}  # each anchor's node count, aliases expanded
        self._guard = Guard()  # counts what aliases expand to
        self._depth = 0
        self._open: Lazy | None = None
        self._plain: dict[str, Any] = {}  # plain scalars already resolved, by their text
        self.next = self._parser.get_event  # raises yaml.YAMLError: see top() and entries()

    def top(self) -> Iterator[tuple[str, Any, int]]:
        """(key, value, 1-based line of the key); `cases` and `meetings` lists come as Lazy."""
        try:
            yield from self._top()
        except yaml.YAMLError as exc:
            raise YamlError(str(exc)) from None

    def _top(self) -> Iterator[tuple[str, Any, int]]:
        for expected in (yaml.StreamStartEvent, yaml.DocumentStartEvent):
            if not isinstance(self.next(), expected):
                raise YamlError("empty document")
        event = self.next()
        if not isinstance(event, yaml.MappingStartEvent) or event.anchor is not None:
            raise YamlError("not a mapping")
        seen: set[str] = set()
        while True:
            if self._open is not None and not self._open.done:
                for _ in self._open.entries():  # the caller stopped early: read past it
                    pass
            event = self.next()
            if isinstance(event, yaml.MappingEndEvent):
                break
            key = self.value(event)
            if not isinstance(key, str) or key in seen:
                raise YamlError(f"top-level key {key!r}")
            seen.add(key)
            line = event.start_mark.line + 1
            event = self.next()
            if key in LAZY and isinstance(event, yaml.SequenceStartEvent) \
                    and event.anchor is None and event.tag in (None, "!"):
                self._open = Lazy(self, event.start_mark.line + 1)
                yield key, self._open, line
            else:
                yield key, self.value(event), line
        for expected in (yaml.DocumentEndEvent, yaml.StreamEndEvent):
            if not isinstance(self.next(), expected):
                raise YamlError("more than one document")

    def drain(self) -> None:
        """Read the rest of the file (for its YAML errors), keeping nothing."""
        if self._open is not None and not self._open.done:
            for _ in self._open.entries():
                pass
        try:
            while self.next() is not None:
                pass
        except yaml.YAMLError as exc:
            raise YamlError(str(exc)) from None

    def value(self, event: Any) -> Any:
        kind = type(event)
        if kind is _Scalar:
            result = self._scalar(event)
        elif kind is _MapStart:
            result = self._mapping(event)
        elif kind is _SeqStart:
            result = self._sequence(event)
        elif kind is _Alias:
            if event.anchor not in self._anchors:
                raise YamlError(f"unknown alias {event.anchor}")
            self._guard.alias(self._sizes[event.anchor], event.start_mark.line + 1)
            return self._anchors[event.anchor]
        else:
            raise YamlError(f"unexpected {kind.__name__}")
        if event.anchor is not None:
            self._anchors[event.anchor] = result
            self._sizes[event.anchor] = _size(result, {})
        return result

    def _scalar(self, event: Any) -> Any:
        tag = event.tag
        value = event.value
        if tag is None or tag == "!":
            # The resolver of yaml12.Loader, inlined: a quoted scalar is a string; a plain
            # one is tried against the core schema's patterns for its first character.
            if not event.implicit[0]:
                return value
            known = self._plain.get(value, _MISSING)  # keys and words repeat: resolve once
            if known is not _MISSING:
                return known
            candidates = _RESOLVERS.get(value[:1])
            if candidates is None:
                resolved: Any = value
            else:
                tag = next((t for t, pattern in candidates if pattern.match(value)), None)
                if tag is None:
                    resolved = value
                elif tag == _INT and value.isdigit():
                    resolved = int(value, 10)
                else:
                    resolved = self._construct(tag, value, event)
            if len(self._plain) < _PLAIN_CACHE and len(value) <= 64:
                self._plain[value] = resolved
            return resolved
        explicit_scalar(tag, value, event.start_mark.line + 1)
        if tag == _STR:
            return value
        return self._construct(tag, value, event)

    def _construct(self, tag: str, value: str, event: Any) -> Any:
        constructor = Loader.yaml_constructors.get(tag)
        if constructor is None:
            raise YamlError(f"tag {tag}")
        try:
            return constructor(self._loader, yaml.ScalarNode(tag, value, event.start_mark,
                                                             event.end_mark, event.style))
        except (yaml.YAMLError, TypeError, ValueError) as exc:
            raise YamlError(str(exc)) from None

    def _nest(self, start: Any, kind: str) -> None:
        if start.tag is not None:
            collection_tag(start.tag, kind, start.start_mark.line + 1)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YamlRefused(f"for dyp nøsting (over {MAX_DEPTH} nivåer)",
                              start.start_mark.line + 1)

    def _mapping(self, start: Any) -> LineDict:
        self._nest(start, "map")
        data = LineDict()
        at: dict[Any, tuple[int, int]] = {}
        get = self.next
        value = self.value
        scalar = self._scalar
        while True:
            event = get()
            kind = type(event)
            if kind is _MapEnd:
                break
            key = scalar(event) if kind is _Scalar and event.anchor is None else value(event)
            if key == "<<" and kind is _Scalar and event.implicit[0]:
                raise YamlError("merge keys")  # rare: the whole-file reader handles them
            try:
                if key in data:
                    raise YamlError(f"duplicate key {key!r}")
            except TypeError:
                raise YamlError("unhashable key") from None
            mark = event.start_mark
            event = get()
            if type(event) is _Scalar and event.anchor is None:
                data[key] = scalar(event)
            else:
                data[key] = value(event)
            at[key] = (mark.line, mark.column)
        data.lc = _Lines(start.start_mark.line, start.start_mark.column, at)
        self._depth -= 1
        return data

    def _sequence(self, start: Any) -> LineList:
        self._nest(start, "seq")
        data = LineList()
        at: dict[Any, tuple[int, int]] = {}
        get = self.next
        value = self.value
        scalar = self._scalar
        append = data.append
        while True:
            event = get()
            kind = type(event)
            if kind is _SeqEnd:
                break
            mark = event.start_mark
            at[len(data)] = (mark.line, mark.column)
            append(scalar(event) if kind is _Scalar and event.anchor is None else value(event))
        data.lc = _Lines(start.start_mark.line, start.start_mark.column, at)
        self._depth -= 1
        return data


def _size(value: Any, seen: dict[int, int]) -> int:
    """Nodes in a value with its aliases expanded, each shared object counted once."""
    if not isinstance(value, dict | list):
        return 1
    known = seen.get(id(value))
    if known is not None:
        return known
    children = value.values() if isinstance(value, dict) else value
    total = 1 + sum(_size(child, seen) for child in children)
    seen[id(value)] = total
    return total


_Scalar, _MapStart, _MapEnd = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.MappingEndEvent
_SeqStart, _SeqEnd, _Alias = yaml.SequenceStartEvent, yaml.SequenceEndEvent, yaml.AliasEvent
_INT = "tag:yaml.org,2002:int"
_MISSING = object()
_PLAIN_CACHE = 50_000
_RESOLVERS: dict[str, list[tuple[str, Any]]] = Loader.yaml_implicit_resolvers
