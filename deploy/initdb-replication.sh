#!/bin/bash
# Run once by the postgres image when the primary's cluster is created: let the replica stream WAL.
set -euo pipefail
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
