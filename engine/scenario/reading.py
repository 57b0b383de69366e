"""Reading a scenario file: YAML 1.2 with line numbers, values as plain Python, and a pydantic
error as one Norwegian line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.domain.errors import ScenarioError


def read_yaml(path: Path) -> Any:
    """YAML 1.2 (so `on` stays a string), keeping line numbers for messages."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from engine.domain import yaml12

    try:
        return yaml12.load(path.read_text(encoding="utf-8"))  # libyaml: ~10x faster
    except (FileNotFoundError, yaml12.YamlError):
        pass  # ruamel below says what is wrong, as it always did
    try:
        return YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ScenarioError("filen finnes ikke", file=str(path)) from None
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ScenarioError(f"ugyldig YAML: {getattr(exc, 'problem', exc)}", file=str(path),
                            line=mark.line + 1 if mark else None) from None


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
