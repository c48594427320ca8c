import pytest

from gonghui.orgs.choices import Level, UnionKind, UnionStatus
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.testing.world import make_employer, make_union

pytestmark = pytest.mark.django_db


def ids(response):
    return [item["id"] for item in response.json()["items"]]


def test_the_list_starts_at_the_callers_tree_roots(world, api_as):
    response = api_as("county_clerk").get("/orgs")
    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert ids(response) == [world.county.pk]


def test_the_list_with_a_parent_gives_its_visible_children(world, api_as):
    api = api_as("province_officer")
    assert ids(api.get("/orgs", parent=world.province.pk)) == [world.city.pk, world.city2.pk]
    item = api.get("/orgs", parent=world.city.pk).json()["items"][0]
    assert item["name"] == "成都市锦江区总工会"
    assert (item["level"], item["level_label"], item["kind_label"]) == (4, "县级", "地方总工会")
    assert (item["parent_id"], item["child_count"], item["status"]) == (world.city.pk, 1, "active")


def test_the_list_pages_with_limit_offset_and_a_total(world, api_as):
    for n in range(5):
        make_union(world.county, f"测试街道{n}", Level.TOWNSHIP, UnionKind.TOWNSHIP)
    api = api_as("province_officer")
    page = api.get("/orgs", parent=world.county.pk, limit=2, offset=2).json()
    assert page["count"] == 6
    assert len(page["items"]) == 2
    assert api.get("/orgs", parent=world.county.pk, limit=500).status_code == 422


def test_ended_unions_are_listed_only_when_asked(world, api_as):
    api = api_as("province_officer")
    api.post(f"/orgs/{world.county2.pk}/dissolve", {"reason": "区划调整"})
    assert world.county2.pk not in ids(api.get("/orgs", parent=world.city2.pk))
    assert world.county2.pk in ids(api.get("/orgs", parent=world.city2.pk, include_ended="true"))


def test_search_finds_by_name_and_initials_within_scope(world, api_as):
    api = api_as("province_officer")
    assert ids(api.get("/orgs/search", q="锦江")) == [world.county.pk]
    assert ids(api.get("/orgs/search", q="cdsjjq")) == [world.county.pk]
    assert ids(api.get("/orgs/search", q="总工会", within=world.city2.pk)) == [world.city2.pk, world.county2.pk]


def test_the_detail_has_the_breadcrumb_and_counts(world, api_as):
    body = api_as("province_officer").get(f"/orgs/{world.township.pk}").json()
    assert body["name"] == "春熙路街道工会"
    assert [a["name"] for a in body["ancestors"]] == ["四川省总工会", "成都市总工会", "成都市锦江区总工会"]
    assert body["counts"] == {"children": 1, "employers": 0}
    assert body["version"] == 1


def test_the_summary_gives_the_organizing_rate(world, api_as):
    make_employer(world.township, "未建会单位", employee_count=10, women_count=1)
    body = api_as("province_officer").get(f"/orgs/{world.city.pk}/summary").json()
    assert body["totals"]["employers"] == 2
    assert body["totals"]["organizing_rate"] == 50.0
    assert body["branches"][0]["union"]["id"] == world.county.pk
    assert {"label": "基层", "count": 1} in body["by_level"]


def test_the_summary_rate_is_null_without_employers(world, api_as):
    body = api_as("province_officer").get(f"/orgs/{world.city2.pk}/summary").json()
    assert body["totals"]["organizing_rate"] is None


def test_it_creates_a_child_union(world, api_as):
    response = api_as("county_admin").post("/orgs", {
        "parent_id": world.county.pk, "name": " 书院街街道工会 ", "kind": "township", "level": 5,
        "founded_on": "2020-05-01", "chair_name": "王芳",
    })
    assert response.status_code == 201
    body = response.json()
    assert (body["name"], body["parent_id"], body["founded_on"]) == ("书院街街道工会", world.county.pk, "2020-05-01")
    assert TradeUnion.objects.filter(pk=body["id"], path__startswith=world.county.path).exists()


