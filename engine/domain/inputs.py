"""What a name, a title and a text may hold, checked before anything is decided. Pure.

Names and titles (parties, bodies, people, case titles, sak numbers, proposal ids) are one
line of at most MAX_NAME characters. Texts (notes, paragraphs, reasons) may hold line breaks
and tabs, up to MAX_TEXT characters. Neither may hold a control character, a lone surrogate,
a Unicode noncharacter or a bidirectional override: they break Word documents and terminals,
or make a text read otherwise than it is stored. A refusal names the character and its place.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from engine.domain.errors import RuleViolation

if TYPE_CHECKING:
    from pydantic import ValidationError

MAX_NAME = 255
MAX_TEXT = 100_000

_NONCHARACTERS = "".join(chr(plane * 0x10000 + low) for plane in range(17)
                         for low in (0xFFFE, 0xFFFF))
_ALWAYS = ("\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\u202a-\u202e\u2066-\u2069"
           + _NONCHARACTERS)
_BAD_IN_TEXT = re.compile(f"[{_ALWAYS}]")
_BAD_IN_NAME = re.compile(f"[{_ALWAYS}\\t\\n\\u2028\\u2029]")


def shown(value: str, limit: int = 60) -> str:
    """A value as an error message may quote it: one line, every unsafe character escaped
    (so a message never carries a terminal escape or a line break), cut at `limit`."""
    text = value if len(value) <= limit else value[:limit] + "…"
    return _BAD_IN_NAME.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) > 0xFF
                            else f"\\x{ord(m.group()):02x}", text)


def _subject(what: str) -> str:
    """The start of a message: "Tittelen " (a sentence), or "" after a field's name."""
    return f"{what} " if what else ""


def _refuse(what: str, value: str, index: int) -> RuleViolation:
    char = value[index]
    kind = "et linjeskift" if char in "\n\u2028\u2029" else (
        "en tabulator" if char == "\t" else "et ugyldig tegn")
    return RuleViolation(f"{_subject(what)}har {kind} (U+{ord(char):04X}) på plass {index + 1}: "
                         f"«{shown(value)}».", rule="input")


def check_name(value: object, what: str) -> str:
    """A name or title: a non-empty line of at most MAX_NAME characters."""
    if not isinstance(value, str):
        raise RuleViolation(f"{_subject(what)}må være tekst, ikke {_kind(value)}.", rule="input")
    if not value.strip():
        raise RuleViolation(f"{_subject(what)}er tom.", rule="input")
    if len(value) > MAX_NAME:
        raise RuleViolation(f"{_subject(what)}er {len(value)} tegn lang; høyst {MAX_NAME} tegn er "
                            f"tillatt: «{shown(value)}».", rule="input")
    bad = _BAD_IN_NAME.search(value)
    if bad:
        raise _refuse(what, value, bad.start())
    return value


def check_optional_name(value: object, what: str) -> str | None:
    return None if value is None else check_name(value, what)


def check_text(value: object, what: str, *, empty: bool = False) -> str:
    """A text: line breaks and tabs allowed, at most MAX_TEXT characters."""
    if not isinstance(value, str):
        raise RuleViolation(f"{_subject(what)}må være tekst, ikke {_kind(value)}.", rule="input")
    if not empty and not value.strip():
        raise RuleViolation(f"{_subject(what)}er tom.", rule="input")
    if len(value) > MAX_TEXT:
        raise RuleViolation(f"{_subject(what)}er {len(value)} tegn lang; høyst {MAX_TEXT} tegn er "
                            "tillatt.", rule="input")
    bad = _BAD_IN_TEXT.search(value)
    if bad:
        raise _refuse(what, value, bad.start())
    return value


def check_date(value: object, what: str) -> str:
    """A real calendar date, YYYY-MM-DD (2019-02-30 and 2019-13-01 are refused)."""
    text = str(value) if isinstance(value, str | dt.date) else None
    try:
        if text is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise RuleViolation(f"Ugyldig dato for {what}: «{shown(str(value))}» (bruk "
                            "ÅÅÅÅ-MM-DD, en dato som finnes).", rule="date") from None


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return f"«{str(value).lower()}»"
    if isinstance(value, int | float):
        return f"tallet {value}"
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, dict):
        return "et kart"
    if value is None:
        return "tom (null)"
    if isinstance(value, str):
        return f"«{shown(value, 30)}»"
    return type(value).__name__


def name_field(value: str) -> str:
    """For a pydantic field (the message follows the field's name)."""
    return _as_value_error(check_name, value)


def text_field(value: str) -> str:
    return _as_value_error(check_text, value)


def date_field(value: str) -> str:
    try:
        return check_date(value, "datoen")
    except RuleViolation as exc:
        raise ValueError(str(exc)) from None


def _as_value_error(check: object, value: str) -> str:
    try:
        return check(value, "")  # type: ignore[operator, no-any-return]
    except RuleViolation as exc:
        raise ValueError(str(exc)) from None


_TYPE_TAG = re.compile(r"^(?:str|int|bool|float|none|list\[.*\]|dict\[.*\]|function-.*)$")
"""The names pydantic gives the members of a union in an error's location: not keys."""
_TYPE_MESSAGES = {
    "string_type": "må være tekst", "int_type": "må være et helt tall",
    "bool_type": "må være true eller false", "list_type": "må være en liste",
    "dict_type": "må være et kart", "model_type": "må være et kart",
    "model_attributes_type": "må være et kart", "float_type": "må være et tall",
    "none_required": "skal ikke ha noen verdi",
}


def describe_validation(exc: ValidationError) -> str:
    """A pydantic error as one Norwegian line: the key path, and what is wrong."""
    error = exc.errors()[0]
    loc = ".".join(shown(str(p), 40) for p in error["loc"] if not _TYPE_TAG.match(str(p)))
    kind = error["type"]
    if kind == "missing":
        message = "mangler"
    elif kind == "extra_forbidden":
        message = "er ikke en kjent nøkkel"
    elif kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
    elif kind == "literal_error":
        message = f"må være {error.get('ctx', {}).get('expected', '')}"
    elif kind in _TYPE_MESSAGES:
        message = _TYPE_MESSAGES[kind] + (f", ikke {_kind(error.get('input'))}"
                                          if "input" in error else "")
    else:
        message = f"har feil form ({error['msg']})"
    return shown(f"«{loc}» {message}" if loc else message, 300)
