"""Signed checkpoints: every stream's head hash, the table's count and last position, signed
with an Ed25519 key the store does not hold.

A hash chain alone cannot show the deletion of a stream's newest events, of a whole stream,
a truncated table, or a stream whose hashes were all computed again after a change: the rows
that remain are consistent. A checkpoint remembers what was there; its signature, made with a
key kept outside the store (a file in the user's configuration folder, or SAKSFLYT_KEY),
shows that the checkpoint itself was not rewritten. Checkpoints are chained too (each holds
the digest of the one before), and the key's folder keeps the number and digest of the latest
checkpoint made for each store, so dropping checkpoints is seen as well.

`check` is pure: rows and checkpoints in, problems out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.domain.errors import SaksflytError
from engine.store.eventstore import GENESIS
from engine.store.findings import NOTE_UNSIGNED, Problem, Row
from engine.store.tally import Tally

if TYPE_CHECKING:
    import sqlalchemy as sa

    from engine.store.eventstore import EventStore

FORMAT = "saksflyt-sjekkpunkt"
KEY_FILE = "signeringsnøkkel.pem"
ANCHOR_FILE = "sjekkpunkter.json"


class KeyProblem(SaksflytError):
    """The signing key cannot be read or made."""


# --- the key ----------------------------------------------------------------------------------

def default_key_path(environ: dict[str, str] | None = None) -> Path:
    """SAKSFLYT_KEY, else signeringsnøkkel.pem in the user's configuration folder."""
    env = os.environ if environ is None else environ
    if env.get("SAKSFLYT_KEY"):
        return Path(env["SAKSFLYT_KEY"]).expanduser()
    base = Path(env.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "saksflyt" / KEY_FILE


@dataclass(frozen=True)
class Key:
    """An Ed25519 key: the private key where the file holds it (to sign), or only the public
    key (to verify)."""

    path: Path
    public: Any
    private: Any = None

    @property
    def key_id(self) -> str:
        from cryptography.hazmat.primitives import serialization

        raw = self.public.public_bytes(serialization.Encoding.Raw,
                                       serialization.PublicFormat.Raw)
        return hashlib.sha256(raw).hexdigest()[:16]

    def sign(self, data: bytes) -> str:
        if self.private is None:
            raise KeyProblem(f"Nøkkelfilen {self.path} har bare den offentlige nøkkelen; den "
                            "kan kontrollere, ikke signere.")
        return str(self.private.sign(data).hex())

    def verifies(self, signature: str, data: bytes) -> bool:
        from cryptography.exceptions import InvalidSignature

        try:
            self.public.verify(bytes.fromhex(signature), data)
        except (InvalidSignature, ValueError):
            return False
        return True

    def public_pem(self) -> bytes:
        from cryptography.hazmat.primitives import serialization

        return bytes(self.public.public_bytes(serialization.Encoding.PEM,
                                              serialization.PublicFormat.SubjectPublicKeyInfo))


def load_key(path: Path) -> Key:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise KeyProblem(f"Nøkkelfilen {path} finnes ikke (lag en med «saksflyt checkpoint»)."
                        ) from None
    except OSError as exc:
        raise KeyProblem(f"Nøkkelfilen {path} kan ikke leses ({exc.strerror}).") from None
    try:
        if b"PRIVATE KEY" in data:
            private = serialization.load_pem_private_key(data, password=None)
            if isinstance(private, Ed25519PrivateKey):
                return Key(path, private.public_key(), private)
        else:
            public = serialization.load_pem_public_key(data)
            if isinstance(public, Ed25519PublicKey):
                return Key(path, public)
    except (ValueError, TypeError):
        pass
    raise KeyProblem(f"Nøkkelfilen {path} er ikke en Ed25519-nøkkel i PEM-format.")


def create_key(path: Path) -> Key:
    """A new private key in `path` (readable by the user only); never overwrites."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return load_key(path)
    except OSError as exc:
        raise KeyProblem(f"Kan ikke lage nøkkelfilen {path} ({exc.strerror}).") from None
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    return Key(path, private.public_key(), private)


def key_for_signing(path: Path) -> tuple[Key, bool]:
    """The key in `path`, made there when there is none; True when it was made now."""
    if path.exists():
        return load_key(path), False
    return create_key(path), True


# --- checkpoints ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Checkpoint:
    number: int
    created_at: str
    body: str
    key_id: str
    signature: str

    @property
    def data(self) -> dict[str, Any]:
        try:
            found = json.loads(self.body)
        except ValueError:
            return {}
        return found if isinstance(found, dict) else {}

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()


def canonical(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _snapshot(conn: sa.Connection) -> dict[str, Any]:
    """Each stream's head, the count and the last position, read in one statement (so one
    snapshot of the table, on PostgreSQL too, where writers do not wait for us)."""
    import sqlalchemy as sa

    from engine.store.schema import events_table as t

    last_seq = (sa.select(t.c.stream_id, sa.func.max(t.c.seq).label("seq"))
                .group_by(t.c.stream_id).subquery())
    totals = sa.select(sa.func.count().label("n"),
                       sa.func.max(t.c.position).label("last")).subquery()
    rows = conn.execute(sa.select(t.c.stream_id, t.c.seq, t.c.hash, totals.c.n, totals.c.last)
                        .join(last_seq, sa.and_(t.c.stream_id == last_seq.c.stream_id,
                                                t.c.seq == last_seq.c.seq))
                        .join(totals, sa.true())).all()
    return {"events": int(rows[0].n) if rows else 0,
            "last_position": int(rows[0].last) if rows else 0,
            "heads": {row.stream_id: [row.seq, row.hash] for row in rows}}


def write_checkpoint(store: EventStore, key: Key, reason: str) -> Checkpoint:
    """A new checkpoint of the store as it is now, in one transaction with the reading."""
    import sqlalchemy as sa

    from engine.store.schema import checkpoints_table as c

    with store.transaction() as conn:  # SQLite: the write lock, nothing is appended meanwhile
        if conn.dialect.name == "postgresql":  # one checkpoint writer at a time
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(8286190015)"))
        previous = conn.execute(sa.select(c.c.number, c.c.body).order_by(
            c.c.number.desc()).limit(1)).first()
        number = (previous.number + 1) if previous else 1
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        body = canonical({
            "format": FORMAT, "version": 1, "number": number, "created_at": now,
            "reason": reason, "key_id": key.key_id,
            "previous": hashlib.sha256(previous.body.encode()).hexdigest() if previous
            else GENESIS, **_snapshot(conn)})
        checkpoint = Checkpoint(number, now, body, key.key_id, key.sign(body.encode("utf-8")))
        conn.execute(sa.insert(c).values(number=number, created_at=now, body=body,
                                         key_id=key.key_id, signature=checkpoint.signature,
                                         imported=False))
    return checkpoint


def read_checkpoints(store: EventStore) -> list[Checkpoint]:
    """Every checkpoint as stored, oldest first ([] where the table is gone: `check` says
    whether it should be there)."""
    import sqlalchemy as sa

    from engine.store.schema import checkpoints_table as c

    if not store.exists:
        return []
    with store.connect() as conn:
        if not sa.inspect(conn).has_table("checkpoints"):
            return []
        rows = conn.execute(sa.select(c.c.number, c.c.created_at, c.c.body, c.c.key_id,
                                      c.c.signature).order_by(c.c.number)).all()
    return [Checkpoint(*row) for row in rows]


# --- the key's own record of the latest checkpoint of each store --------------------------------

def anchor_path(key_path: Path) -> Path:
    return key_path.with_name(ANCHOR_FILE)


def store_name(store: EventStore) -> str:
    from engine.store.eventstore import _sqlite_path

    path = _sqlite_path(store.url)
    if path is not None:
        return "sqlite:///" + os.path.realpath(path)
    return store.url.render_as_string(hide_password=True)


def read_anchor(key_path: Path, store: EventStore) -> dict[str, Any] | None:
    try:
        anchors = json.loads(anchor_path(key_path).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    found = anchors.get(store_name(store)) if isinstance(anchors, dict) else None
    return found if isinstance(found, dict) else None


def remember(key_path: Path, store: EventStore, checkpoint: Checkpoint | None) -> None:
    """Note the store's latest checkpoint beside the key (None: forget the store, which is
    being made anew at the same place). A folder we cannot write to keeps no record: the
    signed checkpoints in the store still hold."""
    path = anchor_path(key_path)
    try:
        anchors = json.loads(path.read_text("utf-8"))
        if not isinstance(anchors, dict):
            anchors = {}
    except (OSError, ValueError):
        anchors = {}
    name = store_name(store)
    if checkpoint is None:
        if name not in anchors:
            return
        del anchors[name]
    else:
        anchors[name] = {"number": checkpoint.number, "digest": checkpoint.digest}
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(anchors, ensure_ascii=False, indent=2) + "\n",
                       encoding="utf-8")
        tmp.replace(path)
    except OSError:
        tmp.unlink(missing_ok=True)


# --- checking ---------------------------------------------------------------------------------

def check(rows: Sequence[Row] | Tally, checkpoints: Sequence[Checkpoint], key: Key | None,
          anchor: dict[str, Any] | None = None, *, dense: bool = False,
          ) -> tuple[list[Problem], list[str]]:
    """Problems the checkpoints reveal in the rows, and notes (codes: what could not be
    checked). `dense`: positions are given in commit order (SQLite), so rows at or before a
    checkpoint's last position that it did not count were put in afterwards."""
    problems: list[Problem] = []
    notes: list[str] = []

    def add(kind: str, code: str, **fields: Any) -> None:
        problems.append(Problem(kind, "", None, None, code, fields))

    trusted: list[Checkpoint] = []
    previous_digest, expected_number = GENESIS, 1
    for checkpoint in checkpoints:
        data = checkpoint.data
        number = checkpoint.number
        if number != expected_number or data.get("previous") != previous_digest:
            add("checkpoint-missing", "checkpoint-before-missing", number=number)
        previous_digest, expected_number = checkpoint.digest, number + 1
        if data.get("format") != FORMAT or data.get("number") != number:
            add("checkpoint-changed", "checkpoint-not-ours", number=number)
            continue
        if key is not None:
            if checkpoint.key_id != key.key_id:
                add("checkpoint-foreign", "checkpoint-foreign", number=number,
                    key_id=checkpoint.key_id, our_key=str(key.path), our_key_id=key.key_id)
                continue
            if not key.verifies(checkpoint.signature, checkpoint.body.encode("utf-8")):
                add("checkpoint-changed", "checkpoint-signature", number=number)
                continue
        trusted.append(checkpoint)
    if key is None and checkpoints:
        notes.append(NOTE_UNSIGNED)
    if anchor is not None:
        known = {c.number: c.digest for c in checkpoints}
        number = anchor.get("number")
        if isinstance(number, int) and known.get(number) != anchor.get("digest"):
            add("checkpoint-missing", "checkpoint-remembered", number=number)
    if not trusted:
        return problems, notes
    tally = rows if isinstance(rows, Tally) else Tally(checkpoints).add_all(rows)
    problems += _against(tally, trusted, dense)
    return problems, notes


