"""GET /contracts/comparison: the console's comparison over the API, its scope and its refusals."""

import pytest

from gonghui.contracts.services import minimum_wage_set
from gonghui.contracts.tests.conftest import D, in_force
from gonghui.orgs.models import Region
from gonghui.testing.world import SYSTEM, make_employer

pytestmark = pytest.mark.django_db


@pytest.fixture
def contracts(world):
    city = Region.objects.create(adcode="510100", name="成都市", level=2, dataset="test")
    minimum_wage_set(actor=SYSTEM, region=city, monthly="2100", effective_from=D(2022, 4, 1), source="演示")
    low = make_employer(world.grassroots, "低薪单位", region=city)
    in_force(world.grassroots_clerk, world.grassroots, employer=low, terms={"wages.lowest_paid": "1800"})
    in_force(world.grassroots_clerk, world.grassroots, employer=world.employer,
             terms={"wages.lowest_paid": "2400", "wages.increase_rate": "5"})
    in_force(SYSTEM, world.county2, employer=make_employer(world.county2, "绵阳单位"),
             terms={"wages.lowest_paid": "1500"})


def test_it_returns_the_topics_terms_per_contract_with_the_figures_and_the_flags(world, api_as, contracts):
    response = api_as("county_clerk").get(f"/contracts/comparison?union={world.county.pk}&topic=wages"
                                          "&sort=wages.lowest_paid")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["topic"]["code"] == "wages" and body["count"] == 2
    lowest = next(t for t in body["terms"] if t["code"] == "wages.lowest_paid")
    assert (lowest["coded"], lowest["median"], lowest["lowest"], lowest["highest"]) == (2, "2100.00", "1800.00",
                                                                                        "2400.00")
    assert [r["party"] for r in body["rows"]] == ["低薪单位", "示例科技有限公司"]
    cell = next(c for c in body["rows"][0]["cells"] if c["code"] == "wages.lowest_paid")
    assert cell["number"] == "1800.00" and cell["below_minimum"] == "2100.00" and "成都市" in cell["note"]
    pay_day = next(c for c in body["rows"][0]["cells"] if c["code"] == "wages.pay_day")
    assert pay_day["missing"] and pay_day["shown"] == "未约定"


def test_it_pages_by_limit_and_offset_and_the_figures_stay_over_all(world, api_as, contracts):
    body = api_as("county_clerk").get("/contracts/comparison?topic=wages&limit=1&offset=1").json()
    assert body["count"] == 2 and len(body["rows"]) == 1
    assert next(t for t in body["terms"] if t["code"] == "wages.lowest_paid")["coded"] == 2


def test_another_countys_union_is_not_found_and_its_contracts_never_appear(world, api_as, contracts):
    api = api_as("county_clerk")
    response = api.get(f"/contracts/comparison?union={world.county2.pk}")
    assert response.status_code == 404 and response.json()["field"] == "union"
    assert "绵阳单位" not in str(api.get("/contracts/comparison?status=all").json())
    other = api_as("other_province_officer").get("/contracts/comparison").json()
    assert other["count"] == 0


@pytest.mark.parametrize(("query", "status", "field"), [
    ("topic=nope", 404, "topic"), ("sort=hours.weekly", 400, "sort"), ("kind=999999", 404, "kind"),
    ("status=nonsense", 422, None), ("industry=ZZ", 422, None), ("limit=0", 422, None),
])
def test_it_refuses_what_it_cannot_answer_by_naming_the_field(world, api_as, contracts, query, status, field):
    response = api_as("county_clerk").get(f"/contracts/comparison?{query}")
    assert response.status_code == status, response.json()
    if field:
        assert response.json()["field"] == field
