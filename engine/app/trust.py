"""Application services for the record's trust: signed checkpoints and verification.

The key's path comes from the caller (the command line reads SAKSFLYT_KEY once, at the edge);
the key is never kept in the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from engine.store import checkpoints as cp

if TYPE_CHECKING:
    from engine.store.eventstore import EventStore
    from engine.store.verify import Report


@dataclass(frozen=True, slots=True)
class Anchored:
    checkpoint: cp.Checkpoint
    key: cp.Key
    key_created: bool
    """The key was made now (the caller says where it is)."""


def make_checkpoint(store: EventStore, key_path: Path, reason: str) -> Anchored:
    """A signed checkpoint of the store now; makes the key in `key_path` if there is none."""
    key, created = cp.key_for_signing(key_path)
    checkpoint = cp.write_checkpoint(store, key, reason)
    cp.remember(key_path, store, checkpoint)
    return Anchored(checkpoint, key, created)


def verify(store: EventStore, key_path: Path, arkivsak: str | None = None) -> Report:
    """The chains and the checkpoints; signatures checked with the key in `key_path` where
    there is one (else the report notes that they were not)."""
    from engine.store.verify import verify_store

    key = cp.load_key(key_path) if key_path.exists() else None
    anchor = cp.read_anchor(key_path, store) if key is not None else None
    return verify_store(store, arkivsak, key=key, anchor=anchor)


def grant_append_only(store: EventStore, role: str) -> None:
    """PostgreSQL: give `role` only SELECT and INSERT on the log (engine.store.schema)."""
    from engine.domain.errors import RuleViolation
    from engine.store.schema import grant_statements

    if store.url.get_backend_name() != "postgresql":
        raise RuleViolation("«db grant» gjelder PostgreSQL; en SQLite-fil vernes av "
                            "triggerne og filens egne rettigheter.")
    statements = grant_statements(role)
    with store.transaction() as conn:
        for statement in statements:
            conn.exec_driver_sql(statement)


def init_store(store: EventStore) -> tuple[bool, str]:
    """Make the store's schema where there is none; (made now, the revision)."""
    from engine.store.eventstore import HEAD_REVISION

    existed = store.exists
    if existed:
        with store.connect() as conn:
            found = store.revision(conn)
        if found is not None:
            return False, found
    with store.transaction():
        pass
    return True, HEAD_REVISION


def forget_store(store: EventStore, key_path: Path) -> None:
    """The key's record of a store's latest checkpoint, dropped (the store is made anew)."""
    cp.remember(key_path, store, None)
