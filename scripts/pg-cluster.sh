#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests: initdb/pg_ctl as an ordinary user (initdb refuses
# root), listening only on a Unix socket in a temporary directory, stopped by its pid.
#     eval "$(bash scripts/pg-cluster.sh start DIR)"   # exports INSPECTOR_TEST_PG_URL, _PID
#     bash scripts/pg-cluster.sh stop DIR
# Tuned for tests (fsync off): never a post's server; scripts/setup-post-server.sh makes that.
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?directory}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$PG_BIN/initdb" ] || { echo "pg-cluster: no PostgreSQL server installed" >&2; exit 1; }
PG_USER=${PG_USER:-$(id -un)}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
  if [ "$(id -u)" = 0 ]; then
    PG_USER=inspector-pg
    id "$PG_USER" >/dev/null 2>&1 || useradd -r -M -d /nonexistent -s /usr/sbin/nologin "$PG_USER"
  fi
  mkdir -p "$dir"
  chown "$PG_USER" "$dir" 2>/dev/null || true
  chmod 755 "$dir"
  as_pg "$PG_BIN/initdb" -D "$dir/data" -U "$PG_USER" --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  # In the cluster's own configuration, so a restart (the tests stop and start it) keeps it.
  printf '%s\n' "listen_addresses = ''" "unix_socket_directories = '$dir'" "fsync = off" \
    "synchronous_commit = off" "full_page_writes = off" "max_connections = 200" \
    "shared_buffers = 32MB" >>"$dir/data/postgresql.conf"
  as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  pid=$(head -1 "$dir/data/postmaster.pid")
  echo "export INSPECTOR_TEST_PG_URL='postgresql+psycopg://$PG_USER@/postgres?host=$dir'"
  echo "export INSPECTOR_TEST_PG_PID=$pid INSPECTOR_TEST_PG_DIR='$dir' INSPECTOR_TEST_PG_BIN='$PG_BIN'"
  echo "export INSPECTOR_TEST_PG_USER='$PG_USER'"
  ;;
stop)
  [ -f "$dir/data/postmaster.pid" ] || exit 0
  pid=$(head -1 "$dir/data/postmaster.pid")
  kill -INT "$pid" 2>/dev/null || true  # "fast" shutdown of this cluster's postmaster only
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  ;;
*)
  echo "usage: pg-cluster.sh start|stop DIR" >&2
  exit 2
  ;;
esac
