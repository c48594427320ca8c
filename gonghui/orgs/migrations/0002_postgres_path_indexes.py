"""PostgreSQL serves `path LIKE 'prefix%'` from a varchar_pattern_ops index whatever the database
collation; SQLite uses a range scan on the ordinary index instead (see orgs/scope.py)."""

from django.db import migrations

INDEXES = {
    "orgs_union_path_like": ("orgs_tradeunion", "path"),
    "orgs_employer_org_path_like": ("orgs_employer", "org_path"),
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, (table, column) in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX {name} ON {table} ({column} varchar_pattern_ops)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
