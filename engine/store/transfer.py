"""Export and import of the event log as JSON Lines, to move a record between stores
(SQLite to PostgreSQL and back) with every hash intact.

The file: a first line `{"format": "saksflyt-eksport", "version": 1, ...}`, then one line per
event, stream by stream in order, with the fields in ROW_FIELDS exactly as stored; in an
export of everything, the store's signed checkpoints (`{"checkpoint": {...}}`); and last,
where a key is at hand, the export's own signature (`{"signature": {...}}`: Ed25519 over the
SHA-256 of every line before it). Import writes the rows verbatim (same seq, time, actor and
hashes), so the chains verify in the target as they did in the source, and refuses a file
whose signature is missing, made with a key it does not trust, or does not match: a forger
who recomputes every hash cannot sign.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from engine.domain import events as ev
from engine.domain.errors import ConcurrencyConflict, NotFound, SaksflytError
from engine.store import checkpoints as cp
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
    signed_by: str | None = None
    """The key id of the export's signature (None: unsigned)."""


@dataclass
class ExportFile:
    streams: dict[str, list[dict[str, Any]]]
    checkpoints: list[cp.Checkpoint]
    signature: dict[str, Any] | None
    digest: str
    """SHA-256 of every line before the signature."""


def _signed_text(digest: str) -> bytes:
    return f"{FORMAT}:{digest}".encode()


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


def export_file(store: EventStore, arkivsak: str | None, path: Path,
                key: cp.Key | None = None) -> Counts:
    """Write the export; signed with `key` where given. A half-written export never stands
    under the real name, and the file is never written through a link at PATH.tmp."""
    streams = export_streams(store, arkivsak)
    header = {"format": FORMAT, "version": FORMAT_VERSION,
              "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
              "scope": arkivsak or "alle"}
    events = 0
    digest = hashlib.sha256()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            def write(data: dict[str, Any]) -> None:
                text = _line(data)
                digest.update(text.encode("utf-8"))
                out.write(text)

            write(header)
            for row in export_rows(store, streams):
                write(row)
                events += 1
            if arkivsak is None:
                for checkpoint in cp.read_checkpoints(store):
                    write({"checkpoint": {"number": checkpoint.number,
                                          "created_at": checkpoint.created_at,
                                          "body": checkpoint.body, "key_id": checkpoint.key_id,
                                          "signature": checkpoint.signature}})
            if key is not None:
                out.write(_line({"signature": {
                    "algorithm": "ed25519", "key_id": key.key_id,
                    "sha256": digest.hexdigest(),
                    "value": key.sign(_signed_text(digest.hexdigest()))}}))
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return Counts(streams=len(streams), events=events,
                  signed_by=key.key_id if key is not None else None)


