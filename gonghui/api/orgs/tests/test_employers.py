import pytest

from gonghui.orgs.models import Employer
from gonghui.testing.world import make_credit_code, make_employer

pytestmark = pytest.mark.django_db


def ids(response):
    return [item["id"] for item in response.json()["items"]]


def new_employer(union_id, **extra):
    return {"union_id": union_id, "credit_code": make_credit_code(), "name": "成都甲科技有限公司", "industry": "I",
            "ownership": "private", "employee_count": 50, "women_count": 20, **extra}


def test_the_list_filters_by_union_subtree_text_and_unionized(world, api_as):
    other = make_employer(world.township, "春熙商贸有限公司")
    api = api_as("province_officer")
    assert set(ids(api.get("/employers"))) == {world.employer.pk, other.pk}
    assert ids(api.get("/employers", union=world.township.pk)) == [other.pk]
    assert set(ids(api.get("/employers", union=world.county.pk, subtree="true"))) == {world.employer.pk, other.pk}
    assert ids(api.get("/employers", q="商贸")) == [other.pk]
    assert ids(api.get("/employers", q=world.employer.credit_code.lower())) == [world.employer.pk]
    assert ids(api.get("/employers", unionized="false")) == [other.pk]


def test_the_detail_shows_the_union_and_labels(world, api_as):
    body = api_as("county_clerk").get(f"/employers/{world.employer.pk}").json()
    assert body["union"] == {"id": world.grassroots.pk, "name": world.grassroots.name}
    assert (body["unionized"], body["industry_label"], body["ownership_label"]) == (True, "制造业", "私营（非公）")


def test_a_clerk_registers_an_employer_in_the_county(world, api_as):
    response = api_as("county_clerk").post("/employers", new_employer(world.township.pk))
    assert response.status_code == 201
    body = response.json()
    assert (body["union"]["id"], body["unionized"], body["version"]) == (world.township.pk, False, 1)


def test_a_duplicate_credit_code_is_refused_on_its_field(world, api_as):
    response = api_as("county_clerk").post(
        "/employers", new_employer(world.township.pk, credit_code=world.employer.credit_code))
    assert response.status_code == 400
    assert (response.json()["field"], response.json()["code"]) == ("credit_code", "duplicate")


def test_more_women_than_employees_is_refused(world, api_as):
    response = api_as("county_clerk").post("/employers", new_employer(world.township.pk, women_count=60))
    assert (response.status_code, response.json()["field"]) == (400, "women_count")


def test_it_updates_an_employer_and_moves_it_to_another_union(world, api_as):
    api = api_as("county_clerk")
    response = api.patch(f"/employers/{world.employer.pk}",
                         {"version": 1, "employee_count": 120, "union_id": world.township.pk})
    assert response.status_code == 200
    body = response.json()
    assert (body["employee_count"], body["union"]["id"], body["unionized"], body["version"]) == (
        120, world.township.pk, False, 2)


def test_an_employer_update_with_a_stale_version_is_a_conflict(world, api_as):
    api = api_as("county_clerk")
    api.patch(f"/employers/{world.employer.pk}", {"version": 1, "address": "一号"})
    assert api.patch(f"/employers/{world.employer.pk}", {"version": 1, "address": "二号"}).status_code == 409
    assert Employer.objects.get(pk=world.employer.pk).address == "一号"


def test_moving_an_employer_out_of_scope_answers_like_a_missing_union(world, api_as):
    response = api_as("county_clerk").patch(f"/employers/{world.employer.pk}",
                                            {"version": 1, "union_id": world.county2.pk})
    assert (response.status_code, response.json()["field"]) == (404, "union_id")
