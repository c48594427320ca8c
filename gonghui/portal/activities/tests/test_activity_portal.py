"""A worker on the portal: browse, sign up (the waiting list said plainly), 我的活动 with cancel, and the
door check-in page with a second check-in refused politely."""

import datetime

import pytest
from django.test import Client
from django.utils.timezone import localtime

from gonghui.activities.models import SignUp
from gonghui.activities.services import checkin_token
from gonghui.portal.conftest import portal_login
from gonghui.testing.activities import make_activity
from gonghui.testing.world import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(world):
    for phone in ("13900000041", "13900000042"):
        make_member(world.grassroots, phone=phone)
    return portal_login(Client(), "13900000041"), portal_login(Client(), "13900000042")


def test_signing_up_past_capacity_says_the_waiting_place_and_cancel_promotes(world, two):
    first, second = two
    activity = make_activity(world.county, capacity=1)
    assert activity.title in first.get("/portal/activities/").content.decode()
    page = first.post(f"/portal/activities/{activity.pk}/sign-up/", follow=True).content.decode()
    assert "报名成功" in page
    waiting = second.post(f"/portal/activities/{activity.pk}/sign-up/", follow=True).content.decode()
    assert "候补名单第1位" in waiting
    mine = first.get("/portal/activities/mine/").content.decode()
    signup = SignUp.objects.get(activity=activity, status="signed")
    assert f'data-testid="cancel-{activity.pk}"' in mine
    first.post(f"/portal/activities/signups/{signup.pk}/cancel/")
    assert "已报名" in second.get("/portal/activities/mine/").content.decode()
    assert SignUp.objects.get(activity=activity, status="signed").phone == "13900000042"


def test_a_worker_cannot_cancel_someone_elses_sign_up_or_see_an_activity_outside_their_subtree(world, two):
    first, second = two
    activity = make_activity(world.county)
    first.post(f"/portal/activities/{activity.pk}/sign-up/")
    signup = SignUp.objects.get()
    assert second.post(f"/portal/activities/signups/{signup.pk}/cancel/").status_code == 404
    elsewhere = make_activity(world.county2)
    assert first.get(f"/portal/activities/{elsewhere.pk}/").status_code == 404


def test_the_door_code_checks_in_once_and_refuses_a_second_time_politely(world, two):
    first, _second = two
    activity = make_activity(world.county)
    first.post(f"/portal/activities/{activity.pk}/sign-up/")
    url = f"/portal/activities/{activity.pk}/checkin/{checkin_token(activity)}/"
    # The door opens an hour before the start: move the activity's start to now.
    from django.utils import timezone

    from gonghui.activities.models import Activity

    Activity.objects.filter(pk=activity.pk).update(starts_at=timezone.now())
    assert 'data-testid="checkin"' in first.get(url).content.decode()
    assert SignUp.objects.get().status == "signed"  # a GET never writes
    assert 'data-testid="checkin-done"' in first.post(url).content.decode()
    again = first.post(url).content.decode()
    assert 'data-testid="checkin-again"' in again and "无需重复签到" in again
    wrong = first.get(f"/portal/activities/{activity.pk}/checkin/nottheone/").content.decode()
    assert "签到码无效" in wrong


def test_the_activity_pages_need_the_portal_login(world):
    activity = make_activity(world.county)
    for url in ("/portal/activities/", f"/portal/activities/{activity.pk}/", "/portal/activities/mine/"):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/portal/login/")


def test_a_whole_fee_reads_in_yuan_without_decimals(world, two):
    first, _ = two
    day = localtime().replace(hour=9, minute=0, second=0, microsecond=0) + datetime.timedelta(days=3)
    activity = make_activity(world.county, fee="20.00", starts_at=day, ends_at=day + datetime.timedelta(hours=3))
    assert "20元" in first.get("/portal/activities/").content.decode()
    detail = first.get(f"/portal/activities/{activity.pk}/").content.decode()
    assert "20元（现场缴纳）" in detail and "20.00元" not in detail
    # A one-day activity names its day once.
    assert f'data-testid="when">{day:%Y-%m-%d} 09:00 — 12:00<' in detail
