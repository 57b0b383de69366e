"""A scenario file (spec/scenario-format.md, version 1) to engine commands.

Each step goes through the same commands the secretariat uses live. The whole scenario is
checked in memory first; the caller writes its events only when every step was accepted, so a
rejected scenario leaves the store exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from engine.commands import deciders as cmd
from engine.commands.lookup import parse_date
from engine.commands.workspace import Workspace
from engine.domain import steps as st
from engine.domain.errors import AlreadyExists, SaksflytError, ScenarioError
from engine.domain.inputs import describe_validation
from engine.domain.yaml12 import LineDict, YamlError, YamlRefused, _Lines
from engine.scenario import entries as en
from engine.scenario import motebok, publication
from engine.scenario.entries import Summary, plain, read_yaml
from engine.scenario.entries import line_of as _line
from engine.scenario.register_entries import RegisterEntries
from engine.scenario.yamlstream import Lazy, Reader

_STEP_ADAPTER: TypeAdapter[st.Step] = TypeAdapter(st.Step)
FORMAT_VERSION = 1
CASE_CACHE = 250
"""Cases whose state a replay keeps in memory at once (a decided case is dropped at once)."""
KNOWN = frozenset({"saksflyt", "municipality", "parties", "bodies", "people", "cases",
                   "meetings"})


class _Replay(RegisterEntries):
    def __init__(self, ws: Workspace, path: Path,
                 progress: Callable[[str], None] | None = None) -> None:
        self.ws = ws
        self.file = path.name
        self.path = path
        self.summary = Summary()
        self.proposal_ids: set[str] = set()
        self.progress = progress
        self.top: Iterator[tuple[str, Any, int]] | None = None
        """The top-level keys not yet read, while the file is read as it is replayed."""
        self.until: str | None = None
        """Stop after the meetings of this ISO date (`replay --until`)."""
        self.body_dates: dict[str, str] = {}
        """Each body's latest meeting date in the file: a body's meetings come in order."""

    def run(self, data: Any) -> Summary:
        """The whole file's data at once (files in an unusual key order; tests)."""
        self._header(data, required=("bodies", "cases"))
        for key in ("cases", "meetings"):
            if not isinstance(data.get(key) or [], list):
                raise self.fail(f"«{key}» er en liste", line=_line(data, key))
        for index, case in enumerate(data.get("cases") or []):
            self._case(case, _line(data["cases"], index))
        self._meetings(data.get("meetings") or [])
        return self.summary

    def _header(self, data: Any, required: tuple[str, ...]) -> None:
        if not isinstance(data, dict):
            raise self.fail("et scenario er et YAML-kart med saksflyt, bodies og cases")
        version = data.get("saksflyt")
        if version != FORMAT_VERSION:
            raise self.fail(f"ukjent formatversjon «saksflyt: {version}» (støttet: 1)",
                            line=_line(data, "saksflyt"))
        for key in required:
            if key not in data:
                raise self.fail(f"«{key}» mangler")
        for key in data:
            self._known(data, key)
        if data.get("municipality"):
            self._municipality(data["municipality"], _line(data, "municipality"))
        self._register(data)

    def _known(self, data: Any, key: Any) -> None:
        if key not in KNOWN:
            raise self.fail(f"ukjent nøkkel «{key}» på toppnivå", line=_line(data, key))

    def _meetings(self, meetings: Any) -> None:
        for meeting in meetings:
            if self.until is not None and isinstance(meeting, dict) and "date" in meeting \
                    and str(plain(meeting["date"])) > self.until:
                break
            self._meeting(meeting)

    def stream(self, reader: Reader) -> Summary:
        """The file as it is read: the header, then each case and each meeting one at a time,
        when the file has the format's order (saksflyt and bodies before cases, meetings
        after cases); any other order is read whole and replayed as before."""
        data = LineDict()
        at: dict[Any, tuple[int, int]] = {}
        data.lc = _Lines(0, 0, at)
        streamed: list[str] = []
        self.top = reader.top()
        for key, value, line in self.top:
            at[key] = (line - 1, 0)
            if streamed:
                # After the cases: a late register entry, or meetings.
                self._known(data, key)
                if key == "meetings" and isinstance(value, Lazy):
                    streamed.append(key)
                    self._meetings(entry for entry, _line_no in value.entries())
                    continue
                data[key] = value.materialize() if isinstance(value, Lazy) else value
                if key == "municipality" and value:
                    self._municipality(value, line)
                if key in ("parties", "bodies", "people"):
                    self._register({key: data[key]})
                continue
            if key == "cases" and isinstance(value, Lazy) and "saksflyt" in data \
                    and "bodies" in data and "meetings" not in data:
                data[key] = []
                self._header(data, required=())
                streamed.append(key)
                for case, case_line in value.entries():
                    self._case(case, case_line)
                    self._trim()
                continue
            data[key] = value.materialize() if isinstance(value, Lazy) else value
        if not streamed:
            return self.run(data)
        return self.summary

    # -- cases -------------------------------------------------------------------------------

    def _case(self, case: Any, line: int | None) -> None:
        if not isinstance(case, dict):
            raise self.fail("en sak er et kart med arkivsak, title, recommendation og route",
                            line=line)
        for key in ("arkivsak", "title", "recommendation", "route"):
            if key not in case and not (key == "recommendation"
                                        and case.get("without_recommendation") is True):
                raise self.fail(f"saken mangler «{key}»", line=line)
        self._typed(en.CaseEntry, case, f"sak {plain(case['arkivsak'])}", line)
        arkivsak = str(case["arkivsak"])
        prepared = plain(case.get("prepared") or {})
        try:
            route = [(str(s["body"]), str(s["role"])) for s in case["route"]]
        except (KeyError, TypeError):
            raise self.fail(f"ruten til sak {arkivsak} er en liste av {{body, role}}",
                            line=line) from None
        try:
            cmd.open_case(self.ws, arkivsak=arkivsak, title=str(case["title"]),
                          recommendation=plain(case.get("recommendation") or []), route=route,
                          without_recommendation=case.get("without_recommendation") is True,
                          workflow=str(case.get("workflow") or "politisk-sak"),
                          prepared_by=prepared.get("by"), prepared_date=prepared.get("date"))
        except SaksflytError as exc:
            raise self.fail(str(exc), line=line) from None
        self.summary.cases.append(arkivsak)

    # -- meetings ----------------------------------------------------------------------------

    def _meeting(self, meeting: Any) -> None:
        line = _line(meeting)
        if isinstance(meeting, dict) and len(meeting) == 1:
            from engine.commands.returns import CASE_ENTRIES, apply_entry

            kind = str(next(iter(meeting)))
            if kind in CASE_ENTRIES:
                # A case-level entry between meetings (docs/scenario-format-extensions.md).
                try:
                    entry = CASE_ENTRIES[kind].model_validate(plain(meeting[kind]))
                    apply_entry(self.ws, kind, entry)
                except ValidationError as exc:
                    raise self.fail(f"{kind}: {describe_validation(exc)}", line=line) from None
                except SaksflytError as exc:
                    raise self.fail(str(exc), step=kind, line=line) from None
                return
        if not isinstance(meeting, dict) or "body" not in meeting or "date" not in meeting:
            raise self.fail("et møte trenger body og date", line=line)
        typed = self._typed(en.MeetingEntry, meeting, "møtet", line, raw="items")
        name = f"{typed.body} {typed.date}"
        last = self.body_dates.get(typed.body)
        if last is not None and typed.date < last:
            raise self.fail(f"møtet er datert før {typed.body}s forrige møte ({last}); møtene "
                            "står i datorekkefølge", meeting=name, line=line)
        self.body_dates[typed.body] = typed.date
        self.summary.meetings += 1
        if self.progress:
            self.progress(name)
        # The meeting's own keys as plain data, once (its items are read one by one below).
        header = plain({k: v for k, v in meeting.items() if k != "items"})
        try:  # the møtebok's own record, where the scenario gives one
            record = motebok.open_meeting(self.ws, header, typed.body, typed.date)
        except SaksflytError as exc:
            raise self.fail(str(exc), meeting=name, line=line) from None
        items = [self._item(meeting, name, item, record) for item in meeting.get("items") or []]
        try:
            if record is not None:
                motebok.close_meeting(self.ws, record, header, items)
        except SaksflytError as exc:
            raise self.fail(str(exc), meeting=name, step="approved",
                            line=_line(meeting, "approved")) from None
        self._trim()

    def _trim(self) -> None:
        """Keep at most CASE_CACHE cases' state; the oldest are rebuilt when needed again."""
        cases = self.ws.cases
        while len(cases) > CASE_CACHE:
            self.ws.evict(next(iter(cases)))

    def _item(self, meeting: Any, name: str, item: Any, record: Any) -> tuple[Any, Any]:
        line = _line(item)
        if not isinstance(item, dict) or "case" not in item or "sak" not in item:
            raise self.fail("en sak på sakskartet trenger sak og case", meeting=name, line=line)
        typed = self._typed(en.ItemEntry, {k: v for k, v in item.items() if k != "proceedings"},
                            "saken på sakskartet", line, meeting=name)
        if not isinstance(item.get("proceedings") or [], list):
            raise self.fail("«proceedings» er en liste av steg", meeting=name,
                            item=str(item["sak"]), line=line)
        sak = str(item["sak"])
        try:
            case = self.ws.case(str(item["case"]))
            open_item = cmd.open_item(
                self.ws, case, body=str(meeting["body"]), date=plain(meeting["date"]), sak=sak,
                title=item.get("title"), result_label=item.get("result"))
            publication.exempt_item(self.ws, case, open_item, typed.exempt)
            if record is not None:
                motebok.on_item(self.ws, record, case, open_item)
        except SaksflytError as exc:
            raise self.fail(str(exc), meeting=name, item=sak, line=line) from None
        steps = item.get("proceedings") or []
        for index, raw in enumerate(steps, 1):
            step_line = _line(steps, index - 1)
            # Name the step's kind even when the step itself cannot be read.
            label = (f"{index} ({next(iter(raw))})" if isinstance(raw, dict) and len(raw) == 1
                     else str(index))
            try:
                step = self._parse_step(raw)
                label = f"{index} ({step.step})"  # type: ignore[attr-defined]
                if isinstance(step, st.Propose):
                    if step.id in self.proposal_ids:
                        raise AlreadyExists(f"Forslags-id «{step.id}» er brukt før i "
                                            "scenarioet.")
                    self.proposal_ids.add(step.id)
                cmd.apply_step(self.ws, case, open_item, step)
            except SaksflytError as exc:
                raise self.fail(getattr(exc, "reason", str(exc)), meeting=name, item=sak,
                                step=label, line=step_line) from None
        try:
            cmd.close_item(self.ws, case, open_item)
        except SaksflytError as exc:
            raise self.fail(str(exc), meeting=name, item=sak, line=line) from None
        self.summary.items += 1
        if self.ws.final(case):
            self.ws.evict(case.arkivsak)  # done: its events are pending, its state not needed
        return case, open_item

    def _parse_step(self, raw: Any) -> st._Step:
        if not isinstance(raw, dict) or len(raw) != 1:
            raise ScenarioError("et steg er et kart med én nøkkel, som «vote: {...}»")
        kind, value = next(iter(raw.items()))
        kind = str(kind)
        if kind not in st.STEP_MODELS:
            raise ScenarioError(f"ukjent steg «{kind}»; gyldige: " + ", ".join(st.STEP_MODELS))
        value = plain(value)
        if kind in st.SCALAR_KEY and not (isinstance(value, dict) and kind != "present"):
            value = {st.SCALAR_KEY[kind]: value}
        if not isinstance(value, dict):
            raise ScenarioError(f"steget «{kind}» trenger et kart av nøkler")
        try:
            return _STEP_ADAPTER.validate_python({**value, "step": kind})
        except ValidationError as exc:
            raise ScenarioError(describe_validation(exc)) from None


