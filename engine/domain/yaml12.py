"""Fast reading of scenario files: libyaml (PyYAML's C parser) with the plain scalars of the
YAML 1.2 core schema, and line numbers in the shape of ruamel's round-trip `lc`.

ruamel.yaml (pure Python) reads about 200 kB a second, most of a large replay. This reader
gives the same data for valid files; on any error the caller reads the file again with
ruamel, so messages stay exactly as they were.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import yaml

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlError(Exception):
    """The fast reader could not (or would not) read the file; read it with ruamel."""


class YamlRefused(Exception):
    """The file is YAML the scenario format does not allow: a tag of its own, a value that
    does not fit its tag, nesting too deep, or aliases that expand too far. Refused as it is
    (not read again with ruamel, which would construct it)."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message, self.line = message, line


MAX_DEPTH = 40
"""Nesting of maps and lists: a scenario needs about ten levels."""
MAX_EXPANDED = 100_000
"""Nodes that aliases may add in all (an alias of a list of 50 paragraphs adds 51)."""


class _Lines:
    """ruamel's `lc`: the node's line and column, and those of its keys or items (0-based)."""

    __slots__ = ("_at", "col", "line")

    def __init__(self, line: int, col: int, at: dict[Any, tuple[int, int]]) -> None:
        self.line, self.col, self._at = line, col, at

    def key(self, key: Any) -> tuple[int, int]:
        return self._at[key]

    def item(self, index: int) -> tuple[int, int]:
        return self._at[index]


class LineDict(dict):  # type: ignore[type-arg]
    lc: _Lines


class LineList(list):  # type: ignore[type-arg]
    lc: _Lines


class Loader(_Base):  # type: ignore[misc, valid-type]
    # Own tables, so the resolvers below replace YAML 1.1's instead of adding to them.
    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}
    yaml_constructors: ClassVar[dict[str, Any]] = dict(_Base.yaml_constructors)


# YAML 1.2 core schema: `on`, `off`, `yes`, `no` stay strings; 010 is ten; no 1:20 numbers.
Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                             re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Loader.add_implicit_resolver("tag:yaml.org,2002:int",
                             re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
                             list("-+0123456789"))
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"), list("-+0123456789."))
Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"),
                             ["~", "n", "N", ""])
# No timestamps: a date stays the text it is ("2019-02-30" too), checked as a date where the
# format has one.
Loader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])


_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null")}


def explicit_scalar(tag: str, value: str, line: int) -> None:
    """Refuse an explicit tag the format does not use, or a value that does not fit it."""
    short = tag.replace(_TAG, "!!")
    if tag not in _SCALAR_TAGS:
        raise YamlRefused(f"taggen «{short}» hører ikke til scenarioformatet", line)
    if tag == f"{_TAG}str":
        return
    patterns = [p for t, p in _resolvers_for(tag)]
    if not any(p.match(value) for p in patterns):
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise YamlRefused(f"«{short} {shown}»: verdien passer ikke taggen {short}", line)


def _resolvers_for(tag: str) -> list[tuple[str, re.Pattern[str]]]:
    return [(t, p) for group in Loader.yaml_implicit_resolvers.values() for t, p in group
            if t == tag]


def collection_tag(tag: str | None, kind: str, line: int) -> None:
    expected = f"{_TAG}{kind}"
    if tag not in (None, "!", expected):
        short = str(tag).replace(_TAG, "!!")
        what = "et kart" if kind == "map" else "en liste"
        raise YamlRefused(f"taggen «{short}» kan ikke stå på {what}", line)


class Guard:
    """Checks a document event by event: tags, nesting depth, and how far aliases expand
    (an "alias bomb" of a few lines can stand for billions of nodes). Linear in the events."""

    def __init__(self) -> None:
        self.depth = 0
        self.nodes = 0
        self.expanded = 0
        self.sizes: dict[str, int] = {}
        self.open: list[tuple[str | None, int]] = []

    def event(self, event: Any) -> None:
        line = event.start_mark.line + 1
        if isinstance(event, yaml.ScalarEvent):
            if event.tag not in (None, "!") and not event.implicit[0]:
                explicit_scalar(event.tag, event.value, line)
            self.nodes += 1
            if event.anchor is not None:
                self.sizes[event.anchor] = 1
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            collection_tag(event.tag, "map" if isinstance(event, yaml.MappingStartEvent)
                           else "seq", line)
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise YamlRefused(f"for dyp nøsting (over {MAX_DEPTH} nivåer)", line)
            self.nodes += 1
            self.open.append((event.anchor, self.nodes))
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self.depth -= 1
            anchor, start = self.open.pop()
            if anchor is not None:
                self.sizes[anchor] = self.nodes - start + 1
        elif isinstance(event, yaml.AliasEvent):
            self.alias(self.sizes.get(event.anchor, 1), line)

    def alias(self, size: int, line: int) -> None:
        self.nodes += size
        self.expanded += size
        if self.expanded > MAX_EXPANDED:
            raise YamlRefused(f"aliasene (*navn) utvider dokumentet til over {MAX_EXPANDED} "
                              "noder; skriv teksten ut der den trengs", line)


def _int(loader: Any, node: yaml.ScalarNode) -> int:
    value = loader.construct_scalar(node)
    sign = -1 if value.startswith("-") else 1
    digits = value.lstrip("+-")
    if digits.startswith("0o"):
        return sign * int(digits[2:], 8)
    if digits.startswith("0x"):
        return sign * int(digits[2:], 16)
    return sign * int(digits, 10)


def _mapping(loader: Any, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    data = LineDict()
    at: dict[Any, tuple[int, int]] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in data:
            raise YamlError(f"duplicate key {key!r}")
        data[key] = loader.construct_object(value_node, deep=True)
        at[key] = (key_node.start_mark.line, key_node.start_mark.column)
    data.lc = _Lines(node.start_mark.line, node.start_mark.column, at)
    return data


def _sequence(loader: Any, node: yaml.SequenceNode) -> LineList:
    data = LineList(loader.construct_object(child, deep=True) for child in node.value)
    data.lc = _Lines(node.start_mark.line, node.start_mark.column,
                     {i: (c.start_mark.line, c.start_mark.column)
                      for i, c in enumerate(node.value)})
    return data


Loader.add_constructor("tag:yaml.org,2002:int", _int)
Loader.add_constructor("tag:yaml.org,2002:map", _mapping)
Loader.add_constructor("tag:yaml.org,2002:seq", _sequence)


def load(text: str) -> Any:
    """The document, or YamlError (then read the file with ruamel for its message)."""
    guard = Guard()
    try:
        for event in yaml.parse(text, Loader=_Base):
            guard.event(event)
        return yaml.load(text, Loader=Loader)  # a SafeLoader subclass
    except (yaml.YAMLError, TypeError, ValueError, KeyError, RecursionError) as exc:
        raise YamlError(str(exc)) from None
