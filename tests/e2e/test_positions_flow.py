"""附近的服务站点 on a phone: a worker lets the page know where they stand, finds the nearest 驿站 open
now (one nearer is shut at this hour, one nearer still is suspended and not listed), has its walking
route link, scans its code and checks in as a guest with the SMS code; a second check-in the same day
is refused politely. The county cadre then finds the visit counted on the position's console page.
服务圈覆盖: the county cadre finds the town whose riders have no station, in the list and on the map (no
tile server: markers on a blank ground), follows it to the rows behind it, and exports the list."""


import openpyxl
import pytest
from django.utils import timezone

from gonghui.accounts import sms_backends
from gonghui.members.choices import EmploymentForm, NewFormGroup
from gonghui.orgs.choices import Level, UnionKind
from gonghui.orgs.models import Region
from gonghui.positions.geo.route import route_url
from gonghui.positions.hours import LOCAL, Span
from gonghui.positions.services.positions import position_set_status
from gonghui.positions.services.visits import checkin_token
from gonghui.positions.tests.setup import JINJIANG, regions, station
from gonghui.testing.world import build_world, make_member, make_union
from tests.e2e.conftest import nav_link, shot
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


def test_a_county_finds_its_gap_town_on_the_list_and_the_map_follows_it_and_exports_the_list(page, tmp_path):
    world = build_world()
    regions()
    Region.objects.get_or_create(adcode="510104021", defaults={"name": "书院街街道", "level": 4,
                                                               "parent_id": "510104", "dataset": "test"})
    # Couriers in 春熙路街道, where the station stands; riders in 书院街街道, where none does.
    for name, town, group, n in (("春熙路快递行业工会", "510104020", NewFormGroup.COURIER, 2),
                                 ("书院街外卖骑手工会", "510104021", NewFormGroup.FOOD_DELIVERY, 3)):
        union = make_union(world.township, name, Level.GRASSROOTS, UnionKind.NEW_FORM_FEDERATION, region=town)
        for _ in range(n):
            make_member(union, employment_form=EmploymentForm.NEW_FORM, new_form_group=group)
    station(world, name="春熙路工会驿站", region="510104020")

    log_in(page, "county_admin")
    page.wait_for_url(page.base + "/")
    nav_link(page, "服务圈覆盖").click()
    page.wait_for_url("**/positions/coverage/")
    table = page.get_by_test_id("coverage-table")
    listed = [[c.strip() for c in row.split("\t")] for row in table.locator("tbody tr").all_inner_texts()]
    assert [(r[0], r[1], r[2], r[3]) for r in listed] == [
        ("锦江区 510104", "已覆盖", "5", "1"), ("└ 书院街街道 510104021", "有职工无站点", "3", "0"),
        ("└ 春熙路街道 510104020", "已覆盖", "2", "1")]
    # The layer without tiles: the station's walking circle and its marker, and the county marked for its gap town.
    layer = page.get_by_test_id("coverage-map")
    assert "gh-map-blank" in layer.get_attribute("class")
    gap = layer.locator("[data-gap='510104']")
    gap.wait_for()
    assert gap.get_attribute("aria-label") == ("锦江区：1个乡镇（街道）存在缺口，户外及新就业形态职工 5 人"
                                               " · 书院街街道 有职工无站点")
    assert layer.locator(".leaflet-overlay-pane path").count() == 1
    assert layer.locator(".leaflet-marker-pane [title='春熙路工会驿站']").count() == 1
    shot(page, "positions-coverage-map")
    gap.click()
    layer.locator("[data-gap-town='510104021'] a").click()
    page.wait_for_url("**/positions/coverage/510104021/")
    rows = page.get_by_test_id("coverage-area-table").locator("tbody tr").all_inner_texts()
    assert [r.split("\t")[0].strip() for r in rows] == ["书院街外卖骑手工会 无工作单位"]
    assert "共 3 人" in page.locator(".gh-page-title").inner_text()

    page.get_by_role("link", name="返回服务圈覆盖").click()
    page.wait_for_url("**/positions/coverage/")
    with page.expect_download() as download_info:
        page.get_by_test_id("list-export").click()
    path = tmp_path / "coverage.xlsx"
    download_info.value.save_as(path)
    assert download_info.value.suggested_filename.endswith(".xlsx")
    sheet = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(sheet) if r[0] == "区划代码") + 1
    exported = [(f"{r[1]} {r[0]}", r[8], str(r[3]), str(r[5])) for r in sheet[start:] if r[0]]
    assert exported == [(r[0].removeprefix("└ "), r[1], r[2], r[3]) for r in listed]
