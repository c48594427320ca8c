#!/usr/bin/env bash
# A base backup of the primary and a copy of the uploads, into $BACKUP_DIR/<UTC time>/ (docs/deploy.md
# "Backups"). Between base backups the primary archives every WAL segment (archive_command), so any
# moment after the oldest kept base backup can be restored with scripts/restore.sh.
# Usage: BACKUP_DIR=/backup PGHOST=… PGPORT=… PGUSER=… [GONGHUI_MEDIA_ROOT=…] scripts/backup.sh
# Run as a user that can read the uploads and reach the primary with the REPLICATION privilege.
set -euo pipefail
: "${BACKUP_DIR:?set BACKUP_DIR}"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
dest=$BACKUP_DIR/$stamp
mkdir -p "$dest"
# -X none: the WAL comes from the archive, which a restore needs anyway to reach a later moment.
pg_basebackup -D "$dest/base" -Ft -z -X none -c fast --label "gonghui $stamp"
if [ -n "${GONGHUI_MEDIA_ROOT:-}" ]; then
  # Uploads are written once and never changed in place, so a copy taken after the base backup holds
  # every file a restored row can name. (On S3, keep bucket versioning on instead.)
  tar -czf "$dest/media.tar.gz" -C "$GONGHUI_MEDIA_ROOT" .
fi
(cd "$dest" && find . -type f ! -name SHA256SUMS -exec sha256sum {} + > SHA256SUMS)
echo "$dest"
