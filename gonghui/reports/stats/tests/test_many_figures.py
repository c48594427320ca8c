"""The figures a 批量预填 reads for many subtrees at once equal `figure()` for each subtree: every
registered metric, unfiltered and filtered by each value its rows hold of each dimension, for the
province, the county, the township and each grassroots union (counts and sums added up the tree,
distinct counts grouped per depth, ratios from both)."""

import pytest

from gonghui.core.metrics import all_metrics
from gonghui.core.periods import Period
from gonghui.orgs.scope import Scope
from gonghui.reports.metrics import figure, split_figure
from gonghui.reports.metrics.many import figures_for_paths_many
from gonghui.reports.stats.tests.conftest import YEAR
from gonghui.reports.stats.tests.test_returns import TODAY

pytestmark = pytest.mark.django_db


def test_every_metric_and_filter_equals_the_live_figure_of_each_subtree(stats_world):
    w = stats_world
    period = Period.stat_year(YEAR)
    paths = [u.path for u in (w.province, w.county, w.township, w.grassroots, w.hotel, w.mill)]
    asks = []
    for metric in all_metrics():
        asks.append((metric.name, None))
        for dim in metric.dimensions:
            for value, _label, _figure in split_figure(metric.name, scope=Scope.all(), under=w.province.path,
                                                       period=period, by=dim.name, today=TODAY)[:2]:
                asks.append((metric.name, {dim.name: value}))
    assert any(where for _name, where in asks)  # the world's members give the dimensions values
    got = figures_for_paths_many(asks, paths=paths, period=period, today=TODAY)
    for (name, where), values in zip(asks, got, strict=True):
        for path in paths:
            live = figure(name, scope=Scope.all(), under=path, period=period, where=where, today=TODAY).value
            assert values[path] == live, (name, where, path)


def test_a_period_not_begun_is_missing_for_every_subtree(stats_world):
    w = stats_world
    got = figures_for_paths_many([("members.total", None)], paths=[w.county.path], period=Period.stat_year(2030),
                                 today=TODAY)
    assert got == [{w.county.path: None}]
