#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server, for HQ's PostgreSQL tests and benchmarks:
#
#   scripts/pg-test.sh vitest run              # DATABASE_URL_TEST is exported to the command
#   scripts/pg-test.sh npx tsx bench/sync.ts
#
# - DATABASE_URL_TEST already set: nothing is started, the command runs against that server.
# - PostgreSQL binaries found (PG_BIN, else the newest /usr/lib/postgresql/*/bin, else pg_ctl on PATH): initdb a cluster
#   in a temp folder, start it on a free 127.0.0.1 port with its unix socket inside that folder (trust auth, reachable
#   only from this machine), create the database `arqueo_test`, export DATABASE_URL_TEST, run the command, stop the
#   server and delete the folder, whatever the command's outcome. As root, the server runs as the `postgres` user
#   (initdb refuses root).
# - No binaries: the command runs without DATABASE_URL_TEST and the PostgreSQL tests skip, saying so.
# Exits with the command's status (or 1 when a server was found but could not be started).
set -uo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/pg-test.sh <command> [args...]" >&2
  exit 2
fi

if [ -n "${DATABASE_URL_TEST:-}" ]; then
  exec "$@"
fi

bin="${PG_BIN:-}"
if [ -z "$bin" ]; then
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then bin="$d"; break; fi
  done
fi
if [ -z "$bin" ] && command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
  bin="$(dirname "$(command -v pg_ctl)")"
fi
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "pg-test: no PostgreSQL server binaries found (apt-get install postgresql); running without DATABASE_URL_TEST" >&2
  exec "$@"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/arqueo-pg-XXXXXX")"
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "pg-test: running as root and there is no 'postgres' user to run the server as" >&2
    rm -rf "$tmp"
    exit 1
  fi
  chown postgres: "$tmp"
  chmod 700 "$tmp"
  as_pg=(runuser -u postgres --)
fi
data="$tmp/data"
sock="$tmp/sock"
log="$tmp/server.log"
"${as_pg[@]}" mkdir -p "$sock"

started=0
cleanup() {
  if [ "$started" -eq 1 ]; then
    "${as_pg[@]}" "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || "${as_pg[@]}" "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! "${as_pg[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$tmp/initdb.log" 2>&1; then
  echo "pg-test: initdb failed:" >&2
  cat "$tmp/initdb.log" >&2
  exit 1
fi

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

for attempt in 1 2 3; do
  port="$(free_port)"
  if "${as_pg[@]}" "$bin/pg_ctl" -D "$data" -l "$log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$sock -c max_connections=200 -c fsync=${PG_TEST_FSYNC:-on}" start >/dev/null 2>&1; then
    started=1
    break
  fi
  echo "pg-test: start on port $port failed (attempt $attempt)" >&2
  tail -n 5 "$log" >&2 2>/dev/null || true
done
if [ "$started" -ne 1 ]; then
  echo "pg-test: could not start PostgreSQL" >&2
  exit 1
fi

if ! "${as_pg[@]}" "$bin/createdb" -h "$sock" -p "$port" -U postgres arqueo_test; then
  echo "pg-test: createdb failed" >&2
  exit 1
fi

export DATABASE_URL_TEST="postgresql://postgres@127.0.0.1:$port/arqueo_test"
echo "pg-test: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (DATABASE_URL_TEST exported)" >&2
"$@"
status=$?
exit "$status"
