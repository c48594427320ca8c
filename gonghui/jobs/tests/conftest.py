import datetime
from typing import Any

import pytest
from django.utils import timezone

from gonghui.jobs.services import posting_create
from gonghui.orgs.models import Region
from gonghui.testing.world import make_employer

L = Region.RegionLevel


@pytest.fixture
def regions(db) -> dict[str, Region]:
    rows = {}
    for code, name, level, parent in (("510000", "四川省", L.PROVINCE, None), ("510100", "成都市", L.CITY, "510000"),
                                      ("510104", "锦江区", L.COUNTY, "510100"),
                                      ("510104020", "春熙路街道", L.TOWN, "510104"),
                                      ("510700", "绵阳市", L.CITY, "510000"), ("510703", "涪城区", L.COUNTY, "510700")):
        rows[code], _created = Region.objects.get_or_create(
            adcode=code, defaults={"name": name, "level": level, "parent_id": parent, "dataset": "test"})
    return rows


def posting_data(**overrides: Any) -> dict[str, Any]:
    return {"title": "焊工", "places": 5, "pay_min": 5000, "pay_max": 8000, "requirements": "持焊工证",
            "region": "510104", "address": "春熙路1号", "contact_name": "王经理", "contact_phone": "13912345678",
            "expires_on": timezone.localdate() + datetime.timedelta(days=30), **overrides}


@pytest.fixture
def posting(world, regions):
    def make(**overrides: Any):
        employer = overrides.pop("employer", world.employer)
        return posting_create(actor=overrides.pop("actor", world.county_admin), employer=employer,
                              **posting_data(**overrides))

    return make


@pytest.fixture
def county2_employer(world):
    return make_employer(world.county2, "绵阳示例制造有限公司")
