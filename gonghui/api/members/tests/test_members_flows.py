import pytest

from gonghui.members.models import JoinApplication, Membership, Transfer
from gonghui.members.services.applications import PortalWorker, application_submit
from gonghui.testing.world import confirmed_transfer, make_member, make_user, member_data

pytestmark = pytest.mark.django_db


def apply(union, **overrides):
    data = member_data(**overrides)
    return application_submit(worker=PortalWorker(phone=data.pop("phone")), union=union, data=data)


@pytest.fixture
def county2_admin(world):
    world.people["county2_admin"] = make_user("county2_admin", world.county2, "union_admin")
    return world.county2_admin


def test_the_review_queue_shows_pending_applications_masked(world, api_as):
    application = apply(world.grassroots, name="周申请")
    response = api_as("county_admin").get("/member-applications")
    item = response.json()["items"][0]
    assert (item["id"], item["name"], item["status"], item["channel_label"]) == (application.pk, "周申请", "pending",
                                                                                 "网上申请入会")
    assert item["id_number_masked"] == application.id_masked and application.id_number not in response.content.decode()
    assert application.phone not in response.content.decode()


def test_approving_admits_the_applicant(world, api_as):
    application = apply(world.grassroots)
    response = api_as("county_admin").post(f"/member-applications/{application.pk}/approve", {})
    body = response.json()
    assert (body["outcome"], body["transfer_id"]) == ("admitted", None)
    assert Membership.objects.get(member_id=body["member_id"]).union == world.grassroots
    again = api_as("county_admin").post(f"/member-applications/{application.pk}/approve", {})
    assert (again.status_code, again.json()["code"]) == (400, "already_member")


def test_approving_a_member_of_another_union_becomes_a_transfer(world, api_as):
    application = apply(world.county2, id_number=world.membership.member.id_number)
    body = api_as("province_officer").post(f"/member-applications/{application.pk}/approve", {}).json()
    assert body["outcome"] == "transfer"
    assert Transfer.objects.get(pk=body["transfer_id"]).to_union == world.county2


def test_rejecting_needs_a_reason_the_worker_will_read(world, api_as):
    application = apply(world.grassroots)
    api = api_as("county_admin")
    assert api.post(f"/member-applications/{application.pk}/reject", {"reason": ""}).status_code == 422
    body = api.post(f"/member-applications/{application.pk}/reject", {"reason": "非本单位职工"}).json()
    assert (body["status"], body["reason"]) == ("rejected", "非本单位职工")
    assert JoinApplication.objects.get(pk=application.pk).status == "rejected"


def test_a_clerk_may_not_review(world, api_as):
    application = apply(world.grassroots)
    api = api_as("county_clerk")
    assert api.get("/member-applications").status_code == 403
    assert api.post(f"/member-applications/{application.pk}/approve", {}).status_code == 403
    assert api.post(f"/member-applications/{application.pk}/reject", {"reason": "不符合"}).status_code == 403


def test_a_transfer_from_request_to_acceptance(world, api_as, county2_admin, sms_outbox):
    member = world.membership.member
    receiving, sending = api_as("county2_admin"), api_as("county_admin")
    response = receiving.post("/member-transfers", {"to_union_id": world.county2.pk, "id_number": member.id_number,
                                                    "reason": "换工作"})
    assert response.status_code == 201, response.content
    transfer = response.json()
    # Before the worker agrees the asker learns neither who it is nor where the membership is.
    assert (transfer["status"], transfer["member"], transfer["from_union"]) == ("awaiting", None, None)
    for secret in (member.name, member.id_masked, world.grassroots.name, member.phone_masked):
        assert secret not in response.content.decode()
    assert sending.get("/member-transfers", box="out").json()["count"] == 0
    (text,) = sms_outbox
    assert text.phone == member.phone and text.purpose == "transfer_confirm" and world.county2.name in text.text
    confirmed = receiving.post(f"/member-transfers/{transfer['id']}/confirm", {"code": text.code})
    assert confirmed.status_code == 200, confirmed.content
    transfer = confirmed.json()
    assert (transfer["status"], transfer["from_union"]["id"], transfer["member"]["id_number_masked"]) == (
        "requested", world.grassroots.pk, member.id_masked)
    assert [t["id"] for t in sending.get("/member-transfers", box="out").json()["items"]] == [transfer["id"]]
    assert [t["id"] for t in receiving.get("/member-transfers").json()["items"]] == [transfer["id"]]
    assert receiving.post(f"/member-transfers/{transfer['id']}/release", {}).status_code == 404
    assert sending.post(f"/member-transfers/{transfer['id']}/release", {"note": "同意"}).json()["status"] == "released"
    assert sending.get("/member-transfers", box="out").json()["count"] == 0
    accepted = receiving.post(f"/member-transfers/{transfer['id']}/accept", {})
    assert accepted.json()["status"] == "accepted"
    assert receiving.get(f"/members/{member.pk}").json()["union"]["id"] == world.county2.pk


def test_the_receiving_union_refuses_or_withdraws(world, api_as, county2_admin):
    first = make_member(world.grassroots).member
    second = make_member(world.grassroots).member
    api = api_as("county2_admin")
    ids = [confirmed_transfer(actor=county2_admin, member=m, to_union=world.county2).pk for m in (first, second)]
    assert api.post(f"/member-transfers/{ids[0]}/refuse", {"note": ""}).status_code == 422
    assert api.post(f"/member-transfers/{ids[0]}/refuse", {"note": "查无此人"}).json()["status"] == "refused"
    assert api.post(f"/member-transfers/{ids[1]}/cancel").json()["status"] == "cancelled"
    assert api.post(f"/member-transfers/{ids[1]}/cancel").status_code == 409


def test_a_transfer_of_someone_without_a_membership_is_refused(world, api_as, county2_admin):
    response = api_as("county2_admin").post("/member-transfers", {"to_union_id": world.county2.pk,
                                                                  "id_number": member_data()["id_number"]})
    assert (response.status_code, response.json()["code"]) == (400, "no_membership")


def test_a_transfer_into_the_same_union_names_the_to_union_id(world, api_as):
    response = api_as("county_admin").post("/member-transfers", {
        "to_union_id": world.grassroots.pk, "id_number": world.membership.member.id_number})
    assert (response.status_code, response.json()["field"]) == (400, "to_union_id")


def test_transfer_requests_by_identity_number_are_limited_with_429(world, api_as, county2_admin, settings):
    settings.GONGHUI_ID_LOOKUP_PER_HOUR = 1
    api = api_as("county2_admin")
    nobody = {"to_union_id": world.county2.pk, "id_number": member_data()["id_number"]}
    assert api.post("/member-transfers", nobody).status_code == 400
    refused = api.post("/member-transfers", nobody)
    assert (refused.status_code, refused.json()["code"]) == (429, "id_lookup_limit")
    data = member_data()
    registered = api.post("/members", {"union_id": world.county2.pk, "name": "赵敏", "id_number": data["id_number"]})
    assert registered.status_code == 429
