"""Stored figures: equal to the live ones after the refresh, brought back equal after a subtree moves
and a member transfers, after a merge, a delete, a dissolve and a member leaving; read from the store
above the threshold, and checked by rollup_check."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gonghui.core.periods import Period
from gonghui.members.services.registry import membership_leave
from gonghui.members.services.transfers import transfer_accept, transfer_release
from gonghui.orgs.choices import Level, UnionKind
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope
from gonghui.orgs.services.unions import union_delete, union_dissolve, union_merge, union_move
from gonghui.reports.metrics import figure, figure_at
from gonghui.reports.metrics.rollup import metric_drift, refresh_metric_figures, standard_periods
from gonghui.reports.models import MetricFigure
from gonghui.reports.tasks import metric_figures_refresh_task
from gonghui.testing.world import SYSTEM, confirmed_transfer, make_member, make_union

pytestmark = pytest.mark.django_db
NAMES = ["members.total", "members.new", "members.women_share", "unions.grassroots"]


@pytest.fixture
def branch(world):
    """A second grassroots union in 锦江区 and one in 涪城区, with members in each."""
    hotel = make_union(world.township, "锦江宾馆工会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    plant = make_union(world.county2, "涪城机械厂工会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    for union in (hotel, hotel, plant):
        make_member(union)
    return hotel


def _live(name, path, period):
    return figure(name, scope=Scope.all(), under=path, period=period).value


def _assert_stored_equal_live(*unions):
    """Every metric's stored figure for these unions, this calendar year, against the live figure."""
    period = standard_periods(timezone.localdate())[0]
    rows = MetricFigure.objects.filter(period=period.key, path__in=[u.path for u in unions])
    assert rows.count() == len(unions) * len({r.metric for r in rows}) > len(unions) * 40
    for row in rows:
        assert row.value == _live(row.metric, row.path, period), str(row)


def test_the_refresh_stores_every_union_above_grassroots_equal_to_its_live_figure(world, branch):
    refresh_metric_figures(actor=SYSTEM, names=NAMES)
    period = standard_periods(timezone.localdate())[0]
    stored = {r.path: r.value for r in MetricFigure.objects.filter(metric="members.total", period=period.key)}
    assert world.grassroots.path not in stored  # grassroots unions are read live
    assert stored[world.county.path] == _live("members.total", world.county.path, period) == 3
    assert stored[world.province.path] == 4  # 涪城区 is in 绵阳市, beside 成都市
    for row in MetricFigure.objects.all():  # every stored row against the live figure, computed apart
        assert row.value == _live(row.metric, row.path, Period.parse(row.period)), str(row)
    assert metric_drift() == []


def test_the_refresh_is_one_grouped_query_per_depth_not_per_union(world, branch):
    for n in range(6):
        make_union(world.county, f"第{n}街道工会", Level.TOWNSHIP, UnionKind.TOWNSHIP)
    with CaptureQueriesContext(connection) as few:
        refresh_metric_figures(actor=SYSTEM, names=["members.total"])
    make_union(world.county2, "新设街道工会", Level.TOWNSHIP, UnionKind.TOWNSHIP)
    with CaptureQueriesContext(connection) as more:
        refresh_metric_figures(actor=SYSTEM, names=["members.total"])
    assert len(more) == len(few)


def test_after_a_move_and_a_transfer_the_refresh_brings_stored_and_live_back_equal(world, branch):
    refresh_metric_figures(actor=SYSTEM, names=NAMES)
    union_move(actor=SYSTEM, union=world.township, new_parent=world.county2)
    transfer = confirmed_transfer(actor=SYSTEM, member=world.membership.member, to_union=branch)
    transfer_release(actor=SYSTEM, transfer=transfer)
    transfer_accept(actor=SYSTEM, transfer=transfer)
    assert metric_drift() != []  # the county's stored figures still count the branch it lost
    refresh_metric_figures(actor=SYSTEM, names=NAMES)
    assert metric_drift() == []
    period = standard_periods(timezone.localdate())[0]
    assert _live("members.total", world.county.path, period) == 0  # the whole 街道 left with its members


def test_a_big_subtree_reads_the_stored_figure_and_says_as_of_when(world, branch):
    refresh_metric_figures(actor=SYSTEM, names=NAMES)
    period = Period.year(timezone.localdate().year)
    stored = figure_at("members.total", scope=Scope.all(), under=world.province.path, period=period, stored_above=0)
    assert (stored.live, stored.value) == (False, 4) and stored.as_of is not None
    small = figure_at("members.total", scope=Scope.all(), under=world.province.path, period=period, stored_above=10_000)
    assert small.live and small.value == 4
    share = figure_at("members.women_share", scope=Scope.all(), under=world.province.path, period=period,
                      stored_above=0)
    assert share.value == _live("members.women_share", world.province.path, period) and share.denominator == 4


def test_rollup_check_reports_a_tampered_figure(world, branch, capsys):
    refresh_metric_figures(actor=SYSTEM, names=NAMES)
    call_command("rollup_check")
    assert "every stored figure matches" in capsys.readouterr().out
    row = MetricFigure.objects.get(metric="members.total", path=world.county.path,
                                   period=str(datetime.date.today().year))
    MetricFigure.objects.filter(pk=row.pk).update(value=99)
    with pytest.raises(CommandError, match="1 metric figures wrong"):
        call_command("rollup_check")
    assert f"members.total v1 {row.period} {world.county.path}: stored 99" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("metric_check")