def _line(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


# -- reading and checking a file ---------------------------------------------------------------

def read_file(path: Path) -> ExportFile:
    """The file's rows by stream, each stream checked: seq 1, 2, 3, ..., every hash recomputed
    and linked to the one before, every payload a known event; its checkpoints and its
    signature (the last line), and the digest of the lines the signature covers."""
    streams: dict[str, list[dict[str, Any]]] = {}
    checkpoints: list[cp.Checkpoint] = []
    signature: dict[str, Any] | None = None
    header = False
    digest = hashlib.sha256()
    try:
        lines = path.open("rb")
    except OSError as exc:
        raise ImportRefused(f"{path.name} kan ikke leses ({exc.strerror}).") from None
    with lines:
        for number, raw in enumerate(lines, 1):
            if signature is not None:
                raise ImportRefused(f"{path.name}:{number}: noe står etter signaturen; filen er "
                                    "endret etter eksporten.")
            try:
                text = raw.decode("utf-8")
                data = json.loads(text) if text.strip() else None
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "ikke UTF-8"
                raise ImportRefused(f"{path.name}:{number}: ikke gyldig JSON ({reason}).") \
                    from None
            if data is None:
                digest.update(raw)
                continue
            if not header:
                _check_header(path, data)
                header = True
            elif isinstance(data, dict) and set(data) == {"signature"}:
                signature = data["signature"] if isinstance(data["signature"], dict) else {}
                continue
            elif isinstance(data, dict) and set(data) == {"checkpoint"}:
                checkpoints.append(_checkpoint(path, number, data["checkpoint"]))
            else:
                row = _check_row(path, number, data)
                streams.setdefault(row["stream"], []).append(row)
            digest.update(raw)
    if not header:
        raise ImportRefused(f"{path.name} er tom.")
    for stream, rows in streams.items():
        check_chain(stream, rows, path.name)
    return ExportFile(streams, checkpoints, signature, digest.hexdigest())


def _checkpoint(path: Path, number: int, data: Any) -> cp.Checkpoint:
    fields = ("number", "created_at", "body", "key_id", "signature")
    if not isinstance(data, dict) or set(data) != set(fields) or not all(
            isinstance(data[f], int if f == "number" else str) for f in fields):
        raise ImportRefused(f"{path.name}:{number}: et sjekkpunkt har feltene "
                            + ", ".join(fields) + ".")
    return cp.Checkpoint(**data)


def check_signature(path: Path, found: ExportFile, trusted: cp.Key | None,
                    allow_unsigned: bool) -> None:
    """Refuse a file that is not signed by the trusted key (unless unsigned files are
    allowed and this one carries no signature at all), and a file whose rows disagree with
    a checkpoint it carries."""
    signature = found.signature
    if signature is None:
        if not allow_unsigned:
            raise ImportRefused(f"{path.name} er ikke signert, så det kan ikke vises at den er "
                                "uendret siden eksporten; bruk --unsigned for å lese den inn "
                                "likevel.")
    elif trusted is None:
        raise ImportRefused(f"{path.name} er signert (nøkkel {signature.get('key_id')}), men "
                            "ingen nøkkel å kontrollere med er satt opp; bruk --trust-key FIL.")
    elif signature.get("key_id") != trusted.key_id:
        raise ImportRefused(f"{path.name} er signert med nøkkel {signature.get('key_id')}, ikke "
                            f"med den du stoler på ({trusted.key_id}); bruk --trust-key FIL.")
    elif signature.get("sha256") != found.digest or not trusted.verifies(
            str(signature.get("value", "")), _signed_text(found.digest)):
        raise ImportRefused(f"{path.name}: signaturen stemmer ikke; filen er endret etter "
                            "eksporten. Ingenting ble importert.")
    if trusted is None:
        return
    rows = [_as_row(r) for rows in found.streams.values() for r in rows]
    problems, _notes = cp.check(rows, found.checkpoints, trusted)
    problems = [p for p in problems if p.kind not in ("truncated", "inserted")]
    if problems:
        found_problem = problems[0]
        raise ImportRefused(
            f"{path.name}: strømmen «{found_problem.stream_id or 'alle'}» stemmer ikke med "
            f"sjekkpunkt nr {found_problem.fields.get('number')} i filen (kjeden er regnet om, "
            "kortet av eller slettet, eller sjekkpunktet er endret). Ingenting ble importert.")


def _as_row(row: dict[str, Any]) -> Any:
    from engine.store.findings import Row

    return Row(position=0, stream_id=row["stream"], seq=row["seq"], type=row["type"],
               version=row["version"], payload=row["payload"], actor=row["actor"],
               recorded_at=row["recorded_at"], prev_hash=row["prev_hash"], hash=row["hash"])


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

def import_file(store: EventStore, path: Path, trusted: cp.Key | None = None,
                allow_unsigned: bool = False) -> Counts:
    """Write the file's streams into the store in one transaction, or nothing at all; the
    file's signature is checked with `trusted` first (engine.store.checkpoints.Key).

    A stream that already exists in the store is refused, except the register: a case export
    carries it, and it is accepted when the store's register and the file's agree event for
    event (then only the events the store lacks are added)."""
    found = read_file(path)
    check_signature(path, found, trusted, allow_unsigned)
    streams = found.streams
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
    return Counts(streams=len({r["stream_id"] for r in rows}), events=len(rows),
                  signed_by=(found.signature or {}).get("key_id"))


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
