#!/usr/bin/env bash
# A private PostgreSQL for the tests: its own throwaway cluster, on 127.0.0.1 and a free port, one per checkout.
#   scripts/postgres.sh start   initdb a new cluster and start it (or find the one running); prints its connection string
#   scripts/postgres.sh url     prints the running cluster's connection string
#   scripts/postgres.sh stop    stops it and deletes it
# The connection string (Npgsql's keyword=value form) names the superuser `payouts` and the `postgres` database; a test
# creates its own database from it. It uses Debian's PostgreSQL 15 (`postgresql`, which scripts/install-test-deps.sh
# installs), never a server found on PATH. PostgreSQL refuses to run as root, so as root the cluster is run as the
# `postgres` user that Debian's package creates. Its state is in $PAYOUTS_POSTGRES_DIR (default: a folder in /tmp named
# after the checkout, so checkouts side by side each have their own). $PAYOUTS_POSTGRES_SETTINGS (e.g. "-c fsync=on") is
# appended to the server's options, so it overrides the test settings below (bench/cashouts.sh runs a durable cluster).
set -euo pipefail
PATH="$PATH:/usr/sbin:/sbin"   # runuser, for root, where a non-login PATH leaves sbin out
repo="$(cd "$(dirname "$0")/.." && pwd)"
state="${PAYOUTS_POSTGRES_DIR:-${TMPDIR:-/tmp}/payouts-postgres-$(printf '%s' "$repo" | md5sum | cut -c1-12)}"
data="$state/data"

die() { echo "postgres.sh: $*" >&2; exit 1; }

bin_dir() {
  local dir
  for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return; }
  done
  die "Debian's PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run scripts/install-test-deps.sh"
}

# Runs a PostgreSQL program as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' user that Debian's postgresql package creates"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

url() {
  [ -f "$state/port" ] || die "no cluster in $state: run scripts/postgres.sh start"
  echo "Host=127.0.0.1;Port=$(cat "$state/port");Username=payouts;Database=postgres"
}

running() { [ -d "$data" ] && as_owner "$(bin_dir)/pg_ctl" -D "$data" status >/dev/null 2>&1; }

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  if running; then
    url
    return
  fi
  local bin port
  bin="$(bin_dir)"
  rm -rf "$state"
  mkdir -p "$state"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$state"
  # Trust on loopback only: a throwaway cluster that no other machine can reach, with no password to keep.
  as_owner "$bin/initdb" -D "$data" -U payouts --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$state/initdb.log" 2>&1 \
    || die "initdb failed: $(tail -5 "$state/initdb.log")"
  port="$(free_port)"
  echo "$port" >"$state/port"
  # fsync off: the tests measure no durability, and a crash of the machine loses only this throwaway cluster.
  # The socket goes in the state folder: Debian's default (/var/run/postgresql) exists only where its service ran.
  as_owner "$bin/pg_ctl" -D "$data" -l "$state/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $state -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${PAYOUTS_POSTGRES_SETTINGS:-}" \
    start >/dev/null || die "the server did not start: $(tail -5 "$state/server.log")"
  url
}

stop() {
  if running; then
    as_owner "$(bin_dir)/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  fi
  rm -rf "$state"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  *) die "usage: scripts/postgres.sh start|stop|url" ;;
esac
