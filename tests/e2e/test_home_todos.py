"""工作台 led by what waits: the county's home shows nothing to do, then a case is dispatched to it,
an application arrives at a union under it and a batch waits for its approval; the home page and
the menu's badges count them, and a to-do opens the filtered list holding the item."""

import datetime

import pytest

from gonghui.accounts.roles import RoleCode
from gonghui.aid.services import batch_create, batch_submit, campaign_create, grant_add, programme_create
from gonghui.cases.services import case_classify, case_dispatch, case_intake
from gonghui.members.services.applications import PortalWorker, application_submit
from gonghui.testing.world import build_world, make_person_id, make_user, member_data
from tests.e2e.conftest import shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _work_arrives(world) -> str:
    hotline = make_user("hotline_agent", world.province, RoleCode.HOTLINE_AGENT)
    case = case_intake(actor=hotline, union=world.province,
                       data={"caller_name": "周晓红", "caller_phone": "13800138777", "kind": "complaint",
                             "employer_name": "示例科技有限公司", "description": "公司拖欠两个月加班费。"}).case
    case = case_classify(actor=hotline, case=case, category="wages", difficulty="hard")
    case_dispatch(actor=hotline, case=case, union=world.county)
    data = member_data()
    application_submit(worker=PortalWorker(phone=data.pop("phone")), union=world.grassroots, data=data)
    programme = programme_create(actor=world.county_admin, union=world.county, kind="winter_warmth", name="送温暖",
                                 fund_source="warmth_fund", budget="10000", standard_amount="500",
                                 standard_goods_value="200")
    campaign = campaign_create(actor=world.county_admin, programme=programme, year=2026,
                               starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 2, 28))
    batch = batch_create(actor=world.county_clerk, campaign=campaign, union=world.county, title="春节慰问")
    grant_add(actor=world.county_clerk, batch=batch,
              data={"name": "赵大勇", "id_number": make_person_id(), "phone": "13600000001", "group": "outdoor"})
    batch_submit(actor=world.county_clerk, batch=batch)
    return case.number


def test_the_county_home_counts_new_work_and_a_todo_opens_the_list_holding_it(page):
    world = build_world()
    log_in(page, "county_admin")
    page.wait_for_url(page.base + "/")
    page.get_by_test_id("todos-empty").wait_for()

    number = _work_arrives(world)
    page.reload()
    assert page.get_by_test_id("todo-cases.sign").get_by_test_id("todo-count").inner_text() == "1"
    assert page.get_by_test_id("todo-members.applications").get_by_test_id("todo-count").inner_text() == "1"
    assert page.get_by_test_id("todo-aid.approve").get_by_test_id("todo-count").inner_text() == "1"
    sidebar = page.locator("aside.gh-sidebar")
    # Every group is folded on the home page: each summary shows its sum, the entries theirs inside.
    assert sidebar.get_by_test_id("nav-group-badge-org").inner_text() == "1"
    assert sidebar.get_by_test_id("nav-group-badge-hardship").inner_text() == "1"
    assert sidebar.get_by_test_id("nav-badge-application_queue").text_content() == "1"
    assert sidebar.get_by_test_id("nav-badge-aid_batch_list").text_content() == "1"
    shot(page, "console-home-todos")

    # Another page fetches its badges once shown.
    page.goto(page.base + "/orgs/")
    # 维权服务 is folded there: its summary carries the sum.
    sidebar.get_by_test_id("nav-group-badge-rights").filter(has_text="1").wait_for()

    page.goto(page.base + "/")
    page.get_by_test_id("todo-cases.sign").click()
    page.get_by_test_id("case-table").filter(has_text=number).wait_for()
    assert "active" in (page.get_by_test_id("case-tab-todo").get_attribute("class") or "")
    assert page.errors == []  # type: ignore[attr-defined]
