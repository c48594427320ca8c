"""统计年报 level by level: a county cadre opens a grassroots union's return pre-filled from the
records, enters the hand fields, meets a failed check beside its field, fixes it and signs off and
prints it; the county's status page shows it signed, and the county's own return sums it."""

import datetime

import pytest

from gonghui.members.models import Membership
from gonghui.orgs.choices import Level, UnionKind
from gonghui.reports.stats.selectors import reporting_year
from gonghui.testing.world import build_world, make_member, make_union
from tests.e2e.conftest import shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HAND = {"A02": "4", "A03": "3", "A04": "1", "C01": "王芳", "C02": "5", "C03": "2", "E01": "1000", "E02": "500",
        "E03": "500", "E06": "800", "E07": "800"}  # the contract fields (D02–D04) come from the records


def test_a_county_fills_checks_and_signs_a_grassroots_return_then_aggregates(page):
    world = build_world()
    mill = make_union(world.county, "锦江纺织厂工会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    year = reporting_year()
    for name in ("赵一", "钱二", "孙三"):
        make_member(mill, name=name)
    Membership.objects.filter(union=mill).update(join_date=datetime.date(year - 1, 11, 1))
    log_in(page, "county_admin")
    page.wait_for_url(page.base + "/")
    page.goto(f"{page.base}/reports/stats/")
    row = page.get_by_test_id("child-row").filter(has_text="锦江纺织厂工会")
    row.get_by_role("button", name="开始填报").click()
    page.wait_for_url("**/reports/stats/*/")
    members = page.get_by_test_id("field-B01")
    assert "系统生成" in members.inner_text() and "3" in members.locator("output").inner_text()
    for code, value in HAND.items():
        page.fill(f"#v_{code}", value)
    page.fill("#v_A01", "2")  # fewer employees than the members the records hold
    page.get_by_test_id("save").click()
    failure = page.get_by_test_id("failure-B01")
    assert "职工人数" in failure.inner_text()
    shot(page, "annual-stats-failed-check")
    page.fill("#v_A01", "10")
    page.get_by_test_id("save").click()
    page.get_by_test_id("checks-ok").wait_for()
    page.fill("#id_name", "王芳")
    page.get_by_test_id("sign").click()
    assert page.get_by_test_id("return-status").inner_text() == "已签报"
    page.get_by_test_id("print-link").click()
    sheet = page.get_by_test_id("sheet").inner_text()
    assert "基层工会调查表" in sheet and "王芳" in sheet and page.get_by_test_id("print-A01").inner_text() == "10"
    page.goto(f"{page.base}/reports/stats/")
    assert "已签报" in page.get_by_test_id("child-row").filter(has_text="锦江纺织厂工会").inner_text()
    assert page.get_by_test_id("count-signed").inner_text() == "1"
    page.get_by_test_id("own-start").click()
    page.wait_for_url("**/reports/stats/*/")
    page.get_by_test_id("aggregate").click()
    assert page.get_by_test_id("field-A01").locator("output").inner_text() == "10"
    shot(page, "annual-stats-county-aggregate")
