#!/usr/bin/env bash
# The production shape on loopback, from Debian's packages and without containers (README "Production"):
# a PostgreSQL primary and a streaming replica made with pg_basebackup, pgbouncer in transaction mode,
# redis-server, gunicorn with the production settings behind nginx with TLS, an RQ task worker and the
# periodic timer, with a small demo province (SMOKE_DEMO_UNIONS grassroots unions, 60 by default).
# SMOKE_DIR and SMOKE_PORT_BASE make a run independent of another; SMOKE_REUSE=1 starts again on the
# clusters a previous run left; SHAPE_WEB_WORKERS sets gunicorn's workers (2), SHAPE_TIMER_S the
# timer's period (20 s; 300 s, production's, when served).
#
# Sourced by scripts/prod_smoke.sh (shape_start, stop_all and the helpers below). Run as
#   scripts/prod_shape.sh serve
# it starts the shape, writes where everything is to $SMOKE_DIR/shape.env, and stays up until TERM or
# INT (bench/load.py runs it so), then stops everything.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
here=$PWD
# Served for the load benchmark, the shape has its own place and ports unless told: never the smoke test's.
if [ "${BASH_SOURCE[0]}" = "$0" ] && [ "${1:-}" = serve ]; then
  SMOKE_DIR=${SMOKE_DIR:-/tmp/gonghui-load} SMOKE_PORT_BASE=${SMOKE_PORT_BASE:-56400}
fi
root=${SMOKE_DIR:-/tmp/gonghui-prod-smoke}
base=${SMOKE_PORT_BASE:-55400}
p_primary=$((base + 1)) p_replica=$((base + 2)) p_bouncer=$((base + 3)) p_redis=$((base + 4))
p_app=$((base + 5)) p_https=$((base + 6))
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
for need in "$pgbin/initdb" pgbouncer redis-server nginx openssl; do
  command -v "$need" >/dev/null || { echo "missing: $need (apt-get install postgresql pgbouncer redis-server nginx)" >&2; exit 1; }
