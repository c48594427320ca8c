"""Every step of an activity over the API, with the refusals named by field and another county's 404."""

import datetime

import pytest
from django.utils import timezone

from gonghui.accounts.login import api_token_issue
from gonghui.activities.services import signup_create
from gonghui.api.conftest import ApiClient
from gonghui.members.services.applications import PortalWorker
from gonghui.testing.activities import region_for_tests
from gonghui.testing.world import make_member, make_user

pytestmark = pytest.mark.django_db


def api_of(user) -> ApiClient:
    _token, raw = api_token_issue(user=user)
    return ApiClient(raw)


def body(world, **over):
    now = timezone.now()
    return {"union_id": world.county.pk, "kind": "walking", "title": "健步走", "capacity": 1,
            "signup_opens_at": (now - datetime.timedelta(hours=1)).isoformat(),
            "signup_closes_at": (now + datetime.timedelta(days=1)).isoformat(),
            "starts_at": (now + datetime.timedelta(days=2)).isoformat(),
            "ends_at": (now + datetime.timedelta(days=2, hours=2)).isoformat(), "fee": "0",
            "adcode": region_for_tests().adcode, "address": "锦江绿道", **over}


def test_create_publish_sign_up_list_check_in_and_cancel(world):
    api = api_of(world.county_admin)
    created = api.post("/activities", body(world))
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["status"] == "draft"
    assert api.post(f"/activities/{pk}/publish").json()["status"] == "open"
    for phone in ("13900000051", "13900000052"):
        make_member(world.grassroots, phone=phone)
        signup_create(worker=PortalWorker(phone=phone), activity_pk=pk)
    rows = api.get(f"/activities/{pk}/signups").json()["items"]
    assert [(r["status"], r["waiting_place"], r["phone_masked"]) for r in rows] == [
        ("signed", None, "139****0051"), ("waiting", 1, "139****0052")]
    assert api.post(f"/activities/signups/{rows[0]['id']}/check-in").json()["status"] == "checked_in"
    assert api.post(f"/activities/signups/{rows[0]['id']}/check-in").status_code == 409
    code = api.get(f"/activities/{pk}/checkin-code").json()["url"]
    assert api.post(f"/activities/{pk}/checkin-code").json()["url"] != code
    assert api.post(f"/activities/{pk}/cancel", {"reason": "暴雨预警"}).json()["status"] == "cancelled"
    figures = api.get("/activities/figures", union_id=world.county.pk).json()
    assert figures["total"]["sessions"] == 0  # a cancelled activity is not a 场次


def test_a_wrong_order_of_times_is_named_and_another_county_gets_404(world):
    api = api_of(world.county_admin)
    now = timezone.now()
    bad = api.post("/activities", body(world, ends_at=now.isoformat(), starts_at=now.isoformat()))
    assert bad.status_code == 400 and bad.json()["field"] == "ends_at"
    outside = api.post("/activities", body(world, audience_union_id=world.county2.pk))
    assert outside.status_code == 400 and outside.json()["field"] == "audience_union_id"
    pk = api.post("/activities", body(world)).json()["id"]
    other = api_of(make_user("county2_admin", world.county2, "union_admin"))
    assert other.get(f"/activities/{pk}").status_code == 404
    assert other.post(f"/activities/{pk}/publish").status_code == 404
