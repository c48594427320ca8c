"""附近的服务站点 on a phone: a worker lets the page know where they stand, finds the nearest 驿站 open
now (one nearer is shut at this hour, one nearer still is suspended and not listed), has its walking
route link, scans its code and checks in as a guest with the SMS code; a second check-in the same day
is refused politely. The county cadre then finds the visit counted on the position's console page."""


import pytest
from django.utils import timezone

from gonghui.accounts import sms_backends
from gonghui.positions.geo.route import route_url
from gonghui.positions.hours import LOCAL, Span
from gonghui.positions.services.positions import position_set_status
from gonghui.positions.services.visits import checkin_token
from gonghui.positions.tests.setup import JINJIANG, station
from gonghui.testing.world import build_world
from tests.e2e.conftest import shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = "13800138077"
# About 111 m a thousandth of a degree of latitude: the stations stand north of the worker.
STEP = 0.001


def _shut_now() -> list[Span]:
    """An hour a day that is twelve hours away from now, so the station is 已打烊 whenever the test runs."""
    now = timezone.now().astimezone(LOCAL)
    opens = (now.hour * 60 + now.minute + 720) % 1440
    return [Span(d, opens, opens + 60) for d in range(7)]


def test_a_worker_finds_the_nearest_open_station_checks_in_once_and_the_county_sees_it(browser, live_server):
    world = build_world()
    lat, lng = JINJIANG
    suspended = station(world, name="春熙路口驿站", at=(lat + STEP, lng))
    position_set_status(actor=world.county_admin, position=suspended, action="suspend", reason="设备检修")
    station(world, name="红星路驿站", at=(lat + 2 * STEP, lng), hours=_shut_now())
    nearest = station(world, name="东大街驿站", at=(lat + 4 * STEP, lng))
    station(world, name="合江亭驿站", at=(lat + 12 * STEP, lng))
    # The phone reports GPS (WGS-84), as stored: 111 m south of the suspended station, 444 m of 东大街.
    here = float(nearest.lat) - 5 * STEP, float(nearest.lng)

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  locale="zh-CN", geolocation={"latitude": here[0], "longitude": here[1]},
                                  permissions=["geolocation"])
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    phone.goto(live_server.url + "/portal/")
    phone.get_by_role("link", name="附近的服务站点").first.click()
    phone.wait_for_url("**/portal/positions/")
    phone.get_by_test_id("near-form").locator("[name=kind]").select_option("station")
    phone.get_by_test_id("locate").click()
    phone.get_by_test_id("near-list").wait_for()
    items = phone.get_by_test_id("near-item")
    names = items.get_by_test_id("near-name").all_inner_texts()
    assert "春熙路口驿站" not in names
    assert names[:3] == ["红星路驿站", "东大街驿站", "合江亭驿站"]
    assert "已打烊" in items.nth(0).inner_text()
    first_open = items.filter(has=phone.get_by_test_id("near-open")).first
    assert first_open.get_by_test_id("near-name").inner_text() == "东大街驿站"
    assert "米" in first_open.get_by_test_id("near-distance").inner_text()
    assert first_open.get_by_test_id("near-route").get_attribute("href") == route_url(nearest)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "positions-near-me")

    # At the station: the printed code opens the check-in page; a guest proves the phone.
    phone.goto(live_server.url + f"/portal/positions/checkin/{checkin_token(nearest)}/")
    assert phone.get_by_test_id("checkin-position").inner_text() == "东大街驿站"
    form = phone.get_by_test_id("checkin-form")
    form.get_by_text("饮水").click()
    form.locator("[name=rating]").select_option("5")
    form.locator("[name=phone]").fill(PHONE)
    phone.get_by_test_id("send-code").click()
    phone.wait_for_load_state()
    code = next(m.code for m in reversed(sms_backends.outbox) if m.phone == PHONE)
    assert form.locator("[name=phone]").input_value().replace(" ", "") == PHONE
    form.locator("[name=code]").fill(code)
    phone.get_by_test_id("submit-checkin").click()
    phone.wait_for_url("**/done/")
    assert "签到成功" in phone.get_by_test_id("checked-in").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "positions-checked-in")

    # The same person again today: signed in now, refused kindly, nothing counted twice.
    phone.goto(live_server.url + f"/portal/positions/checkin/{checkin_token(nearest)}/")
    phone.get_by_test_id("submit-checkin").click()
    phone.wait_for_load_state()
    assert "您今天已在这里签到过了" in phone.get_by_test_id("error-checkin").inner_text()
    # The Enter-key default button stays off screen (it showed as a stray box above the form).
    assert phone.locator(".pt-default-submit").bounding_box()["x"] < 0
    shot(phone, "positions-second-checkin")
    context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base = live_server.url
    log_in(page, "county_admin")
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + "/positions/?kind=station")
    page.get_by_role("link", name="东大街驿站").click()
    page.wait_for_url(f"**/positions/{nearest.pk}/")
    this_month = f"{timezone.localdate():%Y-%m}"
    row = page.get_by_test_id("visits").locator("tbody tr").first
    assert row.locator("td").nth(0).inner_text() == this_month
    assert row.locator("td").nth(1).inner_text() == "1"
    shot(page, "positions-console-visit")
    context.close()
