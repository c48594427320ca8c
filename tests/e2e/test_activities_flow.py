"""工会活动 on the real pages (issue #14): a county cadre creates and publishes an activity with one place
on the console form; two workers on their phones sign in by SMS and sign up, the first takes the place
and the second waits, first in line; the first cancels from 我的活动 before the deadline and the place,
with a text message, passes to the second; at the door the second checks in through the link the
printed QR code carries, once only; after the end the cadre finishes the activity and reads who came."""

import datetime
import re

import pytest
from django.utils import timezone

from gonghui.accounts import sms_backends
from gonghui.activities.models import Activity
from gonghui.orgs.models import TradeUnion
from gonghui.testing.activities import region_for_tests
from gonghui.testing.world import build_world, make_member
from tests.e2e.conftest import shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "职工气排球友谊赛"
FIRST, FIRST_PHONE = "陈思远", "13800138411"
SECOND, SECOND_PHONE = "林晓雯", "13800138422"
MOMENT = "%Y-%m-%dT%H:%M"


def _phone(browser, base: str, phone_number: str, goto: str):
    """A worker's own phone: opening a portal page asks for the number, the SMS code signs them in."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  locale="zh-CN")
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    phone.goto(base + goto)
    phone.wait_for_url("**/portal/login/**")
    phone.get_by_test_id("phone").fill(phone_number)
    phone.get_by_test_id("send-code").click()
    phone.wait_for_url("**/portal/login/code/")
    phone.get_by_test_id("code").fill(next(m.code for m in reversed(sms_backends.outbox) if m.phone == phone_number))
    phone.get_by_test_id("verify").click()
    phone.wait_for_url("**" + goto)
    return context, phone


def _create_and_publish(page) -> Activity:
    now = timezone.localtime()
    page.goto(page.base + "/activities/")
    page.get_by_test_id("activity-create").click()
    page.wait_for_url("**/activities/new/")
    form = page.get_by_test_id("activity-form")
    form.locator("[name=kind]").select_option("sports")
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=description]").fill("每队6人，现场分组。")
    form.locator("[name=capacity]").fill("1")
    # Sign-up open now and closing in 20 minutes; the door opens an hour before the start.
    for name, minutes in (("signup_opens_at", -10), ("signup_closes_at", 20), ("starts_at", 30),
                          ("ends_at", 150)):
        form.locator(f"[name={name}]").fill((now + datetime.timedelta(minutes=minutes)).strftime(MOMENT))
    form.locator("[name=region]").select_option("510104")
    form.locator("[name=address]").fill("锦江区职工活动中心二楼")
    page.get_by_test_id("activity-save").click()
    page.wait_for_url(re.compile(r".*/activities/\d+/$"))
    activity = Activity.objects.get(title=TITLE)
    assert activity.status == "draft" and activity.capacity == 1
    page.get_by_test_id("publish").click()
    page.wait_for_load_state()
    page.get_by_text("活动已发布，会员可以报名了。").wait_for()
    activity.refresh_from_db()
    assert activity.status == "open"
    return activity


def _sign_up(phone, activity: Activity) -> str:
    phone.goto(phone.base + "/portal/activities/")
    phone.get_by_role("link", name=TITLE).first.click()
    phone.wait_for_url(f"**/portal/activities/{activity.pk}/")
    phone.get_by_test_id("sign-up").click()
    phone.wait_for_load_state()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    return phone.get_by_test_id("my-status").inner_text()


def test_a_place_passes_from_a_cancelled_sign_up_to_the_waiting_list_and_the_door_code_checks_in_once(
        browser, live_server):
    world = build_world()
    # The console's form offers the divisions of the organiser's own province.
    TradeUnion.objects.filter(pk=world.county.pk).update(region=region_for_tests())
    make_member(world.grassroots, name=FIRST, phone=FIRST_PHONE)
    make_member(world.grassroots, name=SECOND, phone=SECOND_PHONE)
    base = live_server.url

    cadre = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = cadre.new_page()
    page.set_default_timeout(15_000)
    page.base = base
    log_in(page, "county_admin")
    page.wait_for_url(base + "/")
    activity = _create_and_publish(page)

    first_context, first = _phone(browser, base, FIRST_PHONE, "/portal/activities/")
    first.base = base
    assert _sign_up(first, activity) == "已报名"
    shot(first, "activities-signed-up")
    second_context, second = _phone(browser, base, SECOND_PHONE, "/portal/activities/")
    second.base = base
    assert _sign_up(second, activity) == "候补 · 第1位"
    assert "候补名单第1位" in second.get_by_test_id("message").inner_text()
    shot(second, "activities-waiting")

    # The first cannot come after all and withdraws from 我的活动 before sign-up closes.
    first.goto(base + "/portal/activities/mine/")
    first.get_by_test_id(f"cancel-{activity.pk}").click()
    first.wait_for_url("**/portal/activities/mine/")
    assert "已取消报名" in first.get_by_test_id("message").inner_text()
    assert first.get_by_test_id(f"status-{activity.pk}").inner_text() == "已取消"
    first_context.close()

    second.goto(base + "/portal/activities/mine/")
    assert second.get_by_test_id(f"status-{activity.pk}").inner_text() == "已报名"
    freed = [m for m in sms_backends.outbox if m.purpose == "activity_promoted"]
    assert [m.phone for m in freed] == [SECOND_PHONE]
    assert TITLE in freed[0].text and "您已报名成功" in freed[0].text
    shot(second, "activities-promoted")

    # At the door: the printed code carries the check-in link.
    page.reload()
    assert "已报名1/1 · 候补0" in page.get_by_test_id("activity-counts").inner_text()
    with page.expect_popup() as popup:
        page.get_by_test_id("door-qr").click()
    door = popup.value
    door.wait_for_load_state()
    assert door.get_by_test_id("door-title").inner_text() == TITLE
    assert door.get_by_test_id("door-qr-image").get_attribute("src").startswith("data:image/")
    link = door.locator(".link").inner_text().strip()
    assert link.startswith(base + f"/portal/activities/{activity.pk}/checkin/")
    door.close()

    second.goto(link)
    second.get_by_test_id("checkin").click()
    second.wait_for_load_state()
    done = second.get_by_test_id("checkin-done").inner_text()
    assert "签到成功" in done and SECOND in done
    assert second.evaluate("document.documentElement.scrollWidth") <= 390
    shot(second, "activities-checked-in")
    second.goto(link)
    second.get_by_test_id("checkin").click()
    second.wait_for_load_state()
    assert re.search(r"您已于.*签到，无需重复签到。", second.get_by_test_id("checkin-again").inner_text())
    second_context.close()

    # The activity's hours pass: its times are moved back so that it ended a minute ago.
    shift = activity.ends_at - timezone.now() + datetime.timedelta(minutes=1)
    Activity.objects.filter(pk=activity.pk).update(
        signup_opens_at=activity.signup_opens_at - shift, signup_closes_at=activity.signup_closes_at - shift,
        starts_at=activity.starts_at - shift, ends_at=activity.ends_at - shift)
    page.reload()
    page.get_by_test_id("finish").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("activity-title").inner_text() == TITLE
    assert "已签到1 · 未到0" in page.get_by_test_id("activity-counts").inner_text()
    table = page.get_by_test_id("signup-table").inner_text()
    assert SECOND in table and FIRST not in table
    shot(page, "activities-finished")
    page.goto(base + "/activities/figures/")
    totals = page.get_by_test_id("figures-total").inner_text().split()
    # Each label carries its 指标 link (to the metric's page for this union and period).
    assert totals == ["1", "场次指标", "1", "参与人次指标", "1", "覆盖会员指标"]
    assert page.get_by_test_id("metric-link-activities.held").count() == 1
    cadre.close()
