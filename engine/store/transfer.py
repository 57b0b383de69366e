"""Export and import of the event log as JSON Lines, to move a record between stores
(SQLite to PostgreSQL and back) with every hash intact.

The file: a first line `{"format": "saksflyt-eksport", "version": 1, ...}`, then one line per
event, stream by stream in order, with the fields in ROW_FIELDS exactly as stored. Import
writes the rows verbatim (same seq, time, actor and hashes), so the chains verify in the
target as they did in the source.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from engine.domain import events as ev
from engine.domain.errors import ConcurrencyConflict, NotFound, SaksflytError
from engine.store.eventstore import GENESIS, EventStore, event_hash, events_table, is_seq_conflict

FORMAT = "saksflyt-eksport"
FORMAT_VERSION = 1
ROW_FIELDS = ("stream", "seq", "type", "version", "payload", "actor", "recorded_at",
              "prev_hash", "hash")


class ImportRefused(SaksflytError):
    """The file cannot be imported into this store; nothing was written."""


@dataclass(frozen=True, slots=True)
class Counts:
    streams: int
    events: int


# -- export ------------------------------------------------------------------------------------

def export_streams(store: EventStore, arkivsak: str | None) -> list[str]:
    """The streams to export: all, or one case with the register it refers to."""
    if arkivsak is None:
        return store.streams()
    stream = ev.case_stream(arkivsak)
    if not store.read(stream):
        raise NotFound(f"Saken {arkivsak} finnes ikke i databasen.")
    return [ev.REGISTRY_STREAM, stream]


def export_rows(store: EventStore, streams: list[str]) -> Iterator[dict[str, Any]]:
    for stream in streams:
        for stored in store.read(stream):
            yield {"stream": stored.stream_id, "seq": stored.seq, "type": stored.type,
                   "version": stored.version, "payload": _sorted_keys(stored.payload),
                   "actor": stored.actor,
                   "recorded_at": stored.recorded_at, "prev_hash": stored.prev_hash,
                   "hash": stored.hash}


def _sorted_keys(value: Any) -> Any:
    """The payload with its keys in order: PostgreSQL's JSONB keeps its own key order, and the
    same log should export to the same file from either backend (the hash sorts keys too)."""
    if isinstance(value, dict):
        return {key: _sorted_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted_keys(item) for item in value]
    return value


def export_file(store: EventStore, arkivsak: str | None, path: Path) -> Counts:
    streams = export_streams(store, arkivsak)
    header = {"format": FORMAT, "version": FORMAT_VERSION,
              "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
              "scope": arkivsak or "alle"}
    events = 0
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        out.write(_line(header))
        for row in export_rows(store, streams):
            out.write(_line(row))
            events += 1
    tmp.replace(path)  # a half-written export never stands under the real name
    return Counts(streams=len(streams), events=events)


def _line(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


# -- reading and checking a file ---------------------------------------------------------------

def read_file(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The file's rows by stream, each stream checked: seq 1, 2, 3, ..., every hash recomputed
    and linked to the one before, every payload a known event."""
    streams: dict[str, list[dict[str, Any]]] = {}
    header = False
    with path.open(encoding="utf-8") as lines:
        for number, text in enumerate(lines, 1):
            if not text.strip():
                continue
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ImportRefused(
                    f"{path.name}:{number}: ikke gyldig JSON ({exc.msg}).") from None
            if not header:
                _check_header(path, data)
                header = True
                continue
            row = _check_row(path, number, data)
            streams.setdefault(row["stream"], []).append(row)
    if not header:
        raise ImportRefused(f"{path.name} er tom.")
    for stream, rows in streams.items():
        check_chain(stream, rows, path.name)
    return streams


def _check_header(path: Path, data: Any) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused(f"{path.name} er ikke en eksport fra saksflyt (første linje mangler "
                            f"«\"format\": \"{FORMAT}\"»).")
    if data.get("version") != FORMAT_VERSION:
        raise ImportRefused(f"{path.name} har eksportformat {data.get('version')}; denne "
                            f"versjonen av saksflyt leser format {FORMAT_VERSION}.")


