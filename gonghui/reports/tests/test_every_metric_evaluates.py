"""Every registered metric evaluates through every path a page or the API takes, on the test world:
a wrong field name in a declaration fails here, not on a cadre's screen."""

import datetime

import pytest

from gonghui.core.metrics import all_metrics
from gonghui.core.periods import Period
from gonghui.orgs.scope import Scope
from gonghui.reports.metrics import children_figures, figure, metric_rows, split_figure

pytestmark = pytest.mark.django_db


def test_every_metric_reads_its_figure_children_splits_and_rows(world):
    period, today = Period.parse("SY2026"), datetime.date(2026, 12, 4)
    for metric in all_metrics():
        kw = {"scope": Scope.all(), "under": world.province.path, "period": period, "today": today}
        value = figure(metric.name, **kw).value
        assert value is not None or metric.is_ratio, metric.name
        children_figures(metric.name, **kw)
        for dim in metric.dimensions:
            split_figure(metric.name, by=dim.name, **kw)
        rows = metric_rows(metric.name, **kw)
        list(rows.values(*[column for column, _title in metric.row_columns])[:1])
