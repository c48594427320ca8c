"""A county cadre filters the case queue and exports it: the .xlsx holds exactly the filtered cases."""

import openpyxl
import pytest

from gonghui.accounts.models import User
from gonghui.accounts.roles import RoleCode
from gonghui.cases.services import case_classify, case_intake
from gonghui.testing.world import build_world, make_user
from tests.e2e.conftest import shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _case(agent, union, difficulty: str, phone: str):
    case = case_intake(actor=agent, union=union, data={
        "caller_name": "周晓红", "caller_phone": phone, "kind": "complaint", "employer_name": "示例科技有限公司",
        "description": "公司拖欠两个月加班费共六千元。"}).case
    # The holding union classifies it; the provincial hotline that took the call only supervises now.
    holder = User.objects.filter(username=f"holder_{union.pk}").first() or make_user(
        f"holder_{union.pk}", union, RoleCode.UNION_ADMIN)
    return case_classify(actor=holder, case=case, category="wages", difficulty=difficulty)


def test_a_county_cadre_exports_the_filtered_case_queue(page, tmp_path):
    world = build_world()
    agent = make_user("hotline", world.province, RoleCode.HOTLINE_AGENT)
    hard = {_case(agent, world.county, "hard", "13800138001").number,
            _case(agent, world.county, "hard", "13800138002").number}
    _case(agent, world.county, "ordinary", "13800138003")
    _case(agent, world.county2, "hard", "13800138004")
    log_in(page, "county_admin")
    page.wait_for_url(page.base + "/")
    page.goto(page.base + "/cases/?queue=all")
    page.select_option("#id_difficulty", "hard")
    page.get_by_role("search").get_by_role("button").click()
    page.wait_for_url("**difficulty=hard**")
    assert page.get_by_test_id("case-table").locator("tbody tr").count() == 2
    shot(page, "console-case-queue-export")
    with page.expect_download() as download_info:
        page.get_by_test_id("list-export").click()
    path = tmp_path / "cases.xlsx"
    download_info.value.save_as(path)
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "案件编号"
    assert {r[0] for r in rows[1:]} == hard
    assert all("138****" in r[6] for r in rows[1:])
    assert page.get_by_test_id("list-print").is_visible()
