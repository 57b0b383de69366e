"""Schema migrations with Alembic, shipped in the package: `saksflyt db upgrade` and
`saksflyt db status`. Imported only by those commands (Alembic is slow to import); ordinary
commands compare the stored revision with engine.store.eventstore.HEAD_REVISION instead."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from engine.store.eventstore import FIRST_REVISION, EventStore

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class Revision:
    id: str
    doc: str


@dataclass(frozen=True, slots=True)
class Status:
    current: str | None  # None: no store in the database yet
    head: str
    pending: list[Revision]  # oldest first
    unknown: bool  # a revision these migrations do not know (a newer saksflyt wrote it)

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def config(conn: sa.Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.attributes["connection"] = conn
    return cfg


def script() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def history() -> list[Revision]:
    """Every revision, oldest first."""
    revisions = list(script().walk_revisions())
    return [Revision(r.revision, (r.doc or "").strip()) for r in reversed(revisions)]


def head() -> str:
    found = script().get_current_head()
    assert found is not None
    return found


def status(store: EventStore) -> Status:
    current = None
    if store.exists:
        with store.connect() as conn:
            current = store.revision(conn)
    ids = [r.id for r in history()]
    unknown = current is not None and current not in ids
    start = 0 if current is None or unknown else ids.index(current) + 1
    pending = [] if unknown else history()[start:]
    return Status(current=current, head=head(), pending=pending, unknown=unknown)


def upgrade(store: EventStore, target: str = "head") -> tuple[str | None, str | None]:
    """Bring the store to `target` in one transaction; returns the revisions before and
    after. A store from before migrations is first marked as the first revision."""
    with store.transaction(check_schema=False) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(8286190001)"))
        before = store.revision(conn)
        cfg = config(conn)
        if before is not None and not sa.inspect(conn).has_table("alembic_version"):
            command.stamp(cfg, FIRST_REVISION)
        command.upgrade(cfg, target)
        after = store.revision(conn)
    store.forget_schema()
    return before, after
