"""Issue 15: once a signed checkpoint exists, `verify` reports every attack the chain alone
missed, on SQLite and on PostgreSQL, naming what changed: the newest events of the table or
of a stream deleted, a whole case deleted, the table emptied or dropped, a stream rechained
after a changed tally, checkpoints dropped or rewritten; and a forged export is refused.

Each attack is made as one with access to the database would make it: the triggers that
refuse UPDATE and DELETE are dropped first.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from engine.store.eventstore import GENESIS, EventStore, event_hash
from engine.store.schema import drop_append_only_ddl
from tests.conftest import EXAMPLES
from tests.store.conftest import BACKENDS, make_url, run_cli

CASE = "sak:19/8286"


@pytest.fixture(params=BACKENDS)
def anchored(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """19/8286 replayed and anchored in a checkpoint, on each backend."""
    url = make_url(request.param, request, tmp_path)
    done = run_cli("replay", str(EXAMPLES / "19-8286.yaml"), db=url)
    assert done.returncode == 0, done.stderr
    made = run_cli("checkpoint", db=url)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("Sjekkpunkt nr 1 er signert: 82 hendelser i 2 strømmer")
    yield url


def attack(url: str, *statements: str, params: dict | None = None) -> None:
    """Drop the triggers, then run the statements, as the database's owner could."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.begin() as conn:
            for statement in drop_append_only_ddl(conn.dialect.name):
                conn.exec_driver_sql(statement)
            for statement in statements:
                conn.execute(sa.text(statement), params or {})
    finally:
        engine.dispose()


def verify(url: str) -> tuple[int, list[str]]:
    done = run_cli("verify", db=url)
    return done.returncode, done.stdout.splitlines()


def test_an_anchored_store_verifies(anchored: str) -> None:
    code, lines = verify(anchored)
    assert code == 0
    assert lines == ["Protokollen er uendret: 82 hendelser i 2 strømmer kontrollert.",
                     "Kontrollert mot 1 signerte sjekkpunkt(er)."]


def test_the_triggers_refuse_update_and_delete(anchored: str) -> None:
    engine = sa.create_engine(anchored, poolclass=sa.pool.NullPool)
    try:
        for statement in ("UPDATE events SET actor = 'mallory'", "DELETE FROM events",
                          "UPDATE checkpoints SET body = '{}'", "DELETE FROM checkpoints"):
            with pytest.raises(sa.exc.DBAPIError, match="kan bare utvides"), \
                    engine.begin() as conn:
                conn.execute(sa.text(statement))
        if engine.dialect.name == "postgresql":
            with pytest.raises(sa.exc.DBAPIError, match="kan bare utvides"), \
                    engine.begin() as conn:
                conn.execute(sa.text("TRUNCATE events"))
    finally:
        engine.dispose()
    assert verify(anchored)[0] == 0


def test_the_newest_events_of_the_table_deleted(anchored: str) -> None:
    attack(anchored, "DELETE FROM events WHERE position > (SELECT max(position) - 3 FROM "
                     "events)")
    code, lines = verify(anchored)
    assert code == 1
    assert any(line.startswith("Sak 19/8286, nr 51–53: de nyeste hendelsene er slettet")
               for line in lines), lines


def test_the_newest_events_of_a_stream_deleted(anchored: str) -> None:
    attack(anchored, "DELETE FROM events WHERE stream_id = 'register' AND seq > 27")
    code, lines = verify(anchored)
    assert code == 1
    assert any("Registeret, nr 28–29: de nyeste hendelsene er slettet" in line
               for line in lines), lines


def test_a_whole_case_deleted(anchored: str) -> None:
    attack(anchored, f"DELETE FROM events WHERE stream_id = '{CASE}'")
    code, lines = verify(anchored)
    assert code == 1
    assert any("Sak 19/8286: hele strømmen er slettet" in line and "53 hendelser" in line
               for line in lines), lines


def test_the_table_emptied(anchored: str) -> None:
    attack(anchored, "DELETE FROM events")
    code, lines = verify(anchored)
    assert code == 1
    assert lines == [next(line for line in lines if "Hendelsestabellen er tom" in line)]
    assert "82 hendelser" in lines[0]


