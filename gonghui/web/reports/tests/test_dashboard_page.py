"""统计总览: each domain's headline figures for the cadre's union with 同比, each opening its metric."""

import pytest
from django.urls import reverse

from gonghui.accounts.roles import RoleCode
from gonghui.core.periods import Period
from gonghui.orgs.scope import Scope
from gonghui.reports.metrics import figure
from gonghui.reports.metrics.dashboard import headline_names
from gonghui.testing.world import make_member, make_user

pytestmark = pytest.mark.django_db


def test_a_county_sees_every_headline_with_its_metric_link(client, world):
    make_member(world.grassroots, name="王芳")
    client.force_login(world.county_admin)
    page = client.get(reverse("web:reports_dashboard") + "?period=2026")
    body = page.content.decode()
    assert page.status_code == 200
    for name in headline_names():
        assert f'data-testid="card-{name}"' in body, name
        assert f'href="/reports/metrics/{name}/?under={world.county.pk}&period=2026"' in body
    members = figure("members.total", scope=Scope.all(), under=world.county.path, period=Period.parse("2026")).value
    card = body.split('data-testid="card-members.total"')[1].split("</a>")[0]
    assert f">{members}<" in card
    assert 'data-testid="children-chart"' in body
    assert page.context["chart"]["labels"] == ["春熙路街道工会"]
    assert page.context["chart"]["series"][0]["values"] == [float(members)]


def test_a_statistics_reader_opens_it_and_another_county_is_not_found(client, world):
    reader = make_user("county_reader", world.county, RoleCode.STATS_VIEWER)
    client.force_login(reader)
    assert client.get(reverse("web:reports_dashboard")).status_code == 200
    assert client.get(reverse("web:reports_dashboard") + f"?under={world.county2.pk}").status_code == 404


@pytest.mark.parametrize("query", ["?under=abc", "?period=2026Q9", "?chart=nonsense", "?under=99999999999999999"])
def test_a_bad_query_never_breaks_the_page(client, world, query):
    client.force_login(world.county_admin)
    assert client.get(reverse("web:reports_dashboard") + query).status_code in (200, 404)


def _trend_world(world):
    from django.utils import timezone

    from gonghui.members.models import Membership
    from gonghui.reports.metrics.evaluate import last_months

    months = last_months(timezone.localdate())
    for day in (months[0].start, months[6].start, months[6].end):
        Membership.objects.filter(pk=make_member(world.grassroots).pk).update(join_date=day)
    return months


@pytest.mark.parametrize("stored_above", [0, 100_000])
def test_the_trend_shows_the_last_twelve_months_equal_to_the_live_figures(client, world, settings, stored_above):
    from gonghui.reports.metrics.rollup import refresh_metric_figures
    from gonghui.testing.world import SYSTEM

    months = _trend_world(world)
    settings.GONGHUI_METRIC_STORED_ABOVE = stored_above
    refresh_metric_figures(actor=SYSTEM, names=["members.new"])
    client.force_login(world.province_officer)
    page = client.get(reverse("web:reports_dashboard"))
    body = page.content.decode()
    assert 'data-testid="trend-chart"' in body and 'id="dash-trend"' in body
    trend = page.context["trend_data"]
    assert trend["labels"] == [p.key for p in months]
    live = [figure("members.new", scope=Scope.all(), under=world.province.path, period=p).value for p in months]
    assert trend["series"][0]["values"] == [float(v) for v in live] and sum(live) == 4  # with 李四, today
    assert page.context["trend"].live == (stored_above > 0)
    assert ("汇总数据" in body.split('data-testid="trend-note"')[1].split("</p>")[0]) == (stored_above == 0)


def test_the_trend_switches_to_another_headline_flow_and_refuses_a_stock(client, world):
    client.force_login(world.county_admin)
    page = client.get(reverse("web:reports_dashboard") + "?trend=cases.received&chart=unions.grassroots")
    assert page.context["trend"].metric.name == "cases.received"
    assert page.context["chart_metric"].name == "unions.grassroots"
    body = page.content.decode()
    assert '<input type="hidden" name="trend" value="cases.received">' in body  # the other chart keeps it
    assert '<input type="hidden" name="chart" value="unions.grassroots">' in body
    choices = {m.name for m in page.context["trend_choices"]}
    assert "members.total" not in choices and "cases.on_time_rate" not in choices and "members.new" in choices
    for stock in ("members.total", "cases.on_time_rate", "honours.awards"):
        assert client.get(reverse("web:reports_dashboard") + f"?trend={stock}").context["trend"].metric.name \
            == "members.new"


def test_the_dashboard_costs_the_same_queries_however_big_the_tree(client, world, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gonghui.orgs.choices import Level, UnionKind
    from gonghui.reports.metrics.rollup import refresh_metric_figures
    from gonghui.testing.world import SYSTEM, make_union

    settings.GONGHUI_METRIC_STORED_ABOVE = 0
    _trend_world(world)
    client.force_login(world.province_officer)

    def cost():
        refresh_metric_figures(actor=SYSTEM)
        client.get(reverse("web:reports_dashboard"))  # warm the session and the grants
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("web:reports_dashboard")).status_code == 200
        return len(queries)

    few = cost()
    for n in range(4):
        town = make_union(world.county2, f"第{n}街道工会", Level.TOWNSHIP, UnionKind.TOWNSHIP)
        make_member(make_union(town, f"第{n}公司工会", Level.GRASSROOTS, UnionKind.ENTERPRISE))
    assert cost() == few
