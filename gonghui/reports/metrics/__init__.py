"""Computing the metrics the domains declare (gonghui.core.metrics): a figure for a subtree and a
period, split by a dimension, per child union, and the rows behind it."""

from gonghui.reports.metrics.evaluate import (
    Figure,
    children_figures,
    figure,
    figure_scope,
    metric_rows,
    metric_scope,
    split_figure,
)
from gonghui.reports.metrics.stored import figure_at, figures_at

__all__ = ["Figure", "children_figures", "figure", "figure_at", "figure_scope", "figures_at", "metric_rows",
           "metric_scope", "split_figure"]
