"""The hardship registry's metrics equal counts made here over every file, for two counties and two periods."""

import datetime

import pytest

from gonghui.assistance.choices import Status
from gonghui.assistance.models import HardshipFile
from gonghui.orgs.choices import Level, UnionKind
from gonghui.testing.metrics import DAYS, TODAY, assert_metric_counts, counted, noon, within
from gonghui.testing.world import make_union

pytestmark = pytest.mark.django_db


def test_hardship_metrics_count_files_standing_filed_and_exited(world, survey):
    plant = make_union(world.county2, "涪城机械厂工会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    # (union, filed on, exited on, status now)
    shapes = [(world.grassroots, DAYS[0], None, Status.AIDED), (world.grassroots, DAYS[1], DAYS[2], Status.WATCHED),
              (world.grassroots, DAYS[2], DAYS[3], Status.CLOSED), (world.grassroots, None, None, Status.SURVEYED),
              (plant, DAYS[1], None, Status.FILED), (plant, DAYS[3], None, Status.AIDED),
              (plant, DAYS[0], DAYS[1], Status.WATCHED)]
    for union, filed, exited, status in shapes:
        file = survey()
        HardshipFile.objects.filter(pk=file.pk).update(
            union=union, org_path=union.path, status=status, filed_at=noon(filed) if filed else None,
            exited_at=noon(exited) if exited else None)
    files = list(HardshipFile.objects.all())
    unions = (world.county, world.county2)

    def path(f):
        return f.org_path

    def standing(f, p):
        day = min(p.end, TODAY)
        after = noon(day + datetime.timedelta(days=1)).replace(hour=0)
        return (f.filed_at is not None and f.filed_at < after and f.status not in (Status.REJECTED, Status.WITHDRAWN)
                and (f.exited_at is None or f.exited_at >= after))

    assert_metric_counts("hardship.in_file", counted(files, path, standing), unions)
    assert_metric_counts("hardship.filed", counted(files, path, lambda f, p: within(f.filed_at, p)), unions)
    assert_metric_counts("hardship.exited", counted(files, path, lambda f, p: within(f.exited_at, p)), unions)
