#!/bin/sh
# A throw-away PostgreSQL cluster for the `postgres` test runs (CTest fixture "postgres",
# tests/sync/pg/postgres.cmake; docs/postgresql.md "Tests"):
#   cluster.sh start DIR PORT   initdb in DIR/pg, start it on a Unix socket in DIR/sock only
#                               (no TCP), wait until it answers; exit 1 with its log if not
#   cluster.sh stop DIR PORT    stop it (immediate) and remove DIR; always exits 0
#   cluster.sh restart DIR PORT SECONDS
#                               the server killed (immediate stop: no shutdown checkpoint, as a
#                               crash), left down SECONDS, started again on the same data
# PG_OPTIONS (environment): more server options, after these (tests/bench/province_load_bench.cpp
# turns fsync back on).
# The server refuses to run as root (CI runs as root): as root every server command runs as the
# `postgres` user of Debian's postgresql package; otherwise as the current user. Clients connect
# as the cluster's superuser `postgres` with trust authentication, on the socket only.
set -eu
action=$1 dir=$2 port=$3

bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "cluster.sh: PostgreSQL's server programs are not installed (Debian package postgresql; make test installs it)" >&2
  exit 1
fi

as_server() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  if [ -f "$dir/pg/postmaster.pid" ]; then
    as_server "$bin/pg_ctl" -D "$dir/pg" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

start_server() {
  # fsync off: a test cluster survives process kills (what the tests do), not power cuts.
  if ! as_server "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg/server.log" -w -t 60 \
      -o "-k $dir/sock -p $port -c listen_addresses= -c fsync=off -c max_connections=300 ${PG_OPTIONS:-}" start >/dev/null; then
    cat "$dir/pg/server.log" >&2 || true
    echo "cluster.sh: the PostgreSQL server did not start" >&2
    exit 1
  fi
  "$bin/pg_isready" -h "$dir/sock" -p "$port" -U postgres -t 30
}

case $action in
  restart)
    as_server "$bin/pg_ctl" -D "$dir/pg" -m immediate -w -t 30 stop >/dev/null
    sleep "${4:-2}"
    start_server
    ;;
  start)
    stop   # a cluster left by a run that was killed
    mkdir -p "$dir/pg" "$dir/sock"
    chmod 755 "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir/pg" "$dir/sock"; fi
    as_server "$bin/initdb" -D "$dir/pg" -A trust -U postgres -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 || {
      cat "$dir/initdb.log" >&2
      echo "cluster.sh: initdb failed" >&2
      exit 1
    }
    start_server
    echo "cluster.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on socket $dir/sock port $port"
    ;;
  stop)
    stop
    echo "cluster.sh: stopped and removed $dir"
    ;;
  *)
    echo "usage: cluster.sh start|stop DIR PORT | restart DIR PORT SECONDS" >&2
    exit 2
    ;;
esac