def test_the_table_dropped(anchored: str) -> None:
    attack(anchored, "DROP TABLE events")
    code, lines = verify(anchored)
    assert code == 1 and "Hendelsestabellen er tom" in lines[0]


def test_the_checkpoints_dropped_too(anchored: str) -> None:
    attack(anchored, "DROP TABLE events", "DROP TABLE checkpoints")
    code, lines = verify(anchored)
    assert code == 1
    assert lines == ["Sjekkpunkt nr 1, som nøkkelen husker for denne databasen, mangler "
                     "eller er byttet ut."]


def test_the_newest_checkpoint_deleted(anchored: str) -> None:
    assert run_cli("checkpoint", db=anchored).returncode == 0
    attack(anchored, "DELETE FROM checkpoints WHERE number = 2")
    code, lines = verify(anchored)
    assert code == 1 and "Sjekkpunkt nr 2, som nøkkelen husker" in lines[0]


def test_a_checkpoint_rewritten(anchored: str) -> None:
    engine = sa.create_engine(anchored, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        body = json.loads(conn.execute(sa.text("SELECT body FROM checkpoints")).scalar_one())
    engine.dispose()
    body["heads"][CASE][0] = 40  # to hide a deleted tail
    attack(anchored, "UPDATE checkpoints SET body = :b",
           params={"b": json.dumps(body, sort_keys=True, separators=(",", ":"))})
    code, lines = verify(anchored)
    assert code == 1
    assert any("Sjekkpunkt nr 1: signaturen stemmer ikke" in line for line in lines), lines


def _rechain(url: str) -> int:
    """Change a tally and compute every later hash of the stream again (a careful forger)."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT seq, type, version, CAST(payload AS TEXT) AS payload, actor, recorded_at "
            "FROM events WHERE stream_id = :s ORDER BY seq"), {"s": CASE}).all()
    engine.dispose()
    target = next(r.seq for r in rows if r.type == "vote.held"
                  and json.loads(r.payload).get("votes_against"))
    statements, params, prev = [], {}, GENESIS
    for row in rows:
        payload = json.loads(row.payload)
        if row.seq == target:
            payload["votes_against"] = [["H", 1]]
            payload["n_against"] = 1
        digest = event_hash(prev, CASE, row.seq, row.type, row.version, payload, row.actor,
                            row.recorded_at)
        statements.append(f"UPDATE events SET payload = :p{row.seq}, prev_hash = :v{row.seq}, "
                          f"hash = :h{row.seq} WHERE stream_id = '{CASE}' AND seq = {row.seq}")
        params.update({f"p{row.seq}": json.dumps(payload, ensure_ascii=False),
                       f"v{row.seq}": prev, f"h{row.seq}": digest})
        prev = digest
    if url.startswith("postgresql"):
        statements = [s.replace(f":p{n}", f"CAST(:p{n} AS JSONB)")
                      for n, s in zip([r.seq for r in rows], statements, strict=True)]
    attack(url, *statements, params=params)
    return target


def test_a_stream_rechained_after_a_changed_tally(anchored: str) -> None:
    _rechain(anchored)
    from engine.store.verify import verify_store

    store = EventStore(anchored)
    chain_only = verify_store(store, "19/8286")  # the chain alone sees nothing
    store.close()
    assert chain_only.intact
    code, lines = verify(anchored)
    assert code == 1
    assert lines == ["Sak 19/8286: kjeden er regnet om fra første hendelse (hendelse nr 53 har "
                     "en annen hash enn i " + lines[0].split("annen hash enn i ")[1]], lines


def test_a_rechained_stream_is_narrowed_down_by_an_earlier_checkpoint(tmp_path: Path) -> None:
    """Pure: two checkpoints, the stream rewritten from event 6 on: "etter nr 4"."""
    from engine.store import checkpoints as cp
    from engine.store.findings import Row

    key = cp.create_key(tmp_path / "k.pem")

    def chain(texts: list[str]) -> list[Row]:
        rows, prev = [], GENESIS
        for seq, text in enumerate(texts, 1):
            digest = event_hash(prev, "s", seq, "t", 1, {"x": text}, None, "nå")
            rows.append(Row(seq, "s", seq, "t", 1, {"x": text}, None, "nå", prev, digest))
            prev = digest
        return rows

    original = chain([f"tekst {n}" for n in range(1, 11)])
    checkpoints, previous = [], GENESIS
    for number, upto in ((1, 4), (2, 10)):
        body = cp.canonical({"format": cp.FORMAT, "version": 1, "number": number,
                             "created_at": "nå", "reason": "test", "key_id": key.key_id,
                             "previous": previous, "events": upto, "last_position": upto,
                             "heads": {"s": [upto, original[upto - 1].hash]}})
        checkpoints.append(cp.Checkpoint(number, "nå", body, key.key_id,
                                         key.sign(body.encode())))
        previous = checkpoints[-1].digest
    assert cp.check(original, checkpoints, key) == ([], [])
    forged = chain([f"tekst {n}" if n < 6 else "forfalsket" for n in range(1, 11)])
    problems, _ = cp.check(forged, checkpoints, key)
    assert [p.kind for p in problems] == ["rechained"]
    from documents.findings import problem_text

    assert "kjeden er regnet om etter nr 4" in problem_text(problems[0])


def test_a_missing_store_is_an_error_not_unchanged(tmp_path: Path) -> None:
    done = run_cli("verify", db=f"sqlite:///{tmp_path / 'borte.db'}")
    assert done.returncode == 2
    assert "finnes ikke" in done.stderr and "uendret" not in done.stdout
    assert not (tmp_path / "borte.db").exists()


def test_an_empty_store_is_an_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tom.db'}"
    assert run_cli("db", "upgrade", db=url).returncode == 0
    done = run_cli("verify", db=url)
    assert done.returncode == 2 and "er tom" in done.stderr


def test_an_unreachable_store_is_exit_3() -> None:
    done = run_cli("verify", db="postgresql+psycopg://saksflyt:hemmelig@127.0.0.1:1/saksflyt")
    assert done.returncode == 3
    assert done.stderr.startswith("Feil: Får ikke kontakt med databasen")
    assert "hemmelig" not in done.stderr and len(done.stderr.splitlines()) == 1


def test_a_checkpoint_signed_with_another_key_is_not_trusted(anchored: str,
                                                             tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cli import main
    from engine.store.checkpoints import create_key

    other = tmp_path / "annen.pem"
    create_key(other)
    result = CliRunner().invoke(main, ["--db", anchored, "--key", str(other), "verify"])
    assert result.exit_code == 1
    assert "signert med en annen nøkkel" in result.stdout


# --- export and import -----------------------------------------------------------------------

def _forge(source: Path, target: Path) -> Path:
    """An export with a changed note and every later hash of its stream computed again."""
    lines = source.read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines[1:]]
    rows = [r for r in rows if "signature" not in r]
    prev: dict[str, str] = {}
    changed = False
    for row in rows:
        if "stream" not in row:
            continue
        if not changed and row["type"] == "item.note":
            row["payload"]["text"] = "Rådmannen trakk saken."
            changed = True
        row["prev_hash"] = prev.get(row["stream"], GENESIS)
        row["hash"] = event_hash(row["prev_hash"], row["stream"], row["seq"], row["type"],
                                 row["version"], row["payload"], row["actor"],
                                 row["recorded_at"])
        prev[row["stream"]] = row["hash"]
    target.write_text("\n".join([lines[0], *(json.dumps(r, ensure_ascii=False)
                                             for r in rows)]) + "\n", encoding="utf-8")
    return target


def test_a_forged_export_with_recomputed_hashes_is_refused(anchored: str,
                                                            tmp_path: Path) -> None:
    export = tmp_path / "alt.jsonl"
    done = run_cli("export", "--all", "-o", str(export), db=anchored)
    assert done.returncode == 0 and "signert med nøkkel" in done.stdout
    assert '"checkpoint"' in export.read_text("utf-8")
    target = f"sqlite:///{tmp_path / 'maal.db'}"  # the source is on each backend
    forged = _forge(export, tmp_path / "forfalsket.jsonl")
    refused = run_cli("import", str(forged), db=target)
    assert refused.returncode == 2 and "ikke signert" in refused.stderr
    # Even accepted as unsigned, the checkpoint it carries gives the forgery away.
    refused = run_cli("import", "--unsigned", str(forged), db=target)
    assert refused.returncode == 2 and "kjeden er regnet om" in refused.stderr, refused.stderr
    # A signature kept from the true file does not fit the forged lines.
    signature = export.read_text("utf-8").splitlines()[-1]
    with forged.open("a", encoding="utf-8") as out:
        out.write(signature + "\n")
    refused = run_cli("import", str(forged), db=target)
    assert refused.returncode == 2 and "signaturen stemmer ikke" in refused.stderr
    store = EventStore(target)
    assert store.streams() == []
    store.close()
    accepted = run_cli("import", str(export), db=target)
    assert accepted.returncode == 0, accepted.stderr


def test_an_export_signed_by_another_key_needs_that_key(anchored: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cli import main
    from engine.store.checkpoints import create_key

    other = tmp_path / "annen.pem"
    public = tmp_path / "annen-offentlig.pem"
    create_key(other)
    runner = CliRunner()
    export = tmp_path / "sak.jsonl"
    made = runner.invoke(main, ["--db", anchored, "--key", str(other), "export", "19/8286",
                                "-o", str(export)])
    assert made.exit_code == 0, made.output
    target = f"sqlite:///{tmp_path / 'maal.db'}"
    refused = run_cli("import", str(export), db=target)
    assert refused.returncode == 2 and "ikke med den du stoler på" in refused.stderr
    shown = runner.invoke(main, ["--db", anchored, "--key", str(other), "checkpoint",
                                 "--public-key", str(public)])
    assert shown.exit_code == 0 and public.read_bytes().startswith(b"-----BEGIN PUBLIC KEY")
    accepted = run_cli("import", "--trust-key", str(public), str(export), db=target)
    assert accepted.returncode == 0, accepted.stderr
    assert os.path.exists(tmp_path / "maal.db")


# --- PostgreSQL: the application's role may only read and append --------------------------------

def test_db_grant_leaves_the_application_role_only_select_and_insert(pg_url: str) -> None:
    import uuid

    role = f"saksflyt_app_{uuid.uuid4().hex[:8]}"
    owner = sa.create_engine(pg_url, poolclass=sa.pool.NullPool, isolation_level="AUTOCOMMIT")
    with owner.connect() as conn:
        conn.exec_driver_sql(f'CREATE ROLE "{role}" LOGIN')
    app_url = sa.make_url(pg_url).set(username=role, password=None).render_as_string(
        hide_password=False)
    try:
        assert run_cli("db", "upgrade", db=pg_url).returncode == 0
        granted = run_cli("db", "grant", role, db=pg_url)
        assert granted.returncode == 0, granted.stderr
        assert f"Rollen {role} kan nå bare lese og legge til" in granted.stdout
        # The application, as its own role: replay, checkpoint and verify work.
        done = run_cli("replay", str(EXAMPLES / "19-8286.yaml"), db=app_url)
        assert done.returncode == 0, done.stderr
        assert run_cli("checkpoint", db=app_url).returncode == 0
        assert run_cli("verify", db=app_url).returncode == 0
        # Nothing else: not even with the triggers in the way removed first.
        app = sa.create_engine(app_url, poolclass=sa.pool.NullPool)
        try:
            for statement in ("UPDATE events SET actor = 'mallory'", "DELETE FROM events",
                              "TRUNCATE events", "DELETE FROM checkpoints",
                              "DROP TRIGGER events_append_only ON events", "DROP TABLE events"):
                with pytest.raises(sa.exc.ProgrammingError,
                                   match=r"permission denied|must be owner"), \
                        app.begin() as conn:
                    conn.exec_driver_sql(statement)
        finally:
            app.dispose()
        assert run_cli("verify", db=app_url).returncode == 0
    finally:
        with owner.connect() as conn:
            conn.exec_driver_sql(f'DROP OWNED BY "{role}"')
            conn.exec_driver_sql(f'DROP ROLE "{role}"')
        owner.dispose()


def test_db_grant_refuses_sqlite_and_odd_role_names(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    assert run_cli("db", "init", db=url).returncode == 0
    done = run_cli("db", "grant", "app", db=url)
    assert done.returncode == 2 and "PostgreSQL" in done.stderr
    from engine.store.schema import grant_statements

    with pytest.raises(Exception, match="Ugyldig rollenavn"):
        grant_statements('app"; DROP TABLE events; --')
