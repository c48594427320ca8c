"""Fill the new subtree totals of every union from the tables (a database made before they existed)."""

from django.db import migrations
from django.db.models import Count

STEP = 4


def backfill(apps, schema_editor):
    TradeUnion = apps.get_model("orgs", "TradeUnion")
    Membership = apps.get_model("members", "Membership")
    totals = {path: [0, 0] for path in TradeUnion.objects.values_list("path", flat=True)}

    def add(path, i, n):
        for end in range(STEP, len(path) + 1, STEP):
            if path[:end] in totals:
                totals[path[:end]][i] += n

    for path in TradeUnion.objects.filter(status="active").values_list("path", flat=True):
        add(path, 0, 1)
    live = Membership.objects.filter(status__in=["active", "retained"]).order_by().values("org_path")
    for path, n in live.annotate(n=Count("id")).values_list("org_path", "n"):
        add(path, 1, n)
    for path, (unions, members) in totals.items():
        if unions or members:
            TradeUnion.objects.filter(path=path).update(subtree_unions=unions, subtree_members=members)


class Migration(migrations.Migration):
    dependencies = [("members", "0003_partner"), ("orgs", "0004_subtree_totals")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
