from django.db import migrations, models


class Migration(migrations.Migration):
    """The subtree reads of the 统计年报 (org_path LIKE 'path%' for a year) get a prefix index."""

    dependencies = [
        ('reports', '0008_federation'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='statreturn',
            index=models.Index(fields=['org_path', 'year'], name='stat_return_subtree', opclasses=['varchar_pattern_ops', 'int2_ops']),
        ),
    ]