done
service_user=postgres  # pgbouncer and PostgreSQL refuse to run as root
as_svc() { if [ "$(id -u)" = 0 ]; then su "$service_user" -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
log() { printf '[%s %s] %s\n' "${log_tag:-smoke}" "$(date +%T)" "$*"; }

pids=()
stop_all() {
  local status=0
  log "stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    # 0 or 143 (TERM) is a clean stop; anything else is reported.
    wait "$pid" 2>/dev/null || { rc=$?; [ "$rc" = 143 ] || { echo "process $pid exited $rc" >&2; status=1; }; }
    log "process $pid stopped"
  done
  [ -f "$root/nginx/nginx.pid" ] && nginx -p "$root/nginx" -c "$root/nginx/nginx.conf" -s quit 2>/dev/null || true
  [ -f "$root/pgbouncer.pid" ] && kill -TERM "$(cat "$root/pgbouncer.pid")" 2>/dev/null || true
  redis-cli -p "$p_redis" shutdown nosave >/dev/null 2>&1 || true
  as_svc "$pgbin/pg_ctl -D $root/replica -m fast -w stop" >/dev/null 2>&1 || true
  as_svc "$pgbin/pg_ctl -D $root/primary -m fast -w stop" >/dev/null 2>&1 || true
  return $status
}

# Everything up, in order; stop_all (on EXIT) takes it down again. The body is not indented: its
# here-documents end at the line's start.
shape_start() {
trap 'stop_all || true' EXIT

# SMOKE_REUSE=1 starts again on the clusters a previous run left (migrated, demo loaded): for working
# on the smoke test itself, never in CI.
reuse=${SMOKE_REUSE:-0}
[ "$reuse" = 1 ] && [ -s "$root/replica/PG_VERSION" ] || { reuse=0; rm -rf "$root"; }
mkdir -p "$root/media" "$root/nginx/logs"
[ "$(id -u)" = 0 ] && chown "$service_user" "$root"

pg_opts="-c listen_addresses=127.0.0.1 -k $root -c wal_level=replica -c max_wal_senders=4 -c hot_standby=on"
if [ "$reuse" = 1 ]; then
  log "reusing the clusters in $root"
  as_svc "$pgbin/pg_ctl -D $root/primary -l $root/primary.log -w -o \"-p $p_primary $pg_opts\" start" >/dev/null
  as_svc "$pgbin/pg_ctl -D $root/replica -l $root/replica.log -w -o \"-p $p_replica $pg_opts\" start" >/dev/null
else
log "PostgreSQL primary on $p_primary"
as_svc "$pgbin/initdb -D $root/primary -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
# Every WAL segment to the archive: with the base backups, any moment can be restored (docs/deploy.md).
mkdir -p "$root/wal" && [ "$(id -u)" = 0 ] && chown "$service_user" "$root/wal"
printf "archive_mode = on\narchive_command = 'test ! -f %s/%%f && cp %%p %s/%%f'\n" "$root/wal" "$root/wal" \
  >> "$root/primary/postgresql.conf"
as_svc "$pgbin/pg_ctl -D $root/primary -l $root/primary.log -w -o \"-p $p_primary $pg_opts\" start" >/dev/null
as_svc "$pgbin/createdb -h 127.0.0.1 -p $p_primary -U postgres gonghui"

log "replica on $p_replica (pg_basebackup, streaming)"
as_svc "$pgbin/pg_basebackup -h 127.0.0.1 -p $p_primary -U postgres -D $root/replica -R -X stream -c fast -C -S smoke_replica"
as_svc "$pgbin/pg_ctl -D $root/replica -l $root/replica.log -w -o \"-p $p_replica $pg_opts\" start" >/dev/null
fi

log "pgbouncer (transaction mode) on $p_bouncer"
cat > "$root/pgbouncer.ini" <<EOF
[databases]
gonghui = host=127.0.0.1 port=$p_primary dbname=gonghui
gonghui_replica = host=127.0.0.1 port=$p_replica dbname=gonghui
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $p_bouncer
unix_socket_dir =
auth_type = trust
auth_file = $root/userlist.txt
pool_mode = transaction
max_client_conn = 200
default_pool_size = 10
query_wait_timeout = 30
server_reset_query =
ignore_startup_parameters = extra_float_digits,options
pidfile = $root/pgbouncer.pid
logfile = $root/pgbouncer.log
EOF
echo '"postgres" ""' > "$root/userlist.txt"
[ "$(id -u)" = 0 ] && chown "$service_user" "$root"/pgbouncer.ini "$root"/userlist.txt
as_svc "pgbouncer -d $root/pgbouncer.ini"

log "redis on $p_redis"
start_redis() {
  redis-server --port "$p_redis" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$root/redis.pid" --logfile "$root/redis.log" --dir "$root"
}
start_redis

log "settings: the production profile with generated secrets"
key() { openssl rand -base64 32; }
if [ ! -s "$root/keys.env" ]; then  # kept beside the clusters: their rows are sealed with these keys
  { echo "export GONGHUI_SECRET_KEY=smoke-$(openssl rand -hex 32)"
    echo "export GONGHUI_FIELD_KEYS=k1:$(key) GONGHUI_INDEX_KEY=$(key) GONGHUI_AUDIT_KEY=a1:$(key)"
    echo "export GONGHUI_AUDIT_CHECKPOINT_KEY=$(key)"; } > "$root/keys.env"
fi
# shellcheck disable=SC1091
. "$root/keys.env"
export GONGHUI_PRODUCTION=1 GONGHUI_AUDIT_CHECKPOINT_FILE="$root/audit-checkpoints.jsonl"
export GONGHUI_ALLOWED_HOSTS=127.0.0.1,localhost GONGHUI_BEHIND_PROXY=1
export GONGHUI_CSRF_TRUSTED_ORIGINS="https://127.0.0.1:$p_https"
export DATABASE_URL="postgres://postgres@127.0.0.1:$p_bouncer/gonghui"
export DATABASE_REPLICA_URL="postgres://postgres@127.0.0.1:$p_bouncer/gonghui_replica" GONGHUI_DB_POOLED=1
export GONGHUI_REDIS_URL="redis://127.0.0.1:$p_redis/0" GONGHUI_TASKS=rq
export GONGHUI_MEDIA_ROOT="$root/media" GONGHUI_LOG_LEVEL=INFO
# The driver reads the portal's SMS code from the app's log (the phone in it is masked), and waits
# out a short stickiness to see a read go to the replica.
export GONGHUI_SMS_BACKEND=gonghui.accounts.sms_backends.ConsoleBackend GONGHUI_REPLICA_STICKY_S=2
# A roster import whose worker died is taken up again after a minute (10 in production).
export GONGHUI_ROSTER_STALL_MINUTES=1
export GONGHUI_WEB_WORKERS=${SHAPE_WEB_WORKERS:-2} GONGHUI_BIND="127.0.0.1:$p_app"
py=$here/.venv/bin/python

if [ "$reuse" = 0 ]; then
  log "migrate and load a province of ${SMOKE_DEMO_UNIONS:-60} unions (directly on the primary)"
  DATABASE_URL="postgres://postgres@127.0.0.1:$p_primary/gonghui" DATABASE_REPLICA_URL="" \
    "$py" manage.py migrate --noinput -v0
  if [ "${SMOKE_DEMO_UNIONS:-60}" -ge 10000 ]; then
    # The demo goes through every service and would take hours at this size: the benchmarks' bulk
    # province (members, cases, contracts and hardship files at ten per union) and the demo's cadres.
    DATABASE_URL="postgres://postgres@127.0.0.1:$p_primary/gonghui" DATABASE_REPLICA_URL="" \
      "$py" bench/support/province_load.py --unions "$SMOKE_DEMO_UNIONS"
  else
    DATABASE_URL="postgres://postgres@127.0.0.1:$p_primary/gonghui" DATABASE_REPLICA_URL="" \
      "$py" manage.py demo --unions "${SMOKE_DEMO_UNIONS:-60}" --cases 100 --quiet
  fi
fi
log "collect static files"
"$py" manage.py collectstatic --noinput -v0

log "gunicorn on $p_app, an RQ worker, the periodic timer"
"$here/.venv/bin/gunicorn" -c deploy/gunicorn.conf.py config.wsgi >"$root/app.log" 2>&1 &
pids+=($!)
# Restarted when it exits, as systemd's Restart=always does (a worker exits when Redis goes away).
supervise() {
  # The trap runs without errexit: TERM may come in the pause between two runs, when the last child
  # is gone and kill fails; that is a clean stop too (127: already reaped, 143: stopped by TERM).
  ( child=0
    trap 'set +e; [ $child = 0 ] || kill -TERM $child 2>/dev/null; wait $child 2>/dev/null; rc=$?
          case $rc in 0|127|143) exit 0 ;; *) echo "supervised $1 exited $rc" >&2; exit $rc ;; esac' TERM
    while true; do "$@" & child=$!; wait $child || true; sleep 2 & wait $!; done ) &
  pids+=($!)
}
supervise "$py" manage.py rqworker default --job-class django_tasks_rq.Job >>"$root/worker.log" 2>&1
# The timer every 20 seconds (5 minutes in production), so the drills need not wait long.
# SHAPE_TIMER_S sets it (the load benchmark's shape runs it at production's 300).
supervise bash -c "\"$py\" manage.py periodic; sleep $(( ${SHAPE_TIMER_S:-20} - 2 ))" >>"$root/periodic.log" 2>&1

