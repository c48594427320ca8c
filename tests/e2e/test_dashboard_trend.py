"""统计总览's 12-month trend drawn as a line and switched to another flow, at desk and phone width; and a
figure on a domain's figures page followed through its 指标 link to the metric's page."""

import pytest
from django.utils import timezone

from gonghui.members.models import Membership
from gonghui.reports.metrics.evaluate import last_months
from gonghui.testing.world import build_world, make_member
from tests.e2e.conftest import shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world():
    world = build_world()
    months = last_months(timezone.localdate())
    for day in (months[1].start, months[5].start, months[5].end, months[9].start):
        Membership.objects.filter(pk=make_member(world.grassroots).pk).update(join_date=day)
    return world


def _open(p):
    log_in(p, "county_admin")
    p.wait_for_url(p.base + "/")
    p.goto(p.base + "/reports/dashboard/")
    card = p.get_by_test_id("trend-chart")
    card.locator("[data-chart=dash-trend] svg").wait_for()
    assert "新发展会员" in card.locator(".card-header h2").inner_text()
    assert p.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    return card


def test_the_dashboard_draws_the_trend_and_switches_it(page):
    _world()
    card = _open(page)
    shot(page, "console-dashboard-trend")
    card.locator("select[name=trend]").select_option("cases.received")
    card.get_by_role("button", name="查看").click()
    page.wait_for_url("**trend=cases.received**")
    assert "受理案件" in page.get_by_test_id("trend-chart").locator(".card-header h2").inner_text()


def test_the_trend_fits_a_phone(phone):
    _world()
    _open(phone)
    shot(phone, "console-dashboard-trend-phone")


def test_a_figure_on_a_figures_page_opens_its_metric(page):
    world = _world()
    log_in(page, "county_admin")
    page.wait_for_url(page.base + "/")
    page.goto(page.base + f"/skills/figures/?union={world.county.pk}&start=2026-01-01&end=2026-12-31")
    page.get_by_test_id("metric-link-skills.suggestions").click()
    page.wait_for_url(f"**/reports/metrics/skills.suggestions/?under={world.county.pk}&period=2026")
    assert "五小和合理化建议" in page.get_by_role("heading", level=1).inner_text()
