#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an empty data directory and replay the archived WAL
# up to a moment (point-in-time recovery); the uploads come back from the same backup. Then start
# PostgreSQL on the directory: it replays, stops at the moment, and promotes itself to a primary.
# Usage: scripts/restore.sh BACKUP PGDATA WAL_ARCHIVE 'YYYY-MM-DD HH:MM:SS+00' [MEDIA_ROOT]
# Run as the PostgreSQL server's user (the data directory must be its own).
set -euo pipefail
backup=${1:?backup directory} pgdata=${2:?empty data directory} archive=${3:?WAL archive} target=${4:?moment}
media=${5:-}
(cd "$backup" && sha256sum --quiet -c SHA256SUMS)
[ -z "$(ls -A "$pgdata" 2>/dev/null)" ] || { echo "$pgdata is not empty" >&2; exit 1; }
mkdir -p "$pgdata" && chmod 700 "$pgdata"
tar -xzf "$backup/base/base.tar.gz" -C "$pgdata"
cat >> "$pgdata/postgresql.auto.conf" <<CONF
restore_command = 'cp $archive/%f %p'
recovery_target_time = '$target'
recovery_target_action = 'promote'
CONF
touch "$pgdata/recovery.signal"
if [ -n "$media" ] && [ -f "$backup/media.tar.gz" ]; then
  mkdir -p "$media" && tar -xzf "$backup/media.tar.gz" -C "$media"
fi
echo "restored into $pgdata up to $target; start PostgreSQL on it"
