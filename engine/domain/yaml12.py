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
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp",
    re.compile(r"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
               r"(?:(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?"
               r"(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)?)$"), list("0123456789"))
Loader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])


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
    try:
        return yaml.load(text, Loader=Loader)  # a SafeLoader subclass
    except (yaml.YAMLError, TypeError, ValueError) as exc:
        raise YamlError(str(exc)) from None
