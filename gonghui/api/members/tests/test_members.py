import pytest

from gonghui.core.audit_models import AuditEntry
from gonghui.members.models import Member, PersonalDataAccess
from gonghui.testing.world import make_member, make_person_id, member_data

pytestmark = pytest.mark.django_db


def ids(response):
    return [item["id"] for item in response.json()["items"]]


def new_member(union_id, **extra):
    data = member_data()
    return {"union_id": union_id, "name": "赵敏", "id_number": data["id_number"], "phone": data["phone"], **extra}


def test_the_list_masks_every_id_and_phone(world, api_as):
    member = world.membership.member
    response = api_as("county_admin").get("/members")
    item = response.json()["items"][0]
    assert (item["id_number_masked"], item["phone_masked"]) == (member.id_masked, member.phone_masked)
    assert member.id_number not in response.content.decode() and member.phone not in response.content.decode()
    assert item["union"] == {"id": world.grassroots.pk, "name": world.grassroots.name}
    assert (item["status"], item["migrant"], item["version"]) == ("active", True, 1)


def test_the_list_filters_like_the_console(world, api_as):
    courier = make_member(world.township, name="张快递", employment_form="new_form", new_form_group="courier",
                          household="城镇").member
    left = make_member(world.township, name="钱退会").member
    api = api_as("county_admin")
    api.post(f"/members/{left.pk}/leave", {"note": "离职"})
    lee = world.membership.member_id
    assert set(ids(api.get("/members"))) == {lee, courier.pk}
    assert ids(api.get("/members", union=world.grassroots.pk)) == [lee]
    assert ids(api.get("/members", status="left")) == [left.pk]
    assert len(ids(api.get("/members", status="all"))) == 3
    assert ids(api.get("/members", employment_form="new_form")) == [courier.pk]
    assert ids(api.get("/members", new_form_group="courier")) == [courier.pk]
    assert ids(api.get("/members", migrant="false")) == [courier.pk]
    assert ids(api.get("/members", migrant="true")) == [lee]
    assert ids(api.get("/members", q="zkd")) == [courier.pk]
    assert ids(api.get("/members", q=world.membership.member.id_number)) == [lee]
    assert ids(api.get("/members", q=make_person_id())) == []


def test_the_detail_carries_the_history_cards_and_transfers(world, api_as):
    api = api_as("county_admin")
    member = world.membership.member
    card = api.post(f"/members/{member.pk}/card").json()
    body = api.get(f"/members/{member.pk}").json()
    assert body["id_number_masked"] == member.id_masked and "id_number" not in body and "phone" not in body
    assert body["birth_month"] == member.birth_date.strftime("%Y-%m")
    assert [m["union"]["id"] for m in body["memberships"]] == [world.grassroots.pk]
    assert body["memberships"][0]["channel_label"] == "工会登记"
    assert body["cards"] == [card]
    assert len(card["number"]) == 19 and card["status"] == "active"
    assert api.post(f"/members/{member.pk}/card").json() == card  # the active card, not a second one
    assert body["transfers"] == [] and body["employer"] == {"id": world.employer.pk, "name": world.employer.name}


def test_a_union_admits_a_worker(world, api_as):
    response = api_as("county_clerk").post("/members", new_member(world.township.pk, channel="stall",
                                                                  join_date="2026-01-05", household="rural"))
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["name"], body["union"]["id"], body["status"], body["migrant"]) == ("赵敏", world.township.pk,
                                                                                   "active", True)
    assert (body["memberships"][0]["channel"], body["memberships"][0]["join_date"]) == ("stall", "2026-01-05")
    assert AuditEntry.objects.filter(action="member.admit", object_id=str(body["id"])).exists()


def test_every_bad_field_is_named(world, api_as):
    response = api_as("county_clerk").post("/members", new_member(world.township.pk, id_number="510104199001011234",
                                                                  phone="555"))
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"id_number", "phone"}


def test_a_member_here_is_already_a_member_without_a_hint(world, api_as):
    response = api_as("county_admin").post("/members", new_member(
        world.grassroots.pk, id_number=world.membership.member.id_number))
    body = response.json()
    assert (response.status_code, body["code"], body["field"], body["hint"]) == (400, "already_member", "id_number",
                                                                               None)