def apply_scenario(ws: Workspace, path: Path,
                   progress: Callable[[str], None] | None = None,
                   until: str | None = None) -> Summary:
    """Run every step of the scenario against the workspace (nothing is stored here);
    with `until` (YYYY-MM-DD), stop after the meetings of that date.

    The file is read as it is replayed (a case or a meeting at a time), so memory does not
    grow with the file. A YAML error anywhere in the file is still reported rather than a
    rejected step before it: on a rejection the rest of the file is read for YAML errors."""
    replay = _Replay(ws, path, progress)
    replay.until = parse_date(until, "--until") if until is not None else None
    try:
        return _finish(_apply(ws, path, replay, progress, until), ws)
    except YamlRefused as exc:
        raise replay.fail(exc.message, line=exc.line) from None


def _apply(ws: Workspace, path: Path, replay: _Replay, progress: Callable[[str], None] | None,
           until: str | None) -> Summary:
    before = len(ws.pending)
    try:
        file = path.open("rb")  # libyaml reads it in chunks: the text is never held whole
    except OSError:
        return replay.run(read_yaml(path))  # says what is wrong with the file
    with file:
        en.check_encoding(path, file.read(4))
        file.seek(0)
        reader = Reader(file)
        try:
            summary = replay.stream(reader)
            reader.drain()
        except YamlError:
            if len(ws.pending) != before:
                read_yaml(path)  # a real YAML error: its message, as before
                raise replay.fail("filen bruker YAML som ikke kan leses trinnvis (flettenøkler "
                                  "«<<» eller egne tagger)") from None
            replay = _Replay(ws, path, progress)  # nothing happened yet: read it whole
            replay.until = parse_date(until, "--until") if until is not None else None
            summary = replay.run(read_yaml(path))
        except ScenarioError:
            try:
                # What the whole-file reader would have reported first: an unknown
                # top-level key or a YAML error later in the file.
                for key, _value, line in replay.top or ():
                    if key not in KNOWN:
                        raise replay.fail(f"ukjent nøkkel «{key}» på toppnivå",
                                          line=line) from None
                reader.drain()
            except YamlError:
                read_yaml(path)
            raise
    return summary


def _finish(summary: Summary, ws: Workspace) -> Summary:
    summary.events = len(ws.pending)
    return summary
