"""The monthly trend of a flow (统计总览's line): each of the last 12 months equal to the live figure of
that month, whether read live (one query grouped by month) or from the stored months the refresh
writes (one grouped query per depth), and the drift check covering the stored months."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gonghui.core.metrics import all_metrics
from gonghui.members.models import Membership
from gonghui.orgs.choices import Level, UnionKind
from gonghui.orgs.scope import Scope
from gonghui.reports.metrics import figure
from gonghui.reports.metrics.evaluate import last_months, monthly_figures
from gonghui.reports.metrics.rollup import metric_drift, refresh_metric_figures, standard_periods, stored_paths
from gonghui.reports.metrics.stored import trend_at
from gonghui.reports.models import MetricFigure
from gonghui.testing.world import SYSTEM, make_member, make_union

pytestmark = pytest.mark.django_db


@pytest.fixture
def joined(world):
    """Members of 锦江区 and 涪城区 joining in three different months of the last twelve."""
    today = timezone.localdate()
    months = last_months(today)
    hotel = make_union(world.township, "锦江宾馆工会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    plant = make_union(world.county2, "涪城机械厂工会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    days = [months[0].start, months[0].end, months[4].start + datetime.timedelta(days=9), today,
            months[4].end]
    for union, day in zip((hotel, hotel, world.grassroots, plant, plant), days, strict=True):
        Membership.objects.filter(pk=make_member(union).pk).update(join_date=day)
    Membership.objects.filter(pk=world.membership.pk).update(join_date=months[0].start - datetime.timedelta(days=1))
    return months


def _live(name, path, months):
    return [figure(name, scope=Scope.all(), under=path, period=p).value for p in months]


def test_the_live_trend_is_each_months_figure_from_one_query(world, joined, django_assert_num_queries):
    with django_assert_num_queries(1):
        trend = monthly_figures("members.new", scope=Scope.all(), under=world.province.path, months=joined)
    assert [v for _p, v in trend] == _live("members.new", world.province.path, joined)
    assert trend[0][1] == 2 and sum(v for _p, v in trend) == 5  # the day before is not in it


def test_every_metric_declaring_its_month_groups_to_its_monthly_figures(world, joined):
    declared = [m for m in all_metrics() if m.month_field]
    assert {"members.new", "cases.received", "aid.amount", "activities.held"} <= {m.name for m in declared}
    for metric in declared:
        for path in (world.province.path, world.county.path):
            trend = monthly_figures(metric.name, scope=Scope.all(), under=path, months=joined)
            assert [v for _p, v in trend] == _live(metric.name, path, joined), metric.name


def test_the_stored_trend_equals_the_live_one_and_says_as_of(world, joined):
    refresh_metric_figures(actor=SYSTEM, names=["members.new"])
    for union in (world.province, world.city, world.county, world.city2):
        stored = trend_at("members.new", scope=Scope.all(), under=union.path, months=joined, stored_above=0)
        live = trend_at("members.new", scope=Scope.all(), under=union.path, months=joined, stored_above=10_000)
        assert not stored.live and stored.as_of is not None and live.live
        assert [v for _p, v in stored.months] == [v for _p, v in live.months] == _live(
            "members.new", union.path, joined), union.name
    keys = set(MetricFigure.objects.filter(metric="members.new", path=world.county.path)
               .values_list("period", flat=True))
    assert {p.key for p in joined} <= keys
    assert not MetricFigure.objects.filter(metric="members.total", period=joined[0].key).exists()  # a stock has none


def test_the_refresh_stores_the_months_with_one_grouped_query_per_depth(world, joined):
    today = timezone.localdate()
    periods = [p for p in standard_periods(today) if p.has_begun(today)]
    with CaptureQueriesContext(connection) as queries:
        refresh_metric_figures(actor=SYSTEM, names=["members.new"])
    reads = [q for q in queries if q["sql"].lstrip().upper().startswith("SELECT") and "members_membership" in q["sql"]]
    assert len(reads) == len(stored_paths()) * (len(periods) + 1)  # the standard periods, then all 12 months at once


def test_the_drift_check_catches_a_wrong_stored_month(world, joined):
    refresh_metric_figures(actor=SYSTEM, names=["members.new"])
    assert metric_drift() == []
    MetricFigure.objects.filter(metric="members.new", period=joined[4].key, path=world.county.path).update(value=7)
    problems = metric_drift()
    assert len(problems) == 1 and f"{joined[4].key} {world.county.path}: stored 7" in problems[0]