def test_a_member_elsewhere_in_scope_is_named_and_a_transfer_offered(world, api_as):
    response = api_as("province_officer").post("/members", new_member(
        world.county2.pk, id_number=world.membership.member.id_number))
    body = response.json()
    assert (body["code"], body["hint"]) == ("already_member", "transfer_request")
    assert world.grassroots.name in body["message_zh"]


def test_a_member_of_a_union_out_of_scope_is_never_named(world, api_as):
    elsewhere = make_member(world.county2, name="孙其他").member
    response = api_as("county_clerk").post("/members", new_member(world.township.pk, id_number=elsewhere.id_number))
    body = response.json()
    assert (body["code"], body["hint"]) == ("already_member", "transfer_request")
    assert world.county2.name not in response.content.decode()
    assert "其他工会" in body["message_zh"]


def test_an_update_needs_the_current_version(world, api_as):
    api = api_as("county_clerk")
    pk = world.membership.member_id
    response = api.patch(f"/members/{pk}", {"version": 1, "job": "焊工", "education": None})
    assert response.status_code == 200, response.content
    assert (response.json()["job"], response.json()["education"], response.json()["version"]) == ("焊工", "", 2)
    assert api.patch(f"/members/{pk}", {"version": 1, "job": "钳工"}).status_code == 409
    assert api.patch(f"/members/{pk}", {"version": 2, "id_number": "x"}).status_code == 422


def test_the_life_of_a_membership(world, api_as):
    api = api_as("county_clerk")
    pk = world.membership.member_id
    assert api.post(f"/members/{pk}/retain", {"reason": "retired"}).json()["status"] == "retained"
    assert api.post(f"/members/{pk}/reinstate", {}).json()["status"] == "active"
    assert api.post(f"/members/{pk}/leave", {"note": "离开本市"}).json()["status"] == "left"
    body = api.post(f"/members/{pk}/reinstate", {"union_id": world.township.pk}).json()
    assert (body["status"], body["union"]["id"], len(body["memberships"])) == ("active", world.township.pk, 2)
    assert api.post(f"/members/{pk}/death", {"on": "2026-02-01"}).json()["status"] == "deceased"
    response = api.post(f"/members/{pk}/reinstate", {})
    assert (response.status_code, response.json()["code"]) == (400, "deceased")


def test_leaving_needs_a_reason(world, api_as):
    response = api_as("county_clerk").post(f"/members/{world.membership.member_id}/leave", {"note": ""})
    assert (response.status_code, response.json()["field"]) == (422, "note")


def test_reveal_returns_the_number_once_and_logs_it(world, api_as):
    member = world.membership.member
    response = api_as("county_admin").post(f"/members/{member.pk}/reveal", {"field": "id_number",
                                                                            "reason": "核对身份"})
    assert response.json() == {"field": "id_number", "value": member.id_number}
    assert response["Cache-Control"] == "no-store"
    access = PersonalDataAccess.objects.get(member=member)
    assert (access.field, access.reason, access.actor_label) == ("id_number", "核对身份", "county_admin")
    phone = api_as("county_admin").post(f"/members/{member.pk}/reveal", {"field": "phone", "reason": "回访"})
    assert phone.json()["value"] == Member.objects.get(pk=member.pk).phone


def test_reveal_needs_a_reason(world, api_as):
    response = api_as("county_admin").post(f"/members/{world.membership.member_id}/reveal",
                                           {"field": "id_number", "reason": "x"})
    assert (response.status_code, response.json()["field"]) == (400, "reason")
    assert not PersonalDataAccess.objects.exists()


def test_a_name_with_invisible_characters_is_stored_clean_and_found(world, api_as):
    api = api_as("county_clerk")
    response = api.post("/members", new_member(world.township.pk, name="崔\u202e丽丽\u200b\u200d\ufeff"))
    assert response.status_code == 201, response.content
    assert response.json()["name"] == "崔丽丽"
    assert Member.objects.filter(name="崔丽丽").exists()
    assert response.json()["id"] in ids(api.get("/members", q="崔丽丽"))


def test_a_name_of_only_invisible_characters_is_refused(world, api_as):
    response = api_as("county_clerk").post("/members", new_member(world.township.pk, name="\u200b\u202e"))
    assert response.status_code == 422 and response.json()["field"] == "name"
