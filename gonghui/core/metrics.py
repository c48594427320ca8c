"""The metric layer's declarations: every figure a report shows is a named, versioned metric, declared
by the domain that owns its rows (in the domain's own `metrics.py`, registered when the app is ready).

A metric says in words what it counts (the glossary page shows it), its unit and rounding, how it
rolls up the org tree, the dimensions it splits by, and — for a counted metric — the rows behind it
for a period, as a queryset the reports app filters to a subtree and a scope. Core imports no domain
and evaluates nothing: `gonghui.reports.metrics` computes, stores and drills down.

Roll-up is part of the definition, because it decides what "the county's figure" means:
- COUNT and SUM add up the tree (a row belongs to one union);
- DISTINCT counts people (or employers) once however many rows they have in the subtree, so a
  parent's figure is its own distinct count, never the sum of its children's;
- RATIO is the ratio of two metrics' subtree figures (Σ numerator / Σ denominator), never an
  average of the children's rates; with no denominator it has no value ("—").
A metric's `version` changes whenever its definition changes what it counts: stored figures and
figures sent to an upper deployment carry it, so old and new numbers are never compared as one.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from gonghui.core.errors import NotFound
from gonghui.core.periods import Period


class Aggregation(StrEnum):
    COUNT = "count"  # rows
    SUM = "sum"  # a numeric field of the rows
    DISTINCT = "distinct"  # distinct values of a field (people, employers)
    RATIO = "ratio"  # numerator metric / denominator metric × scale


class Temporal(StrEnum):
    FLOW = "flow"  # what happened within the period (新发展会员, 受理案件)
    STOCK = "stock"  # what stood at the period's last day (会员总数, 基层工会数)


@dataclass(frozen=True)
class Dimension:
    """A way to split a metric: a field of its rows and the labels of its values."""

    name: str  # "gender", "employment_form", "kind": the API's `by=` and stored splits use it
    lookup: str  # the rows' field (may cross a relation: "member__gender")
    label: Any  # translatable
    # value -> label, for the values the field holds (a TextChoices' choices); values not listed show as they are.
    choices: Mapping[str, Any] = field(default_factory=dict)

    def label_of(self, value: Any) -> Any:
        return self.choices.get(value, value) if value not in (None, "") else "—"


# rows(period) -> the unscoped queryset of rows behind the figure for that period.
RowsFn = Callable[[Period], Any]


@dataclass(frozen=True)
class Metric:
    name: str  # "<domain>.<what>", stable: URLs, stored figures and the API use it
    label: Any  # translatable short name, as a report says it (新发展会员)
    definition: Any  # translatable sentence: what is counted, from which records, which are left out
    unit: Any  # translatable (人, 家, 份, 件, 元, %)
    aggregation: Aggregation
    temporal: Temporal
    owner: str  # the app label of the domain owning the rows
    # The permission whose scope decides which rows a viewer may count and open.
    permission: str
    version: int = 1
    decimals: int = 0
    rows: RowsFn | None = None  # COUNT, SUM, DISTINCT
    # The rows' copy of their union's path: the subtree filter and the roll-up group by it.
    path_field: str = "org_path"
    value_field: str = ""  # SUM: the summed field; DISTINCT: the field counted once
    numerator: str = ""  # RATIO: metric names
    denominator: str = ""
    scale: int = 1  # RATIO: 100 for a percentage
    dimensions: tuple[Dimension, ...] = ()
    # Columns of the drill-down: (field path, translatable title), read from the rows.
    row_columns: tuple[tuple[str, Any], ...] = ()
    # The rows' field whose value names one row in the console (a member, a case); the reports
    # interface turns (owner, value) into a link.
    row_link_field: str = "pk"
    # A flow's date or moment the period filters its rows by, declared when a span's rows are exactly
    # its months' rows (no condition on the period's end beyond it): the monthly trend then groups
    # the rows by month in one query. Empty: the metric has no monthly trend.
    month_field: str = ""

    def __post_init__(self) -> None:
        counted = self.aggregation != Aggregation.RATIO
        if counted and self.rows is None:
            raise ValueError(f"metric {self.name}: a counted metric needs rows")
        if self.aggregation in (Aggregation.SUM, Aggregation.DISTINCT) and not self.value_field:
            raise ValueError(f"metric {self.name}: {self.aggregation} needs value_field")
        if not counted and not (self.numerator and self.denominator):
            raise ValueError(f"metric {self.name}: a ratio needs a numerator and a denominator")
        if self.month_field and (self.temporal != Temporal.FLOW or not counted):
            raise ValueError(f"metric {self.name}: only a counted flow groups by month")
        if "." not in self.name:
            raise ValueError(f"metric {self.name}: name it <domain>.<what>")

    @property
    def is_ratio(self) -> bool:
        return self.aggregation == Aggregation.RATIO

    def dimension(self, name: str) -> Dimension:
        for dim in self.dimensions:
            if dim.name == name:
                return dim
        raise NotFound()


_METRICS: dict[str, Metric] = {}


def register_metric(metric: Metric) -> Metric:
    if metric.name in _METRICS and _METRICS[metric.name] is not metric:
        raise ValueError(f"Two metrics named {metric.name!r}.")
    _METRICS[metric.name] = metric
    return metric


def register_metrics(metrics: Iterable[Metric]) -> None:
    for metric in metrics:
        register_metric(metric)


def get_metric(name: str) -> Metric:
    try:
        return _METRICS[name]
    except KeyError:
        raise NotFound() from None


def all_metrics() -> list[Metric]:
    """Every metric, by owning domain and name (the glossary's order)."""
    return sorted(_METRICS.values(), key=lambda m: (m.owner, m.name))


def check_ratios() -> list[str]:
    """Problems with the registry as a whole: a ratio naming a metric nobody declared."""
    problems = []
    for metric in _METRICS.values():
        for part in (metric.numerator, metric.denominator):
            if part and part not in _METRICS:
                problems.append(f"{metric.name}: {part} is not a metric")
    return problems
