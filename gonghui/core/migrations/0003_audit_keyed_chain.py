"""The keyed audit chain: every entry gets its place in the chain (`seq`, 1, 2, 3… in id order for the
entries already there) and the id of the key that keyed its hash (`kid`, empty for those entries,
which keep their unkeyed SHA-256 hash: nothing already written is rewritten).

On PostgreSQL the append-only trigger is switched off for the one numbering UPDATE (migrations run
as the owner). On SQLite a trigger now refuses UPDATE as well; DELETE is left to the chain and the
checkpoints there, because Django empties SQLite tables with DELETE (`flush`, test isolation).
Note for later migrations: rebuilding core_auditentry on SQLite (most AlterField) drops that trigger,
so such a migration must create it again."""

from django.db import migrations, models

NUMBER = """
UPDATE core_auditentry SET seq = numbered.n
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM core_auditentry) AS numbered
WHERE core_auditentry.id = numbered.id
"""
HEAD = "UPDATE core_auditchainhead SET last_seq = (SELECT COUNT(*) FROM core_auditentry)"
SQLITE_GUARD = """
CREATE TRIGGER core_audit_no_update BEFORE UPDATE ON core_auditentry
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
"""


def number_entries(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER core_audit_no_change")
    schema_editor.execute(NUMBER)
    schema_editor.execute(HEAD)
    if postgres:
        schema_editor.execute("ALTER TABLE core_auditentry ENABLE TRIGGER core_audit_no_change")


def guard_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_GUARD)


def unguard_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS core_audit_no_update")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_postgres_audit_guards")]
    operations = [
        migrations.AddField("auditentry", "seq", models.PositiveBigIntegerField(null=True)),
        migrations.AddField("auditentry", "kid", models.CharField(blank=True, default="", max_length=16)),
        migrations.AddField("auditchainhead", "last_seq", models.PositiveBigIntegerField(default=0)),
        migrations.RunPython(number_entries, migrations.RunPython.noop),
        migrations.AlterField("auditentry", "seq", models.PositiveBigIntegerField(unique=True)),
        migrations.RunPython(guard_sqlite, unguard_sqlite),
    ]
