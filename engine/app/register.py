"""Application services for the register and new cases: parties, bodies, people, a case with
its saksframlegg and route."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.app.session import unit_of_work
from engine.commands import deciders as cmd
from engine.commands.meetings import parse_route
from engine.domain.voting import parse_seats

if TYPE_CHECKING:
    from engine.domain.state import Case
    from engine.store.eventstore import EventStore


def add_party(store: EventStore, actor: str | None, short: str, name: str) -> None:
    with unit_of_work(store, actor) as session:
        cmd.register_party(session.ws, short, name)


def add_body(store: EventStore, actor: str | None, name: str, kind: str,
             seats: str | None) -> None:
    with unit_of_work(store, actor) as session:
        cmd.register_body(session.ws, name, kind, parse_seats(seats))


def add_person(store: EventStore, actor: str | None, name: str, affiliation: str | None) -> None:
    with unit_of_work(store, actor) as session:
        cmd.register_person(session.ws, name, affiliation)


def new_case(store: EventStore, actor: str | None, *, arkivsak: str, title: str,
             recommendation: str | list[str], route: list[str] | tuple[str, ...],
             workflow: str = "politisk-sak", prepared_by: str | None = None,
             prepared_date: str | None = None) -> Case:
    """`route`: stages as "UTVALG:ROLLE"."""
    with unit_of_work(store, actor) as session:
        return cmd.open_case(session.ws, arkivsak=arkivsak, title=title,
                             recommendation=recommendation, route=parse_route(route),
                             workflow=workflow, prepared_by=prepared_by,
                             prepared_date=prepared_date)
