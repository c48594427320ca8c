"""PostgreSQL: the union path in the "C" collation, so its unique index serves LIKE 'prefix%' and tree
order both, and the varchar_pattern_ops twin Django adds for a unique CharField goes (docs/decisions.md,
"No twin indexes"). Paths are ASCII base-36 steps, so byte order is tree order in every collation."""

from django.db import migrations

TWIN = ("SELECT indexname FROM pg_indexes WHERE tablename = 'orgs_tradeunion' "
        "AND indexdef LIKE '%%(path varchar_pattern_ops)%%'")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute('ALTER TABLE orgs_tradeunion ALTER COLUMN path TYPE varchar(255) COLLATE "C"')
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(TWIN)
        twins = [row[0] for row in cursor.fetchall()]
    for name in twins:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute('ALTER TABLE orgs_tradeunion ALTER COLUMN path TYPE varchar(255) COLLATE "default"')
    schema_editor.execute("CREATE INDEX IF NOT EXISTS orgs_tradeunion_path_8ca0723a_like "
                          "ON orgs_tradeunion (path varchar_pattern_ops)")


class Migration(migrations.Migration):
    dependencies = [("orgs", "0009_drop_employer_region_index")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
