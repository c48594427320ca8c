"""PostgreSQL: drop the partial pattern index on active unions' paths.

It let a subtree's active unions be counted from the index alone; the stored subtree totals
(orgs.rollup, 0004) answer that from one row now, and the full path indexes serve every listing.
The index only cost each row of every subtree move.
"""

from django.db import migrations

FORWARDS = "DROP INDEX IF EXISTS orgs_union_active_path_like"
BACKWARDS = ("CREATE INDEX orgs_union_active_path_like ON orgs_tradeunion (path varchar_pattern_ops)"
             " WHERE status = 'active'")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARDS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [("orgs", "0006_fewer_union_indexes")]
    operations = [migrations.RunPython(forwards, backwards)]
