#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on loopback and print the DATABASE_URL to use.
# Usage: eval "$(scripts/pg_throwaway.sh start [PORT])"   ...   scripts/pg_throwaway.sh stop [PORT]
set -euo pipefail
action=${1:-start}
port=${2:-54329}
dir=/tmp/gonghui-pg-$port
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
case $action in
  start)
    if [ ! -s "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres "$dir"
      as_pg "$bin/initdb -D $dir -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
    fi
    # Durability is off: the cluster is thrown away, and tests should measure our code, not fsync.
    as_pg "$bin/pg_ctl -D $dir -l $dir/log -w -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null
    as_pg "$bin/createdb -h 127.0.0.1 -p $port -U postgres gonghui" 2>/dev/null || true
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/gonghui"
    ;;
  stop)
    as_pg "$bin/pg_ctl -D $dir -m fast -w stop" >/dev/null || true
    ;;
  *) echo "usage: $0 start|stop [PORT]" >&2; exit 2 ;;
esac
