"""Seed the national calendar from chinesecalendar, so a fresh database (and the test database) can
count working days from its first request. Later library releases arrive by `manage.py workdays_seed`.

No audit row: this runs before any user exists; the rows say their source themselves.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from gonghui.workdays.library import library_days, library_years

    holiday = apps.get_model("workdays", "Holiday")
    calendar_year = apps.get_model("workdays", "CalendarYear")
    taken = set(holiday.objects.filter(org_path="").values_list("day", flat=True))
    holiday.objects.bulk_create([
        holiday(day=d.day, kind=d.kind, name=d.name, source="seeded", org_path="", updated_by="chinesecalendar")
        for d in library_days() if d.day not in taken
    ], batch_size=500)
    marked = set(calendar_year.objects.filter(org_path="").values_list("year", flat=True))
    calendar_year.objects.bulk_create([
        calendar_year(year=y, source="seeded", org_path="", note="chinesecalendar", marked_by="chinesecalendar")
        for y in sorted(library_years() - marked)
    ])


def unseed(apps, schema_editor):
    apps.get_model("workdays", "Holiday").objects.filter(source="seeded").delete()
    apps.get_model("workdays", "CalendarYear").objects.filter(source="seeded").delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
