"""Reads of the holiday table. `calendar_for` sits on the hot path of every case intake and deadline
sweep, so the whole table is held per process and re-read only when it changed.

Invalidation: every write bumps a token in Django's cache once its transaction commits; each call
compares that token with the one its snapshot was loaded under (one cache read; local memory in
development, Redis when several processes share it). Inside the writing transaction the snapshot is
bypassed, so the writer sees its own change at once and nothing uncommitted is ever cached. Union
moves rewrite local entries' paths without going through us, hence a reload at least every few minutes.
"""

import datetime
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Q, QuerySet

from gonghui.orgs import tree
from gonghui.workdays.calendar import WorkCalendar
from gonghui.workdays.models import CalendarYear, Holiday, HolidayKind

VERSION_KEY = "workdays:calendar-version"
RELOAD_AFTER_SECONDS = 300.0


@dataclass
class _Snapshot:
    token: str
    loaded_at: float
    # org_path -> {day: kind}; "" is national. Local paths are ordered shallow to deep.
    entries: dict[str, dict[datetime.date, str]]
    years: dict[str, set[int]]
    local_paths: tuple[str, ...]
    built: dict[tuple[str, ...], WorkCalendar] = field(default_factory=dict)


_snapshot: _Snapshot | None = None
_load_lock = threading.Lock()
_pending = threading.local()  # .callback: what this thread's open transaction runs when its calendar write commits


def _current_token() -> str:
    token = cache.get(VERSION_KEY)
    if token is None:
        # First use, or the cache lost the key: any fresh token differs from every snapshot's.
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        token = cache.get(VERSION_KEY)
    # No shared cache to answer (Redis away): "" — the snapshot loaded under it is kept, as stale at
    # most RELOAD_AFTER_SECONDS like after a union move; a reload per call would read the whole table
    # on every case intake.
    return str(token or "")


def _load(token: str) -> _Snapshot:
    entries: dict[str, dict[datetime.date, str]] = {"": {}}
    for day, kind, path in Holiday.objects.values_list("day", "kind", "org_path").iterator(chunk_size=2000):
        entries.setdefault(path, {})[day] = kind
    years: dict[str, set[int]] = {"": set()}
    for year, path in CalendarYear.objects.values_list("year", "org_path"):
        years.setdefault(path, set()).add(year)
    local = sorted((set(entries) | set(years)) - {""}, key=lambda p: (len(p), p))
    return _Snapshot(token=token, loaded_at=time.monotonic(), entries=entries, years=years,
                     local_paths=tuple(local))


def _build(snapshot: _Snapshot, org_path: str) -> WorkCalendar:
    applicable = tuple(p for p in snapshot.local_paths if org_path.startswith(p))
    cached = snapshot.built.get(applicable)
    if cached is not None:
        return cached
    merged = dict(snapshot.entries.get("", {}))
    covered = set(snapshot.years.get("", set()))
    for path in applicable:  # shallow to deep: the deepest entry for a day wins
        merged.update(snapshot.entries.get(path, {}))
        covered |= snapshot.years.get(path, set())
    calendar = WorkCalendar(
        holidays=frozenset(d for d, k in merged.items() if k == HolidayKind.HOLIDAY),
        workdays=frozenset(d for d, k in merged.items() if k == HolidayKind.ADJUSTED_WORKDAY),
        covered_years=frozenset(covered),
    )
    snapshot.built[applicable] = calendar
    return calendar


def calendar_for(org_path: str = "") -> WorkCalendar:
    """The working-day calendar that applies to the union at `org_path` ("" for the national one)."""
    global _snapshot
    if _own_write_pending():
        return _build(_load(""), org_path)  # our own uncommitted write: read it, never cache it
    token = _current_token()
    snapshot = _snapshot
    if snapshot is None or snapshot.token != token or time.monotonic() - snapshot.loaded_at > RELOAD_AFTER_SECONDS:
        with _load_lock:
            snapshot = _snapshot
            if snapshot is None or snapshot.token != token or \
                    time.monotonic() - snapshot.loaded_at > RELOAD_AFTER_SECONDS:
                snapshot = _snapshot = _load(token)
    return _build(snapshot, org_path)


def calendar_changed() -> None:
    """Every process reloads on its next call; called by the services once a write commits."""
    global _snapshot
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    _snapshot = None


def note_calendar_write() -> None:
    """A service wrote to the calendar inside the current transaction."""
    if _own_write_pending():
        return

    def committed() -> None:
        _pending.callback = None
        calendar_changed()

    _pending.callback = committed
    transaction.on_commit(committed)


def _own_write_pending() -> bool:
    # Ours until it runs (the commit) or leaves the connection's list of what waits for the commit (a
    # rollback of the transaction or of the savepoint the write was in drops it there). A flag alone
    # outlived a rollback and left the thread re-reading the whole table on every later call.
    callback = getattr(_pending, "callback", None)
    return callback is not None and connection.in_atomic_block and any(
        entry[1] is callback for entry in connection.run_on_commit)  # (savepoints, function, robust)


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

