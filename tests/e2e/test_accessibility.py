"""What axe cannot see by itself: where the focus goes, what a keyboard change does, what a chart says,
and the portal at 200% zoom. (axe itself runs on every page every browser test visits: a11y.py.)"""

import pytest

from gonghui.accounts import sms_backends
from gonghui.accounts.roles import RoleCode
from gonghui.cases.services import case_classify, case_intake
from gonghui.testing.world import build_world, make_member, make_user
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ZOOMED = {"width": 195, "height": 422}  # a 390×844 phone at 200% zoom


def _focused(page) -> str:
    return page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")


def test_a_failed_login_focuses_the_error_summary_and_ties_each_error_to_its_field(page):
    build_world()
    page.goto(page.base + "/login/")
    assert page.locator("main h1").inner_text() == "智慧工会"
    page.get_by_test_id("login-submit").click()
    summary = page.get_by_test_id("error-summary")
    summary.wait_for()
    page.wait_for_load_state()
    assert "data-error-summary" in _focused(page)
    username = page.locator("#id_username")
    assert username.get_attribute("aria-invalid") == "true"
    described = username.get_attribute("aria-describedby")
    assert described == "id_username_error"
    assert page.locator(f"#{described}").inner_text() in summary.inner_text()
    summary.get_by_role("link").first.click()
    assert 'id="id_username"' in _focused(page)
    page.fill("#id_username", "county_admin")
    page.fill("#id_password", "wrong-password")
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("form-error").wait_for()
    page.wait_for_load_state()
    assert page.locator("#id_username").get_attribute("aria-invalid") is None
    assert "data-error-summary" in _focused(page)


def test_the_skip_link_is_the_first_stop_and_lands_on_the_page(page):
    build_world()
    log_in(page, "county_admin")
    page.wait_for_url(page.base + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".gh-skip")
    assert skip.is_visible() and "gh-skip" in _focused(page)
    page.keyboard.press("Enter")
    assert _focused(page).startswith("<main")
    assert page.locator("nav[aria-label] a[aria-current=page]").first.inner_text().strip().endswith("工作台")


def test_a_keyboard_change_of_a_period_picker_waits_for_enter(page):
    build_world()
    log_in(page, "county_admin")
    page.wait_for_url(page.base + "/")
    page.goto(page.base + "/cases/dashboard/")
    url = page.url
    page.locator("#period").focus()
    page.keyboard.press("ArrowDown")
    assert page.url == url
    assert page.get_by_test_id("period-form").locator(".gh-apply").is_visible()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "period=" in page.url


def test_every_chart_has_a_summary_and_a_table_of_its_numbers(page):
    world = build_world()
    # One classified case at the county, so that every chart has something to draw (an empty one
    # says 暂无数据 instead: test_periods_and_charts).
    hotline = make_user("hotline_agent", world.province, RoleCode.HOTLINE_AGENT)
    case = case_intake(actor=hotline, union=world.county, data={
        "caller_name": "张三", "caller_phone": "13700000001", "kind": "complaint", "employer_name": "某建筑劳务公司",
        "description": "被拖欠三个月工资，共计一万二千元。"}).case
    case_classify(actor=world.people["county_admin"], case=case, category="wages", difficulty="hard")
    log_in(page, "county_admin")
    page.wait_for_url(page.base + "/")
    page.goto(page.base + "/cases/dashboard/")
    charts = page.locator(".gh-chart")
    assert charts.count() == 3
    for i in range(3):
        chart = charts.nth(i)
        assert chart.get_attribute("role") == "img"
        assert "：" in (chart.get_attribute("aria-label") or "")
    status = charts.first
    assert status.get_attribute("aria-label").startswith("按状态")
    table = page.locator(".gh-chart-data").first
    table.locator("summary").click()
    assert table.locator("tbody tr").count() >= 3
    assert table.locator("thead th").nth(1).inner_text().startswith("案件")
    assert_accessible(page)


def test_the_org_tree_toggle_says_whether_it_is_open(page):
    world = build_world()
    log_in(page, "county_admin")
    page.wait_for_url(page.base + "/")
    page.goto(page.base + "/orgs/")
    toggle = page.get_by_test_id(f"toggle-{world.county.pk}")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    page.get_by_test_id("org-tree").get_by_text("春熙路街道工会").wait_for()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert_accessible(page)
    toggle.click()
    page.get_by_test_id("org-tree").get_by_text("春熙路街道工会").wait_for(state="detached")
    assert toggle.get_attribute("aria-expanded") == "false"


def test_the_portal_at_200_percent_zoom_keeps_its_header_and_never_scrolls_sideways(browser, live_server):
    world = build_world()
    make_member(world.grassroots, name="周晓红", phone="13800138777")
    context = browser.new_context(viewport=ZOOMED, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    phone.goto(live_server.url + "/portal/hardship/mine/")
    phone.get_by_test_id("phone").fill("13800138777")
    phone.get_by_test_id("send-code").click()
    phone.wait_for_url("**/portal/login/code/")
    code = next(m.code for m in reversed(sms_backends.outbox) if m.phone == "13800138777")
    phone.get_by_test_id("code").fill(code)
    phone.get_by_test_id("verify").click()
    phone.wait_for_url("**/portal/hardship/mine/")
    for path in ("/portal/hardship/mine/", "/portal/", "/portal/card/", "/portal/hardship/", "/portal/cases/"):
        phone.goto(live_server.url + path)
        brand = phone.locator(".pt-brand-name").bounding_box()
        assert brand is not None and brand["height"] < 40, path  # one line, not a character a line
        overflow = phone.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
    shot(phone, "portal-mine-200-percent")
    context.close()


def test_every_skills_page_passes_axe_with_a_record_of_each_kind(page, browser, live_server):
    """axe over each 技能创新 console page, lists and details with data in them, and the portal's pages
    for a signed-in worker (the honours pages are walked by test_honours_flow)."""
    from gonghui.web.skills.tests.conftest import records_at

    world = build_world()
    records = records_at(world.county, world.employer, world.county_admin, world.province_officer)
    competition, stage = records.competition, records.competition.stages.order_by("order", "pk").first()
    log_in(page, "county_admin")
    page.wait_for_url(page.base + "/")
    paths = ["/skills/", "/skills/competitions/new/", f"/skills/competitions/{competition.pk}/",
             f"/skills/competitions/{competition.pk}/edit/",
             f"/skills/competitions/{competition.pk}/stages/{stage.pk}/",
             f"/skills/competitions/{competition.pk}/stages/{stage.pk}/scores/",
             "/skills/suggestions/", "/skills/suggestions/new/", f"/skills/suggestions/{records.suggestion.pk}/",
             "/skills/studios/", "/skills/studios/new/", f"/skills/studios/{records.studio.pk}/",
             "/skills/apprenticeships/", "/skills/apprenticeships/new/",
             f"/skills/apprenticeships/{records.pair.pk}/", "/skills/training/", "/skills/training/new/",
             "/skills/figures/"]
    for path in paths:
        response = page.goto(page.base + path)
        assert response is not None and response.status == 200, path

    make_member(world.grassroots, name="周晓红", phone="13800138778")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    phone.goto(live_server.url + "/portal/skills/")
    phone.get_by_test_id("phone").fill("13800138778")
    phone.get_by_test_id("send-code").click()
    phone.wait_for_url("**/portal/login/code/")
    phone.get_by_test_id("code").fill(next(m.code for m in reversed(sms_backends.outbox) if m.phone == "13800138778"))
    phone.get_by_test_id("verify").click()
    phone.wait_for_url("**/portal/skills/")
    phone.goto(live_server.url + "/portal/skills/suggest/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
