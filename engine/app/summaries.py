"""The case list's rows as the read model stores them: `case_row` of a case, its codes
(CaseStatus, Outcome) kept as tagged JSON, and the rows of the cases a workspace touched,
written with the workspace's events (engine.app.repository.commit)."""

from __future__ import annotations

import json
from dataclasses import asdict, fields, is_dataclass
from typing import TYPE_CHECKING, Any

from engine.read import codes
from engine.read.overview import case_row
from engine.store.summaries import Summary

if TYPE_CHECKING:
    from collections.abc import Iterator

    from engine.commands.workspace import Workspace
    from engine.domain.state import Case

_CODES = {cls.__name__: cls for cls in (codes.CaseStatus, codes.Outcome)}
_TAG = "__code__"


def _encode(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {_TAG: type(value).__name__, **asdict(value)}
    raise TypeError(f"not a code: {value!r}")


def _decode(data: dict[str, Any]) -> Any:
    name = data.get(_TAG)
    if name is None:
        return data
    cls = _CODES[name]
    return cls(**{f.name: data[f.name] for f in fields(cls)})


def summary_of(case: Case) -> Summary:
    row = case_row(case)
    return Summary(case.arkivsak, case.state, row["body"],
                   json.dumps(row, default=_encode, ensure_ascii=False, separators=(",", ":")))


def row_of(summary: str) -> dict[str, Any]:
    """A stored row as `case_row` gave it (codes and all)."""
    return json.loads(summary, object_hook=_decode)  # type: ignore[no-any-return]


def touched(ws: Workspace, streams: list[str]) -> Iterator[Summary]:
    """The rows of the cases among `streams`: from the workspace's state, or, for a case a
    replay dropped to save memory, the row it kept when it dropped the case."""
    for stream in streams:
        if not stream.startswith("sak:"):
            continue
        arkivsak = stream.removeprefix("sak:")
        kept = ws.summaries.get(arkivsak)
        case = ws.cases.get(arkivsak)
        if case is not None:
            yield summary_of(case)
        elif kept is not None:
            yield kept
        else:
            yield summary_of(ws.case(arkivsak))
