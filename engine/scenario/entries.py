"""A scenario file's entries as the format types them, and reading a whole file.

Every body, case, meeting and item is checked against its model before it reaches a command,
so a value of the wrong type (`people: x`, `proceedings: true`, `recommendation: [true]`) is
a one-line refusal, never a traceback. Steps have their own models (engine.domain.steps).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StrictBool,
    StrictInt,
)

from engine.commands.publication import Exemption
from engine.domain import steps as st
from engine.domain.errors import ScenarioError
from engine.domain.inputs import name_field


def _key(value: Any) -> Any:
    """A case number or sak may be written as a bare number in YAML (`sak: 12`)."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Key = Annotated[str, BeforeValidator(_key), AfterValidator(name_field)]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BodyEntry(_Entry):
    name: st.Name
    kind: Literal["council", "committee", "advisory"]
    seats: Annotated[str | dict[st.Name, StrictInt] | None,
                     BeforeValidator(st._tally)] = None
    # The møtebok's keys (docs/scenario-format-extensions.md), checked with their own
    # messages by engine.scenario.members.
    language: Any = None
    wording: Any = None
    members: Any = None
    deputies: Any = None


class Prepared(_Entry):
    by: st.Name | None = None
    date: st.Date | None = None


class RouteStage(_Entry):
    body: st.Name
    role: st.Name


class CaseEntry(_Entry):
    arkivsak: Key
    title: st.Name
    workflow: st.Name | None = None
    prepared: Prepared | None = None
    recommendation: st.TextValue | None = None
    """Absent only with `without_recommendation: true` (checked where the case is opened)."""
    without_recommendation: StrictBool = False
    route: list[RouteStage]


class MeetingEntry(_Entry):
    body: st.Name
    date: st.Date
    items: list[Any] | None = None
    # The møtebok (docs/scenario-format-extensions.md), checked with their own messages by
    # engine.scenario.motebok: where and when, the chair, forfall and deputies, and the
    # protocol approved (so its texts are public).
    place: Any = None
    start: Any = None
    end: Any = None
    chair: Any = None
    absent: Any = None
    deputies: Any = None
    approved: Any = None


class ItemEntry(_Entry):
    sak: Key
    case: Key
    title: st.Name | None = None
    result: st.Name | None = None
    proceedings: list[Any] | None = None
    exempt: Exemption | None = None
    """docs/scenario-format-extensions.md: skjerming (the public title and the basis)."""


@dataclass
class Summary:
    """What a replay did (`saksflyt replay` prints it)."""

    cases: list[str] = field(default_factory=list)
    meetings: int = 0
    items: int = 0
    events: int = 0


Parties = dict[st.Name, st.Name]
People = dict[st.Name, st.Name | dict[str, Any] | None]


def plain(value: Any) -> Any:
    """ruamel's round-trip types to plain Python; dates to ISO strings."""
    if type(value) is str:  # most values: first, and without the checks below
        return value
    if isinstance(value, dict):
        # Strings (most keys and leaves) inline: a call per leaf was most of the cost.
        return {(k if type(k) is str else str(k)): (v if type(v) is str else plain(v))
                for k, v in value.items()}
    if isinstance(value, list):
        return [v if type(v) is str else plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


def line_of(node: Any, key: Any = None) -> int | None:
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is not None and isinstance(node, dict):
            return int(lc.key(key)[0]) + 1
        if key is not None and isinstance(node, list):
            return int(lc.item(key)[0]) + 1
        return int(lc.line) + 1
    except (KeyError, IndexError, TypeError):
        return int(lc.line) + 1


_UTF16_32 = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def check_encoding(path: Path, head: bytes) -> None:
    """The format is UTF-8: a UTF-16 or UTF-32 file is refused by its byte order mark."""
    if head.startswith(_UTF16_32):
        raise ScenarioError("filen er ikke UTF-8 (den er UTF-16 eller UTF-32); lagre den som "
                            "UTF-8", file=str(path))


def decode(path: Path, data: bytes) -> str:
    check_encoding(path, data[:4])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ScenarioError(f"filen er ikke UTF-8 (ugyldig byte 0x{data[exc.start]:02X}); "
                            "lagre den som UTF-8", file=str(path), line=line) from None


def read_yaml(path: Path) -> Any:
    """YAML 1.2 (so `on` stays a string), keeping line numbers for messages."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from engine.domain import yaml12

    try:
        text = decode(path, path.read_bytes())
    except FileNotFoundError:
        raise ScenarioError("filen finnes ikke", file=str(path)) from None
    except OSError as exc:
        raise ScenarioError(f"filen kan ikke leses ({exc.strerror})", file=str(path)) from None
    try:
        return yaml12.load(text)  # libyaml: ~10x faster
    except yaml12.YamlRefused as exc:
        raise ScenarioError(exc.message, file=str(path), line=exc.line) from None
    except yaml12.YamlError as exc:
        if "nesting depth" in str(exc):
            # libyaml stops at 1000 levels; ruamel would take minutes to say the same.
            raise ScenarioError(f"ugyldig YAML: for dyp nøsting (over {yaml12.MAX_DEPTH} "
                                "nivåer)", file=str(path)) from None
        # Otherwise ruamel below says what is wrong, as it always did.
    try:
        return YAML(typ="rt").load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = str(getattr(exc, "problem", None) or exc).strip().splitlines() or ["?"]
        raise ScenarioError(f"ugyldig YAML: {problem[0]}", file=str(path),
                            line=mark.line + 1 if mark else None) from None
    except RecursionError:
        raise ScenarioError(f"ugyldig YAML: for dyp nøsting (over {yaml12.MAX_DEPTH} nivåer)",
                            file=str(path)) from None
    except (ValueError, TypeError, KeyError) as exc:
        # ruamel's constructors raise these for values its own resolver let through.
        raise ScenarioError(f"ugyldig YAML ({type(exc).__name__})", file=str(path)) from None