def _against(tally: Tally, trusted: Sequence[Checkpoint], dense: bool) -> list[Problem]:
    """The rows (as tallied) against the latest trusted checkpoint; earlier ones narrow down
    a rewrite."""
    latest = trusted[-1]
    data = latest.data
    at = {"number": latest.number, "created_at": latest.created_at}
    problems: list[Problem] = []
    if not tally.events and data.get("events"):
        return [Problem("truncated", "", None, None, "table-empty",
                        {**at, "events": data["events"]})]
    heads = data.get("heads") if isinstance(data.get("heads"), dict) else {}
    for stream, head in sorted(heads.items()):
        seq, digest = int(head[0]), str(head[1])
        if not tally.has(stream):
            problems.append(Problem("stream-deleted", stream, None, None, "stream-deleted",
                                    {**at, "events": seq}))
            continue
        top = tally.top(stream)
        if top < seq:
            problems.append(Problem("tail-deleted", stream, top + 1, None, "tail-deleted",
                                    {**at, "seq": top + 1, "last": seq}))
            continue
        found = tally.hash_at(stream, seq)
        if found is not None and found != digest:
            problems.append(Problem("rechained", stream, seq, None, "rechained",
                                    {**at, "seq": seq,
                                     "since": _last_match(stream, tally, trusted)}))
    last_position = data.get("last_position")
    if isinstance(last_position, int) and isinstance(data.get("events"), int):
        before = tally.at_or_before(last_position)
        if before < data["events"] and not problems:
            problems.append(Problem("truncated", "", None, None, "rows-missing",
                                    {**at, "count": data["events"] - before}))
        elif before > data["events"] and dense:
            problems.append(Problem("inserted", "", None, None, "rows-inserted",
                                    {**at, "count": before - data["events"]}))
    return problems


def _last_match(stream: str, tally: Tally, trusted: Iterable[Checkpoint]) -> int:
    """The highest seq at which an earlier checkpoint's head still matches the rows."""
    best = 0
    for checkpoint in trusted:
        head = (checkpoint.data.get("heads") or {}).get(stream)
        if head and tally.hash_at(stream, int(head[0])) == head[1]:
            best = max(best, int(head[0]))
    return best