log "nginx with TLS on $p_https"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout "$root/nginx/key.pem" \
  -out "$root/nginx/cert.pem" 2>/dev/null
sed -e "s#server 127.0.0.1:8000;.*#server 127.0.0.1:$p_app;#" \
    -e "s#listen 443 ssl http2;#listen 127.0.0.1:$p_https ssl http2;#" -e "/# BEGIN plain-http/,/# END plain-http/d" \
    -e "s#/etc/ssl/gonghui/fullchain.pem#$root/nginx/cert.pem#" -e "s#/etc/ssl/gonghui/privkey.pem#$root/nginx/key.pem#" \
    -e "s#/srv/gonghui/var/static/#$here/var/static/#" -e "s#server_name gonghui.example.org;#server_name 127.0.0.1;#" \
    deploy/nginx/gonghui.conf > "$root/nginx/site.conf"
cat > "$root/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $root/nginx/nginx.pid;
error_log $root/nginx/logs/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log $root/nginx/logs/access.log;
  client_body_temp_path $root/nginx/body;
  proxy_temp_path $root/nginx/proxy;
  include $root/nginx/site.conf;
}
EOF
nginx -p "$root/nginx" -c "$root/nginx/nginx.conf"

}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  [ "${1:-}" = serve ] || { echo "usage: scripts/prod_shape.sh serve" >&2; exit 2; }
  log_tag=shape
  # The load benchmark's clients all come from 127.0.0.1, where a province's workers come from many
  # addresses: the per-address SMS limits (120 an hour, 500 a day by default) are raised for it, the
  # per-phone ones are kept. Production keeps its defaults.
  # The timer at production's cadence (every 5 minutes), not the drills' 20 seconds.
  export SHAPE_TIMER_S=${SHAPE_TIMER_S:-300}
  export GONGHUI_SMS_IP_PER_HOUR=${GONGHUI_SMS_IP_PER_HOUR:-100000} GONGHUI_SMS_IP_PER_DAY=${GONGHUI_SMS_IP_PER_DAY:-1000000}
  shape_start
  { echo "SHAPE_BASE=https://127.0.0.1:$p_https"
    echo "SHAPE_PRIMARY=postgres://postgres@127.0.0.1:$p_primary/gonghui"
    echo "SHAPE_REPLICA=postgres://postgres@127.0.0.1:$p_replica/gonghui"
    echo "SHAPE_WEB_WORKERS=$GONGHUI_WEB_WORKERS"; } > "$root/shape.env.tmp"
  mv "$root/shape.env.tmp" "$root/shape.env"
  log "serving at https://127.0.0.1:$p_https until stopped"
  trap 'exit 0' TERM INT
  while true; do sleep 1 & wait $! || true; done
fi
