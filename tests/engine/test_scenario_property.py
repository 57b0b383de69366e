"""Property: whatever a scenario file holds, a replay either stores it (and its protocols
render in every format) or refuses it in one line, exit 2, with the store as it was; never a
traceback. Hypothesis builds the scenarios from the format's own shapes with hostile values
(control characters, newlines, tags' worth of odd types, huge numbers, parties given twice).
The longer mutation run of the project's own scenarios is bench/fuzz.py."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli import main
from tests.engine.test_rejects import base, fingerprint, write

HOSTILE = st.sampled_from([
    "", " ", "x\x1by", "nul\x00", "slutt\ufffe", "\u202eomvendt", "Navn\n## Vedtak",
    "a" * 300, "2019-02-30", "4V, 4V", "1Ap, 1Ap", "innstillingen", "Kari Nordmann", "Ap",
    "Komiteen", "# Overskrift", "- liste", "| felt | verdi |", "**fet**",
])
TEXT = st.one_of(HOSTILE, st.text(st.characters(blacklist_categories=("Cs",)), max_size=20))
SCALAR = st.one_of(TEXT, st.integers(-3, 10**31), st.booleans(), st.none(),
                   st.floats(allow_nan=False, allow_infinity=False))
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)), max_leaves=6)
IDS = st.sampled_from(["a", "b", "innstillingen", "m"])
TALLY = st.one_of(st.sampled_from(["1H", "2Ap, 1H", "3", "1SV"]), VALUE)


def _maybe(value: st.SearchStrategy[Any], fallback: st.SearchStrategy[Any],
           ) -> st.SearchStrategy[Any]:
    return st.one_of(fallback, fallback, value)


STEP = st.one_of(
    st.builds(lambda t: {"note": t}, _maybe(VALUE, TEXT)),
    st.builds(lambda i, k, t: {"propose": {"id": i, "by": "Kari Nordmann", "kind": k,
                                           "add": t}},
              IDS, _maybe(VALUE, st.sampled_from(["tilleggsforslag", "forslag"])),
              _maybe(VALUE, TEXT)),
    st.builds(lambda i, a: {"vote": {"on": i, "against": a}}, IDS, TALLY),
    st.builds(lambda i: {"vote": {"on": i, "unanimous": True}}, IDS),
    st.builds(lambda p: {"present": p}, _maybe(VALUE, st.just({"H": 1}))),
    st.builds(lambda i: {"withdraw": i}, IDS),
    st.builds(lambda v: {"postpone": {"to": v, "text": "Utsatt."}},
              _maybe(VALUE, st.just("2025-03-01"))),
    st.builds(lambda k, v: {k: v}, TEXT, VALUE),
)


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, Any]:
    data = base()
    steps = draw(st.lists(STEP, max_size=6))
    item: dict[str, Any] = {"sak": "7/25", "case": "25/100", "proceedings": steps}
    if draw(st.booleans()):
        item["title"] = draw(_maybe(VALUE, TEXT))
    data["meetings"] = [{"body": "Komiteen", "date": draw(_maybe(VALUE, st.just("2025-02-04"))),
                         "items": [item]}]
    if draw(st.booleans()):
        data["cases"][0][draw(st.sampled_from(["title", "recommendation", "route", "workflow",
                                               "prepared"]))] = draw(VALUE)
    if draw(st.booleans()):
        key = draw(st.sampled_from(["municipality", "parties", "people", "bodies", "cases"]))
        data[key] = draw(VALUE)
    return data


def _render_all(url: str) -> None:
    from documents.compose import protocol_markup, render_markup
    from documents.files import write_protocol
    from engine.app.repository import require_case
    from engine.store.eventstore import EventStore

    store = EventStore(url)
    registry, case = require_case(store, "25/100")
    with tempfile.TemporaryDirectory() as out:
        for item in case.items:
            markup = protocol_markup(registry, case, item)
            render_markup(markup, "text")
            render_markup(markup, "md")
            write_protocol(registry, case, item, Path(out) / "p.docx")
    store.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_a_scenario_is_stored_or_refused_in_one_line(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "saksflyt.db"
        url = f"sqlite:///{db}"
        assert CliRunner().invoke(main, ["--db", url, "db", "upgrade"]).exit_code == 0
        before = fingerprint(db)
        path = write(Path(folder) / "s.yaml", data)
        result = CliRunner().invoke(main, ["--db", url, "replay", str(path)])
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            result.exception
        assert result.exit_code in (0, 2), result.output
        if result.exit_code == 2:
            message = result.stderr.strip()
            assert message.startswith("Feil: ") and "\n" not in message, message
            assert fingerprint(db) == before
        else:
            _render_all(url)
