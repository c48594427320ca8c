import pytest

from gonghui.orgs.services.regions import regions_load
from gonghui.testing.world import SYSTEM

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions(db):
    regions_load(actor=SYSTEM, towns=False)


def test_it_lists_provinces_without_a_parent(world, regions, api_as):
    body = api_as("county_clerk").get("/regions", limit=200).json()
    assert body["count"] == 34
    assert {"adcode": "510000", "name": "四川省", "level": 1, "parent_id": None} in body["items"]


def test_it_lists_the_children_of_a_division(world, regions, api_as):
    body = api_as("county_clerk").get("/regions", parent="510100", limit=200).json()
    assert {"adcode": "510104", "name": "锦江区", "level": 3, "parent_id": "510100"} in body["items"]
    assert all(item["parent_id"] == "510100" for item in body["items"])


def test_a_malformed_code_is_refused(world, api_as):
    response = api_as("county_clerk").get("/regions", parent="51")
    assert (response.status_code, response.json()["field"]) == (422, "parent")