def test_create_names_the_field_the_service_refuses(world, api_as):
    response = api_as("county_admin").post("/orgs", {
        "parent_id": world.county.pk, "name": "上级层级工会", "kind": "federation", "level": Level.CITY,
    })
    assert response.status_code == 400
    assert response.json()["field"] == "level"


def test_it_updates_only_the_fields_sent(world, api_as):
    api = api_as("county_admin")
    response = api.patch(f"/orgs/{world.township.pk}", {"version": 1, "chair_name": "李明", "phone": "028-1234"})
    assert response.status_code == 200
    body = response.json()
    assert (body["chair_name"], body["phone"], body["version"]) == ("李明", "028-1234", 2)
    assert body["name"] == "春熙路街道工会"


def test_a_stale_version_is_a_conflict(world, api_as):
    api = api_as("county_admin")
    api.patch(f"/orgs/{world.township.pk}", {"version": 1, "address": "一号"})
    response = api.patch(f"/orgs/{world.township.pk}", {"version": 1, "address": "二号"})
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"


def test_the_version_is_required_and_null_is_refused_for_a_name(world, api_as):
    api = api_as("county_admin")
    assert api.patch(f"/orgs/{world.township.pk}", {"name": "新名"}).json()["field"] == "version"
    refused = api.patch(f"/orgs/{world.township.pk}", {"version": 1, "name": None})
    assert (refused.status_code, refused.json()["field"]) == (422, "name")


def test_a_nullable_field_is_cleared_with_null(world, api_as):
    api = api_as("county_admin")
    api.patch(f"/orgs/{world.township.pk}", {"version": 1, "founded_on": "2001-01-01"})
    body = api.patch(f"/orgs/{world.township.pk}", {"version": 2, "founded_on": None}).json()
    assert body["founded_on"] is None


def test_it_moves_a_union_with_its_branch(world, api_as):
    response = api_as("province_officer").post(f"/orgs/{world.county.pk}/move", {"new_parent_id": world.city2.pk})
    assert response.status_code == 200
    assert response.json()["parent_id"] == world.city2.pk
    new_path = TradeUnion.objects.get(pk=world.city2.pk).path
    assert Employer.objects.get(pk=world.employer.pk).org_path.startswith(new_path)


def test_a_refused_move_names_the_key_the_client_sent(world, api_as):
    response = api_as("province_officer").post(f"/orgs/{world.city.pk}/move", {"new_parent_id": world.county.pk})
    assert response.status_code == 400
    assert response.json()["field"] == "new_parent_id"


def test_it_merges_a_union_into_another(world, api_as):
    response = api_as("province_officer").post(f"/orgs/{world.county2.pk}/merge", {"target_id": world.county.pk})
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["merged_into"]) == ("merged", {"id": world.county.pk, "name": world.county.name})


def test_it_dissolves_a_union(world, api_as):
    response = api_as("province_officer").post(f"/orgs/{world.grassroots.pk}/dissolve", {"reason": "企业注销"})
    assert response.status_code == 200
    assert response.json()["status"] == UnionStatus.DISSOLVED
    assert Employer.objects.get(pk=world.employer.pk).union_id == world.township.pk


def test_it_deletes_a_union_entered_by_mistake(world, api_as):
    mistake = make_union(world.county, "误建工会", Level.TOWNSHIP, UnionKind.TOWNSHIP)
    api = api_as("county_admin")
    assert api.delete(f"/orgs/{mistake.pk}").status_code == 204
    assert api.get(f"/orgs/{mistake.pk}").status_code == 404


def test_it_refuses_to_delete_a_union_with_records(world, api_as):
    response = api_as("county_admin").delete(f"/orgs/{world.township.pk}")
    assert response.status_code == 400
    assert response.json()["code"] == "has_records"
