"""The routing suggestion over the API: the division's code as before, and beside it its full name."""

import pytest

from gonghui.cases.routing.address import reset_region_index
from gonghui.orgs.models import Region
from gonghui.orgs.services.regions import regions_load
from gonghui.testing.world import SYSTEM

pytestmark = pytest.mark.django_db


def test_the_suggestion_gives_the_township_code_and_its_full_name(world, api_as):
    regions_load(actor=SYSTEM, towns=False)
    Region.objects.create(adcode="510117006", name="犀浦街道", level=Region.RegionLevel.TOWN, parent_id="510117",
                          dataset="test")
    reset_region_index()
    try:
        body = api_as("province_officer").post("/cases/route", {
            "text": "老板拖欠工资三个月", "address": "成都市郫都区犀浦街道百草路8号",
            "union_id": world.province.pk}).json()
    finally:
        reset_region_index()
    assert (body["region"], body["region_label"]) == ("510117006", "成都市郫都区犀浦街道")
