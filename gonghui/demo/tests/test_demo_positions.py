import datetime

import pytest

from gonghui.demo.positions import PLAN, build_demo_positions
from gonghui.orgs.models import TradeUnion
from gonghui.positions.geo.gcj02 import wgs_to_gcj
from gonghui.positions.geo.places import in_county
from gonghui.positions.models import PositionVisit, ServicePosition
from gonghui.positions.tests.setup import regions

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 7)


def test_the_demo_spreads_every_kind_inside_its_county_with_two_years_of_check_ins(world):
    regions()
    TradeUnion.objects.filter(pk=world.county.pk).update(region_id="510104")
    TradeUnion.objects.filter(pk=world.county2.pk).update(region_id="510703")
    made = build_demo_positions(world.province, seed=1, today=TODAY)
    assert made["positions"] == 2 * sum(n for _k, n, _p, _s in PLAN)
    assert set(ServicePosition.objects.values_list("kind_id", flat=True)) == {k for k, *_ in PLAN}
    for p in ServicePosition.objects.all():
        assert in_county(*wgs_to_gcj(float(p.lat), float(p.lng)), p.county_code), p.name
    assert PositionVisit.objects.filter(day__lt=TODAY - datetime.timedelta(days=365)).exists()
    assert ServicePosition.objects.filter(last_visit_on__isnull=False).count() > made["positions"] // 2