def _check_row(path: Path, number: int, data: Any) -> dict[str, Any]:
    where = f"{path.name}:{number}"
    if not isinstance(data, dict) or set(data) != set(ROW_FIELDS):
        raise ImportRefused(f"{where}: en hendelse har nøyaktig feltene "
                            + ", ".join(ROW_FIELDS) + ".")
    types = {"stream": str, "seq": int, "type": str, "version": int, "payload": dict,
             "recorded_at": str, "prev_hash": str, "hash": str}
    for field, kind in types.items():
        if not isinstance(data[field], kind) or isinstance(data[field], bool):
            raise ImportRefused(f"{where}: feltet «{field}» har feil type.")
    if data["actor"] is not None and not isinstance(data["actor"], str):
        raise ImportRefused(f"{where}: feltet «actor» har feil type.")
    try:
        ev.load(data["type"], data["version"], data["payload"])
    except ev.UnknownEvent as exc:  # a type or version of a newer saksflyt
        raise ImportRefused(f"{where}: {exc}") from None
    except Exception as exc:  # an unknown type or a payload that does not fit it
        raise ImportRefused(f"{where}: hendelsen «{data['type']}» kan ikke leses "
                            f"({type(exc).__name__}).") from None
    return data


def check_chain(stream: str, rows: list[dict[str, Any]], source: str = "") -> None:
    """Refuse a stream whose hash chain does not verify from its first event."""
    prev = GENESIS
    for expected_seq, row in enumerate(rows, 1):
        where = f"{source}: " if source else ""
        if row["seq"] != expected_seq:
            raise ImportRefused(f"{where}strømmen «{stream}» hopper fra hendelse "
                                f"{expected_seq - 1} til {row['seq']}; kjeden er brutt.")
        digest = event_hash(prev, stream, row["seq"], row["type"], row["version"],
                            row["payload"], row["actor"], row["recorded_at"])
        if row["prev_hash"] != prev or row["hash"] != digest:
            raise ImportRefused(f"{where}hashkjeden i «{stream}» stemmer ikke ved hendelse "
                                f"{row['seq']} (endret, flyttet eller slettet); ingenting ble "
                                "importert.")
        prev = digest


# -- import ------------------------------------------------------------------------------------

def import_file(store: EventStore, path: Path) -> Counts:
    """Write the file's streams into the store in one transaction, or nothing at all.

    A stream that already exists in the store is refused, except the register: a case export
    carries it, and it is accepted when the store's register and the file's agree event for
    event (then only the events the store lacks are added)."""
    streams = read_file(path)
    # Checked once before the store is touched (a refused import never creates a SQLite
    # file), and again inside the transaction, where it counts.
    _new_rows(streams, _existing_hashes(store, streams))
    try:
        with store.transaction() as conn:
            existing = {stream: _hashes(conn, stream) for stream in streams}
            rows = _new_rows(streams, existing)
            if rows:
                conn.execute(sa.insert(events_table), rows)
    except sa.exc.IntegrityError as exc:
        if not is_seq_conflict(exc):
            raise
        raise ConcurrencyConflict("En annen skrev til databasen samtidig; ingenting ble "
                                  "importert (prøv igjen).") from exc
    return Counts(streams=len({r["stream_id"] for r in rows}), events=len(rows))


def _existing_hashes(store: EventStore, streams: dict[str, Any]) -> dict[str, list[str]]:
    return {stream: [row.hash for row in store.read(stream)] for stream in streams}


def _hashes(conn: sa.Connection, stream: str) -> list[str]:
    return list(conn.execute(sa.select(events_table.c.hash)
                             .where(events_table.c.stream_id == stream)
                             .order_by(events_table.c.seq)).scalars())


def _new_rows(streams: dict[str, list[dict[str, Any]]],
              existing: dict[str, list[str]]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for stream, stream_rows in streams.items():
        have = existing.get(stream) or []
        if have and stream != ev.REGISTRY_STREAM:
            name = stream.removeprefix("sak:")
            raise ImportRefused(f"Saken {name} finnes allerede i måldatabasen; ingenting ble "
                                "importert.")
        for index, hash_ in enumerate(have[:len(stream_rows)]):
            if stream_rows[index]["hash"] != hash_:
                raise ImportRefused(f"Registeret i filen avviker fra registeret i "
                                    f"måldatabasen ved hendelse {index + 1}; ingenting ble "
                                    "importert.")
        rows.extend({"stream_id": row["stream"], **{k: row[k] for k in ROW_FIELDS[1:]}}
                    for row in stream_rows[len(have):])
    return rows
