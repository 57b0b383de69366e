"""A scenario's register (spec/scenario-format.md: municipality, parties, bodies, people),
read into the register's commands; the base of engine.scenario.apply's replay, which also
uses its one-line refusals (`fail`) and typed entries (`_typed`)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from pydantic import TypeAdapter, ValidationError

from engine.commands import deciders as cmd
from engine.commands.workspace import Workspace
from engine.domain.errors import SaksflytError, ScenarioError
from engine.domain.inputs import describe_validation
from engine.domain.voting import parse_seats
from engine.scenario import entries as en
from engine.scenario import members
from engine.scenario.entries import line_of as _line
from engine.scenario.entries import plain


@functools.cache
def _adapter(model: Any) -> TypeAdapter[Any]:
    return TypeAdapter(model)


class RegisterEntries:
    ws: Workspace
    file: str

    def fail(self, message: str, *, meeting: str = "", item: str = "", step: str = "",
             line: int | None = None) -> ScenarioError:
        return ScenarioError(message, file=self.file, meeting=meeting, item=item, step=step,
                             line=line)

    # -- the register ------------------------------------------------------------------------

    def _guard(self, action: Callable[[], None], *, line: int | None, same: bool) -> None:
        """Register once; an identical entry already in the store is accepted as it is."""
        try:
            if not same:
                action()
        except SaksflytError as exc:
            raise self.fail(str(exc), line=line) from None

    def _municipality(self, value: Any, line: int | None) -> None:
        if not isinstance(value, str):
            raise self.fail("«municipality» må være tekst", line=line)
        self._guard(lambda: cmd.name_municipality(self.ws, value), line=line, same=False)

    def _typed(self, model: Any, value: Any, what: str, line: int | None,
               raw: str | None = None, **where: str) -> Any:
        """The entry as its model types it, or a one-line refusal naming the key. A list
        under `raw` goes as it is (typed list[Any], its entries read one by one later), not
        converted to plain data a first time."""
        keep = raw is not None and isinstance(value, dict) and isinstance(value.get(raw), list)
        data = plain({k: v for k, v in value.items() if k != raw} if keep else value)
        if keep:
            data[raw] = value[raw]
        try:
            return _adapter(model).validate_python(data)
        except ValidationError as exc:
            raise self.fail(f"{what}: {describe_validation(exc)}", line=line, **where) from None

    def _register(self, data: Any) -> None:
        reg = self.ws.registry
        parties = data.get("parties") or {}
        self._typed(en.Parties, parties, "parties", _line(data, "parties"))
        bodies = data.get("bodies") or []
        if not isinstance(bodies, list):
            raise self.fail("«bodies» er en liste av utvalg", line=_line(data, "bodies"))
        people = data.get("people") or {}
        self._typed(en.People, people, "people", _line(data, "people"))
        for short, name in parties.items():
            existing = reg.parties.get(str(short))
            if existing is not None and existing != str(name):
                raise self.fail(f"Partiet {short} finnes allerede (som «{existing}»).",
                                line=_line(parties, short))
            self._guard(lambda s=short, n=name: cmd.register_party(self.ws, str(s), str(n)),
                        line=_line(parties, short), same=existing is not None)
        # A body with members is registered after the people it names (version 1 order else).
        listed = list(enumerate(data.get("bodies") or []))
        late = {i for i, b in listed if isinstance(b, dict) and ("members" in b
                                                                 or "deputies" in b)}
        seen: set[str] = set()
        self._bodies(data, [(i, b) for i, b in listed if i not in late], seen)
        self._people(data)
        self._bodies(data, [(i, b) for i, b in listed if i in late], seen)

    def _bodies(self, data: Any, listed: list[tuple[int, Any]], seen: set[str]) -> None:
        reg = self.ws.registry
        for index, body in listed:
            line = _line(data["bodies"], index)
            if not isinstance(body, dict) or "name" not in body or "kind" not in body:
                raise self.fail("et utvalg trenger name og kind", line=line)
            self._typed(en.BodyEntry, body, "utvalget", line)
            name = str(body["name"])
            if name in seen:
                raise self.fail(f"Utvalget «{name}» finnes allerede i scenarioet.", line=line)
            seen.add(name)
            try:
                seats = parse_seats(plain(body.get("seats")))
                extras = members.body_extras(plain(body), reg)
            except SaksflytError as exc:
                raise self.fail(str(exc), line=line) from None
            existing = reg.bodies.get(name)
            if existing is not None and (existing.kind, existing.seats) != (
                    body["kind"], seats or members.counted_seats(extras["members"])):
                raise self.fail(f"Utvalget «{name}» finnes allerede, med andre opplysninger.",
                                line=line)
            self._guard(lambda n=name, k=str(body["kind"]), s=seats, x=extras:
                        cmd.register_body(self.ws, n, k, s, **x), line=line,
                        same=existing is not None)

    def _people(self, data: Any) -> None:
        reg = self.ws.registry
        people = data.get("people") or {}
        for name, value in people.items():
            line = _line(people, name)
            try:
                affiliation, display = members.person_entry(str(name), plain(value))
            except SaksflytError as exc:
                raise self.fail(str(exc), line=line) from None
            if str(name) in reg.people and reg.people[str(name)] != affiliation:
                raise self.fail(f"Personen «{name}» finnes allerede, med en annen tilhørighet.",
                                line=line)
            self._guard(lambda n=name, a=affiliation, d=display:
                        cmd.register_person(self.ws, str(n), a, d),
                        line=line, same=str(name) in reg.people)
