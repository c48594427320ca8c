"""The 指标 link beside a figure on every domain's figures page (templatetags/metric_links.py): to the
metric's page for the same subtree and the closest metric period, only for a viewer who may read that
metric's figures there."""

import datetime
import html

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from gonghui.accounts.roles import RoleCode
from gonghui.core.periods import Period as CorePeriod
from gonghui.testing.world import make_user
from gonghui.web.common.periods import Period, metric_period

pytestmark = pytest.mark.django_db


def _href(name: str, pk: int, period: str) -> str:
    return f'href="/reports/metrics/{name}/?under={pk}&amp;period={period}"'


# (page, query with {pk} for the county, the period key the link must carry, the linked metrics)
PAGES = [
    ("/activities/figures/", "root={pk}&start=2026-01-01&end=2026-12-31", "2026",
     ["activities.held", "activities.attendance", "activities.members_reached"]),
    ("/aid/figures/", "union={pk}&period=quarter&year=2026&quarter=2", "2026Q2",
     ["aid.people", "aid.times", "aid.amount"]),
    ("/benefits/figures/", "union={pk}&start=2026-03-01&end=2026-03-31", "2026-03",
     ["benefits.issued", "benefits.redeemed", "benefits.redemption_rate"]),
    ("/cases/dashboard/", "union={pk}&period=month&year=2026&month=5", "2026-05",
     ["cases.received", "cases.on_time_rate", "cases.closure_rate", "cases.money_recovered"]),
    ("/contracts/figures/", "union={pk}&start=2025-10-01&end=2026-09-30", "SY2026",
     ["contracts.in_force", "contracts.workers_covered", "contracts.filing_rate"]),
    ("/democracy/figures/", "start=2026-01-01&end=2026-02-15", "2026-01-01~2026-02-15",
     ["democracy.sessions", "democracy.disclosures"]),
    ("/jobs/figures/", "start=2026-01-01&end=2026-12-31", "2026", ["jobs.fairs", "jobs.intentions"]),
    ("/skills/figures/", "union={pk}&start=2026-01-01&end=2026-12-31", "2026",
     ["skills.suggestions", "skills.studios", "skills.apprenticeships", "skills.competitions"]),
    ("/hardship/dashboard/", "union={pk}&period=year&year=2025", "2025",
     ["hardship.in_file", "hardship.filed", "hardship.exited"]),
]


@pytest.mark.parametrize(("url", "query", "period", "names"), PAGES, ids=[p[0] for p in PAGES])
def test_each_figures_page_links_its_figures_to_the_metric_for_the_same_subtree_and_period(
        world, login, url, query, period, names):
    response = login("county_admin").get(f"{url}?{query.format(pk=world.county.pk)}")
    assert response.status_code == 200
    page = response.content.decode()
    for name in names:
        assert _href(name, world.county.pk, period) in page, name
        assert f'data-testid="metric-link-{name}"' in page


def test_a_viewer_who_may_not_read_the_figures_there_gets_no_link(world, login, client):
    # A lawyer sees only the cases assigned to them: the page opens, the subtree's figures are not theirs.
    make_user("lawyer", world.county, RoleCode.LAWYER)
    page = login("lawyer").get("/cases/dashboard/").content.decode()
    assert 'data-testid="work-orders"' in page
    assert "gh-metric-link" not in page and "/reports/metrics/cases." not in page


def _render(user, union, period):
    request = RequestFactory().get("/")
    request.user = user
    out = Template('{% load metric_links %}{% metric_link "members.total" union period %}').render(
        Context({"request": request, "union": union, "period": period}))
    return html.unescape(out)


def test_the_link_needs_the_figure_scope_over_that_subtree(world):
    year = CorePeriod.year(2026)
    assert f"/reports/metrics/members.total/?under={world.county.pk}&period=2026" in _render(
        world.county_admin, world.county, year)
    assert _render(world.county_admin, world.county2, year).strip() == ""  # beside the county, not below it
    assert _render(world.no_grants, world.grassroots, year).strip() == ""
    assert _render(world.county_admin, None, year).strip() == ""


def test_the_closest_metric_period_of_what_a_page_counted():
    day = datetime.date
    today = day(2026, 6, 10)
    assert metric_period(Period("quarter", 2026, 3)).key == "2026Q3"
    assert metric_period(Period("month", 2025, 11)).key == "2025-11"
    assert metric_period(Period("year", 2024, 0)).key == "2024"
    assert metric_period(day(2026, 1, 1), day(2026, 12, 31)).key == "2026"
    assert metric_period(day(2025, 10, 1), day(2026, 9, 30)).key == "SY2026"
    assert metric_period(day(2026, 4, 1), day(2026, 6, 30)).key == "2026Q2"
    assert metric_period(day(2026, 2, 1), day(2026, 2, 28)).key == "2026-02"
    assert metric_period(day(2026, 2, 3), day(2026, 5, 9)).key == "2026-02-03~2026-05-09"
    assert metric_period(None, None, today=today).key == "2026"
    assert metric_period(day(2026, 3, 1), None, today=today).key == "2026-03-01~2026-06-10"
    assert metric_period(day(1990, 1, 1), day(2026, 5, 9)).key == "2026"  # wider than ten years
    assert metric_period(2025).key == "2025"
