"""The suggestion panel names the division by its full name, city first: a township code alone
(510117006) or its bare name (犀浦街道) would not tell the agent where the case happened."""

import pytest
from django.test import Client

from gonghui.accounts.roles import RoleCode
from gonghui.cases.routing.address import reset_region_index
from gonghui.orgs.models import Region
from gonghui.orgs.services.regions import regions_load
from gonghui.testing.world import PASSWORD, SYSTEM, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def xipu(world):
    regions_load(actor=SYSTEM, towns=False)  # to the county only, for speed; one real street beside it
    Region.objects.create(adcode="510117006", name="犀浦街道", level=Region.RegionLevel.TOWN, parent_id="510117",
                          dataset="test")
    reset_region_index()
    yield
    reset_region_index()


def test_the_intake_suggestion_names_the_township_with_its_city_and_county(world, xipu):
    make_user("hotline_agent", world.province, RoleCode.HOTLINE_AGENT)
    client = Client()
    assert client.post("/login/", {"username": "hotline_agent", "password": PASSWORD}).status_code == 302
    text = client.post("/cases/intake/suggest/", {"description": "老板拖欠工资三个月了",
                                                  "address": "成都市郫都区犀浦街道百草路8号"}).content.decode()
    assert "<dt>行政区划</dt><dd>成都市郫都区犀浦街道</dd>" in text
