"""The console's 工会活动 pages: create with a named refusal, publish, the sign-up list with its waiting
list, staff check-in, cancel, the door code, the figures and the export with masked phones."""

import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from gonghui.activities.models import Activity, SignUp
from gonghui.activities.services import checkin_token, signup_create
from gonghui.members.services.applications import PortalWorker
from gonghui.testing.activities import make_activity, region_for_tests
from gonghui.testing.world import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _county_in_jinjiang(world):
    # The form offers the divisions of the organiser's province, read from the union's own division.
    from gonghui.orgs.models import TradeUnion

    TradeUnion.objects.filter(pk=world.county.pk).update(region=region_for_tests())


def _form(world, **over):
    now = timezone.localtime() + datetime.timedelta(hours=1)
    fmt = "%Y-%m-%dT%H:%M"
    return {"organiser": world.county.pk, "kind": "film", "title": "职工观影", "description": "", "audience": "subtree",
            "audience_union": "", "capacity": "1", "fee": "0", "signup_opens_at": now.strftime(fmt),
            "signup_closes_at": (now + datetime.timedelta(days=1)).strftime(fmt),
            "starts_at": (now + datetime.timedelta(days=2)).strftime(fmt),
            "ends_at": (now + datetime.timedelta(days=2, hours=2)).strftime(fmt), "region": region_for_tests().adcode,
            "address": "锦江影城", **over}


def test_a_cadre_creates_and_publishes_an_activity_and_a_wrong_time_is_named(world, login):
    client = login("county_admin")
    bad = client.post("/activities/new/", _form(world, ends_at=_form(world)["starts_at"]))
    assert bad.status_code == 400 and "活动结束时间应晚于开始时间" in bad.content.decode()
    response = client.post("/activities/new/", _form(world))
    activity = Activity.objects.get()
    assert response.status_code == 302 and activity.status == "draft" and activity.org_path == world.county.path
    client.post(f"/activities/{activity.pk}/do/publish/")
    assert Activity.objects.get().status == "open"
    page = client.get("/activities/?status=open").content.decode()
    assert "职工观影" in page


def test_the_sign_up_list_shows_places_and_the_waiting_list_and_staff_check_in(world, login):
    for phone in ("13900000021", "13900000022"):
        make_member(world.grassroots, phone=phone)
    activity = make_activity(world.county, capacity=1)
    first = signup_create(worker=PortalWorker(phone="13900000021"), activity_pk=activity.pk)
    signup_create(worker=PortalWorker(phone="13900000022"), activity_pk=activity.pk)
    client = login("county_admin")
    waiting = client.get(f"/activities/{activity.pk}/?tab=waiting").content.decode()
    assert "139****0022" in waiting and "第1位" in waiting and "139****0021" not in waiting
    client.post(f"/activities/signups/{first.pk}/check-in/")
    assert SignUp.objects.get(pk=first.pk).status == "checked_in"
    again = client.post(f"/activities/signups/{first.pk}/check-in/", follow=True).content.decode()
    assert "已于" in again


def test_cancel_needs_a_reason_and_another_countys_cadre_sees_nothing(world, login):
    from gonghui.testing.world import make_user

    make_user("county2_admin", world.county2, "union_admin")
    activity = make_activity(world.county)
    client = login("county2_admin")
    assert client.get(f"/activities/{activity.pk}/").status_code == 404
    assert client.post(f"/activities/{activity.pk}/do/cancel/", {"reason": "x"}).status_code == 404
    client.logout()
    client = login("county_admin")
    client.post(f"/activities/{activity.pk}/do/cancel/", {"reason": ""})
    assert Activity.objects.get().status == "open"
    client.post(f"/activities/{activity.pk}/do/cancel/", {"reason": "场地检修"})
    assert Activity.objects.get().status == "cancelled"


def test_the_door_page_carries_the_check_in_link_with_the_current_code(world, login):
    activity = make_activity(world.county)
    page = login("county_admin").get(f"/activities/{activity.pk}/door/").content.decode()
    assert f"/portal/activities/{activity.pk}/checkin/{checkin_token(activity)}/" in page
    assert 'src="data:image/svg+xml' in page


def test_the_figures_page_and_the_export_masks_phones(world, login):
    make_member(world.grassroots, phone="13900000031")
    activity = make_activity(world.county)
    signup_create(worker=PortalWorker(phone="13900000031"), activity_pk=activity.pk)
    client = login("county_admin")
    figures = client.get("/activities/figures/").content.decode()
    assert "场次" in figures and "覆盖会员" in figures
    response = client.post(f"/exports/activities.signups/?activity={activity.pk}")
    if response.status_code == 302:
        response = client.get(response["Location"])
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming
                                             else response.content))
    cells = [c.value for row in book.active.iter_rows() for c in row]
    assert "139****0031" in cells and "13900000031" not in cells
