"""Live updates across server processes. A write's process sends a PostgreSQL NOTIFY, and
every process LISTENs, so a request waiting for news (GET /api/v1/changes) wakes in any of
them; the store's head (its last event position) is the truth each waiter checks, so a
missed or early notification costs only a poll. On SQLite, waiting requests poll the head.
"""

from __future__ import annotations

import contextlib
import threading
import time

import sqlalchemy as sa

from engine.store.eventstore import EventStore, events_table

CHANNEL = "saksflyt_events"
FALLBACK_POLL = 2.0
"""With LISTEN, still look at the head this often: writes made by the command line
directly on the store send no NOTIFY."""


class Notifier:
    def __init__(self, store: EventStore, poll_seconds: float = 0.5) -> None:
        self.store = store
        self.poll = poll_seconds
        self.changed = threading.Condition()
        self.postgres = store.url.get_backend_name() == "postgresql"
        self.listening = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self.postgres and self._thread is None:
            self._thread = threading.Thread(target=self._listen, name="saksflyt-listen",
                                            daemon=True)
            self._thread.start()

    def head(self) -> int:
        with self.store.reading() as conn:
            if conn is None:
                return 0
            return int(conn.execute(sa.select(sa.func.max(events_table.c.position)))
                       .scalar() or 0)

    def notify(self) -> None:
        """After a write: wake this process's waiters, and every other process's."""
        if self.postgres:
            with self.store.engine.connect() as conn:
                conn.execute(sa.text("SELECT pg_notify(:channel, '')"), {"channel": CHANNEL})
                conn.commit()
        with self.changed:
            self.changed.notify_all()

    def wait_past(self, after: int, wait: float) -> int:
        """The head, once it is past `after` or `wait` seconds have gone."""
        deadline = time.monotonic() + wait
        while True:
            position = self.head()
            left = deadline - time.monotonic()
            if position > after or left <= 0:
                return position
            with self.changed:
                self.changed.wait(min(FALLBACK_POLL if self.listening else self.poll, left))

    def _listen(self) -> None:
        import psycopg

        url = self.store.url.set(drivername="postgresql")
        conninfo = url.render_as_string(hide_password=False)
        while True:
            try:
                with psycopg.connect(conninfo, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.listening = True
                    for _ in conn.notifies():
                        with self.changed:
                            self.changed.notify_all()
            except Exception:  # the database went away: poll until it is back
                self.listening = False
                with contextlib.suppress(Exception):
                    time.sleep(FALLBACK_POLL)

