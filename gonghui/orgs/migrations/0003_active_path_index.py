"""PostgreSQL: a partial pattern index on the paths of active unions, and no duplicate indexes.

Counting or listing a subtree's active unions (every console count filters status='active') is then
an index-only scan of that index, with no visit to the table: the province root's 100,000 unions
are counted from the index alone (bench/scope.py). 0002's two indexes duplicated the
varchar_pattern_ops `*_like` indexes that Django already creates for the indexed `path` and
`org_path`; each duplicate only slowed every insert and every subtree move.
"""

from django.db import migrations

FORWARDS = [
    "CREATE INDEX orgs_union_active_path_like ON orgs_tradeunion (path varchar_pattern_ops)"
    " WHERE status = 'active'",
    "DROP INDEX IF EXISTS orgs_union_path_like",
    "DROP INDEX IF EXISTS orgs_employer_org_path_like",
]
BACKWARDS = [
    "CREATE INDEX orgs_union_path_like ON orgs_tradeunion (path varchar_pattern_ops)",
    "CREATE INDEX orgs_employer_org_path_like ON orgs_employer (org_path varchar_pattern_ops)",
    "DROP INDEX IF EXISTS orgs_union_active_path_like",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARDS:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARDS:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("orgs", "0002_postgres_path_indexes")]
    operations = [migrations.RunPython(forwards, backwards)]
