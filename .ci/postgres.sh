# Sourced by .ci/run: a throwaway PostgreSQL cluster on loopback for the store tests, stopped
# and removed when the script exits. Installs PostgreSQL from Debian's packages if absent.
# Exports SAKSFLYT_TEST_PG_URL (the tests fail instead of skipping when CI is set without it).

_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ ! -x "$(_pg_bin)/initdb" ] || [ ! -x "$(_pg_bin)/pg_ctl" ]; then
    echo "ci: installing PostgreSQL from Debian's packages"
    # Only the programs: no cluster of the package's own, no service started.
    mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN="$(_pg_bin)"
PG_DIR="$(mktemp -d /tmp/saksflyt-ci-pg.XXXXXX)"
PG_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

# initdb and postgres refuse to run as root: run them as the package's postgres user.
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_DIR"
    _pg() { runuser -u postgres -- "$@"; }
else
    _pg() { "$@"; }
fi

_pg_stop() {
    _pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
}
trap _pg_stop EXIT

_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C >/dev/null
# Loopback only; durability off (a test server: the crash tests kill clients, not it).
_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w start -o \
    "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c full_page_writes=off" \
    >/dev/null
export SAKSFLYT_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/postgres"
echo "ci: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
