#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for tests and the bench: no test needs a server someone
# started by hand. Used by the xunit fixture, the Pester helper and the bench (one rule, one place).
#   bash build/pg-cluster.sh start   → initdb + pg_ctl start in a new temp folder on a free port; prints
#                                      PGDATA=, PGHOST=, PGPORT=, PGUSER=, PGPASSWORD= lines (key=value)
#   bash build/pg-cluster.sh stop <PGDATA>   → stops that cluster and deletes its folder
#   bash build/pg-cluster.sh bin     → prints the folder of initdb/pg_ctl, or exits 3 when there is none
# As root the server runs as the `postgres` user (PostgreSQL refuses to run as root); the folder is
# made that user's. Password authentication (scram) on TCP, so tests can also check a wrong password.
set -euo pipefail

find_bin() {
    if [[ -n "${MOAI_PG_BIN:-}" && -x "$MOAI_PG_BIN/initdb" ]]; then echo "$MOAI_PG_BIN"; return 0; fi
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; return 0; fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return 0; fi
    return 3
}

as_server_user() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd="${1:-}"
case "$cmd" in
  bin)
    find_bin || { echo "no PostgreSQL server binaries (initdb, pg_ctl) found; install them with: apt-get install -y postgresql" >&2; exit 3; }
    ;;
  start)
    bin="$(find_bin)" || { echo "no PostgreSQL server binaries (initdb, pg_ctl) found; install them with: apt-get install -y postgresql" >&2; exit 3; }
    dir="$(mktemp -d "${TMPDIR:-/tmp}/moai-pg-XXXXXX")"
    chmod 700 "$dir"
    password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    printf '%s\n' "$password" > "$dir/pwfile"
    if [[ $(id -u) -eq 0 ]]; then chown -R postgres: "$dir"; fi
    as_server_user "$bin/initdb" -D "$dir/data" -U moai --pwfile="$dir/pwfile" -A scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
      || as_server_user "$bin/initdb" -D "$dir/data" -U moai --pwfile="$dir/pwfile" -A scram-sha-256 \
        -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
    rm -f "$dir/pwfile"
    started=""
    for attempt in 1 2 3 4 5 6 7 8; do
        port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
        # Free now? (a race with another process remains; pg_ctl then fails and we try another port)
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
        if as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
            -o "-p $port -k $dir -h 127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null 2>&1; then
            started=1; break
        fi
    done
    if [[ -z "$started" ]]; then cat "$dir/server.log" >&2 || true; rm -rf "$dir"; echo "could not start PostgreSQL" >&2; exit 1; fi
    echo "PGDATA=$dir"
    echo "PGHOST=127.0.0.1"
    echo "PGPORT=$port"
    echo "PGUSER=moai"
    echo "PGPASSWORD=$password"
    ;;
  stop)
    dir="${2:?usage: pg-cluster.sh stop <PGDATA>}"
    case "$dir" in */moai-pg-*) ;; *) echo "refusing to stop/delete '$dir': not a folder this script made" >&2; exit 2 ;; esac
    bin="$(find_bin)" || true
    if [[ -n "${bin:-}" && -d "$dir/data" ]]; then as_server_user "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg-cluster.sh start | stop <PGDATA> | bin" >&2; exit 2 ;;
esac
