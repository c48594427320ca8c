"""The service-position metrics equal counts made here over every position and visit, for two
counties and two periods."""

import pytest

from gonghui.positions.models import PositionVisit, ServicePosition
from gonghui.positions.tests.setup import station
from gonghui.testing.metrics import DAYS, assert_metric_counts, counted, within

pytestmark = pytest.mark.django_db


def test_position_metrics_count_stations_new_libraries_and_visits(world):
    for n, (owner, day, kind, status) in enumerate([
            (world.county, DAYS[0], "station", "open"), (world.county, DAYS[1], "library", "open"),
            (world.county, DAYS[2], "library", "closed"), (world.county2, DAYS[3], "library", "suspended"),
            (world.county2, DAYS[1], "station", "open")]):
        position = station(world, name=f"阵地{n}", kind=kind)
        ServicePosition.objects.filter(pk=position.pk).update(owner=owner, org_path=owner.path, opened_on=day,
                                                              status=status)
        for m, visit_day in enumerate(DAYS[: n + 1]):
            PositionVisit.objects.create(position=position, org_path=owner.path, day=visit_day, visitor_key=f"v{m}")
    positions = list(ServicePosition.objects.all())
    unions = (world.county, world.county2)

    def path(row):
        return row.org_path

    assert_metric_counts("positions.stations", counted(
        positions, path, lambda s, p: s.opened_on <= p.end and s.status != "closed"), unions)
    assert_metric_counts("positions.new_libraries", counted(
        positions, path, lambda s, p: s.kind_id == "library" and within(s.opened_on, p)), unions)
    assert_metric_counts("positions.visits", counted(
        PositionVisit.objects.all(), path, lambda v, p: within(v.day, p)), unions)
