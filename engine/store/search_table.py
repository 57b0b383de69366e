"""The search table: a read model of the public texts, kept beside the events and rebuilt
from them at will (`saksflyt search rebuild`), so it is no part of the versioned schema.

SQLite: an FTS5 table (the unicode61 tokenizer, diacritics folded). PostgreSQL: a table with
a generated `tsvector` in the Norwegian text search configuration and a GIN index. Both keep
the event position they are current to in `search_state`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from engine.store.eventstore import EventStore, events_table


@dataclass(frozen=True, slots=True)
class Doc:
    key: str
    """What the document is: `case:ARKIVSAK` or `item:MEETING|ARKIVSAK`."""
    group: str
    """The arkivsak: every document of a case is replaced together."""
    title: str
    body: str


@dataclass(frozen=True, slots=True)
class Found:
    key: str
    title: str
    snippet: str


def _ddl(conn: sa.Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text(
            "CREATE TABLE IF NOT EXISTS search_docs (key TEXT PRIMARY KEY, grp TEXT NOT NULL, "
            "title TEXT NOT NULL, body TEXT NOT NULL, tsv tsvector GENERATED ALWAYS AS "
            "(setweight(to_tsvector('norwegian', title), 'A') || "
            "to_tsvector('norwegian', body)) STORED)"))
        conn.execute(sa.text("CREATE INDEX IF NOT EXISTS search_docs_tsv ON search_docs "
                             "USING GIN (tsv)"))
    else:
        conn.execute(sa.text(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_docs USING fts5(key UNINDEXED, "
            "grp UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')"))
    conn.execute(sa.text("CREATE TABLE IF NOT EXISTS search_state (id INTEGER PRIMARY KEY, "
                         "position INTEGER NOT NULL)"))


def head(store: EventStore) -> int:
    with store.reading() as conn:
        if conn is None:
            return 0
        return int(conn.execute(sa.select(sa.func.max(events_table.c.position))).scalar() or 0)


def indexed_position(store: EventStore) -> int | None:
    """The position the table is current to (None: there is no table yet)."""
    with store.reading() as conn:
        if conn is None or not sa.inspect(conn).has_table("search_state"):
            return None
        found = conn.execute(sa.text("SELECT position FROM search_state WHERE id = 1")).scalar()
        return None if found is None else int(found)


def changed_streams(store: EventStore, after: int) -> set[str]:
    with store.reading() as conn:
        if conn is None:
            return set()
        return set(conn.execute(sa.select(events_table.c.stream_id).where(
            events_table.c.position > after).distinct()).scalars())


def replace(store: EventStore, groups: Iterable[str], docs: Iterable[Doc], position: int,
            everything: bool = False) -> None:
    """Replace the documents of these groups (or, with `everything`, all) in one transaction
    and record the position they are current to."""
    with store.transaction() as conn:
        _ddl(conn)
        if conn.dialect.name == "postgresql":  # two processes catching up at once
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(8286190013)"))
        if everything:
            conn.execute(sa.text("DELETE FROM search_docs"))
        else:
            for group in groups:
                conn.execute(sa.text("DELETE FROM search_docs WHERE grp = :g"), {"g": group})
        rows = [{"k": d.key, "g": d.group, "t": d.title, "b": d.body} for d in docs]
        if rows:
            conn.execute(sa.text("INSERT INTO search_docs (key, grp, title, body) "
                                 "VALUES (:k, :g, :t, :b)"), rows)
        conn.execute(sa.text("DELETE FROM search_state"))
        conn.execute(sa.text("INSERT INTO search_state (id, position) VALUES (1, :p)"),
                     {"p": position})


def query(store: EventStore, text: str, limit: int = 50) -> list[Found]:
    words = re.findall(r"\w+", text)
    if not words:
        return []
    with store.reading() as conn:
        if conn is None or not sa.inspect(conn).has_table("search_docs"):
            return []
        if conn.dialect.name == "postgresql":
            rows = conn.execute(sa.text(
                "SELECT key, title, ts_headline('norwegian', body, q, 'MaxWords=20, "
                "MinWords=8, StartSel=«, StopSel=»') FROM search_docs, "
                "plainto_tsquery('norwegian', :q) q WHERE tsv @@ q "
                "ORDER BY ts_rank(tsv, q) DESC, key LIMIT :n"), {"q": " ".join(words),
                                                                 "n": limit})
        else:
            match = " ".join('"' + w.replace('"', "") + '"' for w in words)
            rows = conn.execute(sa.text(
                "SELECT key, title, snippet(search_docs, 3, '«', '»', ' … ', 16) FROM "
                "search_docs WHERE search_docs MATCH :m ORDER BY bm25(search_docs, 0, 0, 5, 1)"
                ", key LIMIT :n"), {"m": match, "n": limit})
        return [Found(k, t, s or "") for k, t, s in rows]
