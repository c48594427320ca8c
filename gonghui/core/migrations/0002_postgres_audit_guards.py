"""On PostgreSQL the database itself refuses UPDATE and DELETE on the audit log. (The org-path
prefix filter of the audit page needs no index of its own here: Django already gives every indexed
varchar column a varchar_pattern_ops twin on PostgreSQL.)

TRUNCATE is left to privileges rather than a trigger: the application's database role should hold
only INSERT and SELECT on core_auditentry (see README), while test databases must be able to flush."""

from django.db import migrations

TRIGGER = """
CREATE OR REPLACE FUNCTION core_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_audit_no_change BEFORE UPDATE OR DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION core_audit_append_only();
"""
REVERSE = """
DROP TRIGGER IF EXISTS core_audit_no_change ON core_auditentry;
DROP FUNCTION IF EXISTS core_audit_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
