#!/usr/bin/env bash
# The production shape on loopback, from Debian's packages and without containers (README
# "Production"): a PostgreSQL primary and a streaming replica made with pg_basebackup, pgbouncer in
# transaction mode, redis-server, gunicorn with the production settings behind nginx with TLS, an RQ
# task worker and the periodic timer. scripts/prod_smoke_drive.py then logs in, imports a roster whose
# work runs on the worker, submits a portal case, reads a dashboard from the replica; then everything
# is stopped and each process must have exited cleanly. Between, two drills: the replica stops (reads go
# to the primary) and Redis stops (the site serves; an upload's work waits and runs once it is back).
# Before them, the task worker is killed in the middle of a roster commit (nothing is kept; the
# stalled-import sweep queues the commit again and the restarted worker admits each row once).
# The shape itself is started by scripts/prod_shape.sh (shared with the load benchmark, bench/load.py).
# Usage: scripts/prod_smoke.sh   (needs postgresql, pgbouncer, redis-server, nginx, openssl)
set -euo pipefail
# shellcheck source=scripts/prod_shape.sh
. "$(dirname "$0")/prod_shape.sh"
shape_start

drive() {
  "$py" scripts/prod_smoke_drive.py --base "https://127.0.0.1:$p_https" --root "$root" --phase "$1" \
    --primary "postgres://postgres@127.0.0.1:$p_primary/gonghui" --replica "postgres://postgres@127.0.0.1:$p_replica/gonghui"
}
log "driving it"
drive main
log "fault: the task worker is killed in the middle of a roster commit"
drive worker-killed
log "fault: the replica stops"
as_svc "$pgbin/pg_ctl -D $root/replica -m fast -w stop" >/dev/null
drive replica-down
as_svc "$pgbin/pg_ctl -D $root/replica -l $root/replica.log -w -o \"-p $p_replica $pg_opts\" start" >/dev/null
log "fault: Redis stops"
redis-cli -p "$p_redis" shutdown nosave >/dev/null
drive redis-down
start_redis
drive redis-back

log "backup: a base backup and the uploads (scripts/backup.sh)"
mkdir -p "$root/backups" && [ "$(id -u)" = 0 ] && chown "$service_user" "$root/backups"
backup=$(as_svc "BACKUP_DIR=$root/backups PGHOST=127.0.0.1 PGPORT=$p_primary PGUSER=postgres \
  GONGHUI_MEDIA_ROOT=$root/media $here/scripts/backup.sh" | tail -n 1)
drive restore-point

trap - EXIT
stop_all
log "stopped cleanly"

log "disaster: the primary's data directory and the uploads are destroyed; restore to the moment"
rm -rf "$root/primary" "$root/media"
mkdir -p "$root/primary" "$root/media"
[ "$(id -u)" = 0 ] && chown "$service_user" "$root/primary" "$root/media"
moment=$("$py" -c 'import json, sys; print(json.load(open(sys.argv[1]))["moment"])' "$root/restore-point.json")
as_svc "$here/scripts/restore.sh $backup $root/primary $root/wal '$moment' $root/media"
as_svc "$pgbin/pg_ctl -D $root/primary -l $root/restored.log -w -o \"-p $p_primary $pg_opts\" start" >/dev/null
trap 'as_svc "$pgbin/pg_ctl -D $root/primary -m fast -w stop" >/dev/null 2>&1 || true' EXIT
for _ in $(seq 60); do
  [ "$(as_svc "psql -h 127.0.0.1 -p $p_primary -U postgres -Atc 'select pg_is_in_recovery()' gonghui" 2>/dev/null)" = f ] && break
  sleep 1
done
log "checks on the restored primary: the audit chain and its checkpoints, the stored rollups, the rows, the uploads"
direct="postgres://postgres@127.0.0.1:$p_primary/gonghui"
DATABASE_URL=$direct DATABASE_REPLICA_URL="" GONGHUI_REDIS_URL="" GONGHUI_TASKS=immediate "$py" manage.py audit_verify
# The metric layer's stored figures are a snapshot the timer refreshes; a restore brings back the last
# one taken before the moment. Refreshed first, as after any restore; the subtree totals, kept by the
# write paths, are checked as restored.
DATABASE_URL=$direct DATABASE_REPLICA_URL="" GONGHUI_REDIS_URL="" GONGHUI_TASKS=immediate "$py" manage.py metric_refresh
DATABASE_URL=$direct DATABASE_REPLICA_URL="" GONGHUI_REDIS_URL="" GONGHUI_TASKS=immediate "$py" manage.py rollup_check
drive restored
log "restore drill passed"