def test_a_dashboard_reads_all_its_stored_figures_in_one_query(world, branch, django_assert_num_queries):
    from gonghui.reports.metrics import figures_at

    refresh_metric_figures(actor=SYSTEM, names=NAMES)
    period = Period.year(timezone.localdate().year)
    with django_assert_num_queries(2) as queries:  # the subtree's size, then every stored row
        found = figures_at(NAMES, scope=Scope.all(), under=world.province.path, period=period, stored_above=0)
    # All four columns of the unique index (metric, version, period, path): a province's table holds a
    # row per union, metric and period, and a read without the version scans every union's rows.
    read = queries.captured_queries[-1]["sql"].split(" WHERE ", 1)[1]
    assert all(f'"reports_metricfigure"."{column}"' in read for column in ("metric", "version", "period", "path"))
    assert {n: f.value for n, f in found.items()} == {n: _live(n, world.province.path, period) for n in NAMES}
    assert not any(f.live for f in found.values())


def test_after_a_merge_of_two_unions_the_refresh_brings_stored_and_live_back_equal(world, branch):
    # Two 街道 in 锦江区, each with a grassroots union and members; the second merges into the first.
    second = make_union(world.county, "书院街街道工会", Level.TOWNSHIP, UnionKind.TOWNSHIP)
    shop = make_union(second, "书院街商场工会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    make_member(shop)
    refresh_metric_figures(actor=SYSTEM, names=NAMES)
    assert MetricFigure.objects.filter(path=second.path).exists()
    union_merge(actor=SYSTEM, source=second, target=world.township)
    assert metric_drift() != []  # 书院街 is stored, and no longer stands
    assert metric_figures_refresh_task.enqueue().return_value > 0  # every metric, as on the periodic timer
    assert metric_drift() == []
    assert not MetricFigure.objects.filter(path=second.path).exists()  # the merged union is read no more
    period = standard_periods(timezone.localdate())[0]
    stored = MetricFigure.objects.get(metric="members.total", period=period.key, path=world.township.path)
    assert stored.value == _live("members.total", world.township.path, period) == 4
    grassroots = MetricFigure.objects.get(metric="unions.grassroots", period=period.key, path=world.township.path)
    assert grassroots.value == _live("unions.grassroots", world.township.path, period) == 3
    _assert_stored_equal_live(world.township, world.county, world.province)


def test_after_a_grassroots_merge_the_refresh_brings_stored_and_live_back_equal(world, branch, settings):
    settings.GONGHUI_METRIC_REFRESH_MINUTES = 0  # the timer's refresh, due at once
    refresh_metric_figures(actor=SYSTEM, names=NAMES)
    union_merge(actor=SYSTEM, source=branch, target=world.grassroots)
    metric_figures_refresh_task.enqueue()
    assert metric_drift() == []
    _assert_stored_equal_live(world.township, world.county, world.province)


def test_after_a_delete_a_dissolve_and_a_leave_the_refresh_brings_stored_and_live_back_equal(world, branch,
                                                                                             settings):
    settings.GONGHUI_METRIC_REFRESH_MINUTES = 0  # the timer's refresh, due at once
    mistake = make_union(world.county, "误建街道工会", Level.TOWNSHIP, UnionKind.TOWNSHIP)
    refresh_metric_figures(actor=SYSTEM, names=NAMES)
    assert MetricFigure.objects.filter(path=mistake.path).exists()
    mistake_path = mistake.path
    union_delete(actor=SYSTEM, union=mistake)
    plant = TradeUnion.objects.get(parent=world.county2)
    union_dissolve(actor=SYSTEM, union=plant, reason="企业注销")
    membership_leave(actor=SYSTEM, member=world.membership.member, note="退休")
    assert metric_drift() != []
    metric_figures_refresh_task.enqueue()
    assert metric_drift() == []
    assert not MetricFigure.objects.filter(path=mistake_path).exists()
    _assert_stored_equal_live(world.county, world.county2, world.city2, world.province)


def test_the_timer_refreshes_only_once_the_last_refresh_is_old_enough(world, settings):
    settings.GONGHUI_METRIC_REFRESH_MINUTES = 30
    assert metric_figures_refresh_task.enqueue().return_value > 0  # nothing stored yet: due
    written = MetricFigure.objects.values_list("computed_at", flat=True).first()
    assert metric_figures_refresh_task.enqueue().return_value == 0  # minutes ago: not due, nothing rewritten
    assert set(MetricFigure.objects.values_list("computed_at", flat=True)) == {written}
    MetricFigure.objects.update(computed_at=written - datetime.timedelta(minutes=31))
    assert metric_figures_refresh_task.enqueue().return_value > 0
    assert MetricFigure.objects.exclude(computed_at__gt=written).count() == 0



@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's")
def test_the_timer_refresh_waits_for_another_refresh_and_never_for_a_roster_commit(world):
    from django.db import DEFAULT_DB_ALIAS, connections

    from gonghui.core import xact_locks

    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        other.set_autocommit(False)

        def other_takes(namespace: int, key: int) -> None:  # never waits: a test that waits here hangs the run
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [namespace, key])
                assert cursor.fetchone()[0]

        # First another worker's refresh under way: the refresh that finds it takes nothing and holds nothing.
        other_takes(xact_locks.METRIC_REFRESH, 0)
        assert refresh_metric_figures(actor=SYSTEM, if_due=True) == 0
        other.rollback()
        # Then a roster commit whose import id once shared the refresh's keys: the refresh goes on (and now
        # holds its own lock until this test's transaction ends, so it comes last).
        other_takes(xact_locks.ROSTER_COMMIT, 0x6D72)
        assert refresh_metric_figures(actor=SYSTEM, if_due=True) > 0
    finally:
        other.rollback()
        other.close()
