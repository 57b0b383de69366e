"""A scenario's values as plain Python, their line numbers, and pydantic's errors in the
user's words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError


def plain(value: Any) -> Any:
    """ruamel's round-trip types to plain Python; dates to ISO strings."""
    if type(value) is str:  # most values: first, and without the checks below
        return value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
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


def _line(node: Any, key: Any = None) -> int | None:
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is not None and isinstance(node, dict):
            return lc.key(key)[0] + 1
        if key is not None and isinstance(node, list):
            return lc.item(key)[0] + 1
        return lc.line + 1
    except (KeyError, IndexError, TypeError):
        return lc.line + 1


def describe_validation(exc: ValidationError) -> str:
    error = exc.errors()[0]
    loc = ".".join(str(p) for p in error["loc"] if not str(p).startswith("function-"))
    kind = error["type"]
    if kind == "missing":
        message = "mangler"
    elif kind == "extra_forbidden":
        message = "er ikke en kjent nøkkel"
    elif kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
    elif kind == "literal_error":
        message = f"må være {error.get('ctx', {}).get('expected', '')}"
    else:
        message = f"har feil form ({error['msg']})"
    return f"«{loc}» {message}" if loc else message
