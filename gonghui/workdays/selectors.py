"""Reads of the holiday table. `calendar_for` sits on the hot path of every case intake and deadline
sweep, so the whole table is held per process and re-read only when it changed (`core.snapshot`: the
services note each write; union moves rewrite local entries' paths without going through us, which the
snapshot's reload every few minutes catches).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from gonghui.core.snapshot import SharedSnapshot
from gonghui.orgs import tree
from gonghui.workdays.calendar import WorkCalendar
from gonghui.workdays.models import CalendarYear, Holiday, HolidayKind


@dataclass
class _Table:
    # org_path -> {day: kind}; "" is national. Local paths are ordered shallow to deep.
    entries: dict[str, dict[datetime.date, str]]
    years: dict[str, set[int]]
    local_paths: tuple[str, ...]
    built: dict[tuple[str, ...], WorkCalendar] = field(default_factory=dict)


def _load() -> _Table:
    entries: dict[str, dict[datetime.date, str]] = {"": {}}
    for day, kind, path in Holiday.objects.values_list("day", "kind", "org_path").iterator(chunk_size=2000):
        entries.setdefault(path, {})[day] = kind
    years: dict[str, set[int]] = {"": set()}
    for year, path in CalendarYear.objects.values_list("year", "org_path"):
        years.setdefault(path, set()).add(year)
    local = sorted((set(entries) | set(years)) - {""}, key=lambda p: (len(p), p))
    return _Table(entries=entries, years=years, local_paths=tuple(local))


VERSION_KEY = "workdays:calendar-version"
_table = SharedSnapshot(VERSION_KEY, _load)


def _build(table: _Table, org_path: str) -> WorkCalendar:
    applicable = tuple(p for p in table.local_paths if org_path.startswith(p))
    cached = table.built.get(applicable)
    if cached is not None:
        return cached
    merged = dict(table.entries.get("", {}))
    covered = set(table.years.get("", set()))
    for path in applicable:  # shallow to deep: the deepest entry for a day wins
        merged.update(table.entries.get(path, {}))
        covered |= table.years.get(path, set())
    calendar = WorkCalendar(
        holidays=frozenset(d for d, k in merged.items() if k == HolidayKind.HOLIDAY),
        workdays=frozenset(d for d, k in merged.items() if k == HolidayKind.ADJUSTED_WORKDAY),
        covered_years=frozenset(covered),
    )
    table.built[applicable] = calendar
    return calendar


def calendar_for(org_path: str = "") -> WorkCalendar:
    """The working-day calendar that applies to the union at `org_path` ("" for the national one)."""
    return _build(_table.get(), org_path)


def calendar_changed() -> None:
    """Every process reloads on its next call."""
    _table.changed()


def note_calendar_write() -> None:
    """A service wrote to the calendar inside the current transaction."""
    _table.note_write()


# Reads for the console and the API: who may see the calendar is the edge's business (any case
# permission); these only pick the rows that apply where the viewer stands.

def applicable_paths(org_path: str) -> list[str]:
    """"" and the union's own path and its ancestors': every path whose entries apply there."""
    return ["", *tree.ancestor_paths(org_path), org_path] if org_path else [""]


def _on_paths(paths: Iterable[str]) -> Q:
    return Q(org_path__in=list(paths))


def holidays_in_year(*, year: int, org_path: str = "") -> QuerySet[Holiday]:
    """Every entry of `year` that applies at `org_path`, national and local, with the union named."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (Holiday.objects.filter(_on_paths(applicable_paths(org_path)), day__gte=start, day__lte=end)
            .select_related("union").order_by("day", "org_path"))


def years_marked(*, org_path: str = "") -> QuerySet[CalendarYear]:
    return CalendarYear.objects.filter(_on_paths(applicable_paths(org_path))).select_related("union")


def holiday_get(*, pk: int) -> Holiday | None:
    return Holiday.objects.select_related("union").filter(pk=pk).first()


def calendar_year_get(*, pk: int) -> CalendarYear | None:
    return CalendarYear.objects.select_related("union").filter(pk=pk).first()


@dataclass(frozen=True)
class YearCoverage:
    year: int
    covered: bool  # the calendar that applies has data for the year
    marks: list[CalendarYear]  # why: seeded or entered, nationally or locally


def year_coverage(*, year: int, org_path: str = "") -> YearCoverage:
    marks = list(years_marked(org_path=org_path).filter(year=year).order_by("org_path"))
    return YearCoverage(year=year, covered=bool(marks), marks=marks)

