"""Every write to the holiday table: set or remove an entry, mark a year complete, seed from the library.

National entries (no union) belong to whoever holds calendar.manage on the root of the tree. Local
entries (a regional holiday, 藏历新年, 那达慕) are set only at province level, by whoever holds it over
that province: a calendar inherits downward, and a day off decided by a county or a grassroots union
would lengthen every deadline in its subtree on its own say (docs/decisions.md, "SLA periods and
calendars inherit downward and only tighten"). Every write is audited and, once committed,
makes every process reload its calendar (selectors.calendar_changed).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.core.validators import clean_text_field
from gonghui.orgs.choices import Level
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import covers_all_roots, require, scope_for
from gonghui.orgs.services.common import audit_actor
from gonghui.workdays.library import library_days, library_years
from gonghui.workdays.models import CalendarYear, EntrySource, Holiday, HolidayKind
from gonghui.workdays.selectors import note_calendar_write

# The range deadlines are computed over (the calendar's property tests cover it); a date outside it
# is a typing mistake, not a holiday.
YEAR_MIN, YEAR_MAX = 1990, 2100
NAME_MAX, NOTE_MAX = 50, 200


def _root_paths() -> list[str]:
    return list(TradeUnion.objects.filter(parent__isnull=True).values_list("path", flat=True))


def _require_manage(actor: Any, union: TradeUnion | None) -> None:
    if union is not None:
        require(actor, Perm.CALENDAR_MANAGE, union.path)
        return
    # National entries are seen by everyone, so refusing them is a 403, never a 404.
    if covers_all_roots(scope_for(actor, Perm.CALENDAR_MANAGE)):
        return
    raise PermissionDenied(_("只有在最高一级工会拥有节假日管理权限的人员才能修改全国节假日。"))


def sets_local_entries(union: TradeUnion) -> bool:
    """Whether local holidays may be entered at `union` (a province, or the root of the tree)."""
    return union.level <= Level.PROVINCE


def may_manage(actor: Any, union: TradeUnion | None) -> bool:
    """Whether the forms for entries at `union` (None: national) are worth showing to `actor`."""
    try:
        _require_manage(actor, union)
    except (PermissionDenied, NotFound):
        return False
    return True


def _audit_path(union: TradeUnion | None) -> str:
    # A national entry is filed under the root, so the auditors of the deployment see it.
    if union is not None:
        return union.path
    roots = _root_paths()
    return roots[0] if len(roots) == 1 else ""


def clean_day(value: Any, *, field: str = "day") -> datetime.date:
    day = value
    if isinstance(value, str):
        try:
            day = parse_date(normalize_text(value))
        except ValueError:
            day = None
    if isinstance(day, datetime.datetime) or not isinstance(day, datetime.date):
        raise ValidationFailed(_("请填写有效的日期，格式如 2026-10-01。"), field=field)
    _check_year(day.year, field=field)
    return day


def _check_year(year: int, *, field: str) -> None:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationFailed(msg(_("年份须在 %(min)d 至 %(max)d 之间。"), {"min": YEAR_MIN, "max": YEAR_MAX}),
                               field=field)


def clean_year(value: Any, *, field: str = "year") -> int:
    try:
        year = int(normalize_text(str(value)))
    except (TypeError, ValueError):
        raise ValidationFailed(_("请填写有效的年份。"), field=field) from None
    _check_year(year, field=field)
    return year


def _clean_kind(value: Any) -> str:
    if value not in HolidayKind.values:
        raise ValidationFailed(_("请选择放假或调休上班。"), field="kind")
    return str(value)


def _clean_text(value: Any, *, field: str, label: Any, limit: int) -> str:
    return clean_text_field(value, field=field, label=label, max_length=limit)


def _check_union(union: TradeUnion | None) -> None:
    if union is None:
        return
    if not union.is_active:
        raise ValidationFailed(_("该工会已合并或撤销，不能设置本地节假日。"), field="union")
    if not sets_local_entries(union):
        raise ValidationFailed(_("本地节假日和调休由省级工会统一设定，请联系省总工会。"), field="union",
                               code="not_province")


def _entry_detail(entry: Holiday | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    return {"day": entry.day.isoformat(), "kind": entry.kind, "name": entry.name, "source": entry.source}


@transaction.atomic
def holiday_set(*, actor: Any, day: Any, kind: str, name: str = "", union: TradeUnion | None = None) -> Holiday:
    """Create or change the entry for `day` (national, or local to `union`'s subtree)."""
    _require_manage(actor, union)
    day = clean_day(day)
    kind = _clean_kind(kind)
    name = _clean_text(name, field="name", label=_("名称"), limit=NAME_MAX)
    _check_union(union)
    path = union.path if union is not None else ""
    entry = Holiday.objects.select_for_update().filter(day=day, org_path=path).first()
    before = _entry_detail(entry)
    label = audit_actor(actor).label
    if entry is None:
        try:
            with transaction.atomic():
                entry = Holiday.objects.create(day=day, kind=kind, name=name, source=EntrySource.ENTERED,
                                               union=union, org_path=path, updated_by=label)
        except IntegrityError:
            raise Conflict(_("该日期刚被他人设置，请刷新后重试。")) from None
    else:
        # An administrator's word replaces the seeded one for good: seeding never touches it again.
        entry.kind, entry.name, entry.source, entry.updated_by = kind, name, EntrySource.ENTERED, label
        entry.save(update_fields=["kind", "name", "source", "updated_by", "updated_at"])
    audit_record(actor=audit_actor(actor), action="calendar.holiday_set", obj=entry, org_path=_audit_path(union),
                 detail={"before": before, "after": _entry_detail(entry), "national": union is None})
    note_calendar_write()
    return entry


@transaction.atomic
def holiday_remove(*, actor: Any, holiday: Holiday) -> None:
    _require_manage(actor, holiday.union)
    if holiday.source == EntrySource.SEEDED:
        raise ValidationFailed(_("依据国务院办公厅通知导入的日期不能删除；如需更正，请修改其类型。"),
                               field="source", code="seeded")
    if not Holiday.objects.filter(pk=holiday.pk).delete()[0]:
        raise Conflict(_("该日期已被他人删除。"))
    audit_record(actor=audit_actor(actor), action="calendar.holiday_remove", object_type="workdays.holiday",
                 object_id=holiday.pk, object_label=str(holiday), org_path=_audit_path(holiday.union),
                 detail={"before": _entry_detail(holiday), "national": holiday.union is None})
    note_calendar_write()


@transaction.atomic
def calendar_year_mark(*, actor: Any, year: Any, union: TradeUnion | None = None, note: str = "") -> CalendarYear:
    """Declare that every holiday and 调休 day of `year` has been entered: deadlines stop being flagged."""
    _require_manage(actor, union)
    year = clean_year(year)
    note = _clean_text(note, field="note", label=_("说明"), limit=NOTE_MAX)
    _check_union(union)
    path = union.path if union is not None else ""
    mark = CalendarYear.objects.select_for_update().filter(year=year, org_path=path).first()
    if mark is not None and mark.source == EntrySource.SEEDED:
        raise ValidationFailed(msg(_("%(year)d 年已有国务院办公厅通知的数据，无需标记。"), {"year": year}),
                               field="year", code="already_covered")
    label = audit_actor(actor).label
    if mark is None:
        try:
            with transaction.atomic():
                mark = CalendarYear.objects.create(year=year, union=union, org_path=path, note=note,
                                                   source=EntrySource.ENTERED, marked_by=label)
        except IntegrityError:
            raise Conflict() from None
    else:
        mark.note, mark.marked_by = note, label
        mark.save(update_fields=["note", "marked_by", "marked_at"])
    audit_record(actor=audit_actor(actor), action="calendar.year_mark", obj=mark, org_path=_audit_path(union),
                 detail={"year": year, "note": note, "national": union is None})
    note_calendar_write()
    return mark


@transaction.atomic
def calendar_year_unmark(*, actor: Any, calendar_year: CalendarYear) -> None:
    _require_manage(actor, calendar_year.union)
    if calendar_year.source == EntrySource.SEEDED:
        raise ValidationFailed(_("依据国务院办公厅通知导入的年度不能取消。"), field="year", code="seeded")
    if not CalendarYear.objects.filter(pk=calendar_year.pk).delete()[0]:
        raise Conflict()
    audit_record(actor=audit_actor(actor), action="calendar.year_unmark", object_type="workdays.calendaryear",
                 object_id=calendar_year.pk, object_label=str(calendar_year.year),
                 org_path=_audit_path(calendar_year.union), detail={"year": calendar_year.year})
    note_calendar_write()


@dataclass(frozen=True)
class SeedResult:
    years: list[int]
    created: int
    updated: int
    deleted: int
    kept_entered: int  # days an administrator set, which the library's data did not overwrite


@transaction.atomic
def holidays_seed(*, actor: Any, years: Iterable[int] | None = None) -> SeedResult:
    """Bring the national calendar in line with chinesecalendar for `years` (default: all it has).

    Idempotent. Rows an administrator entered are never touched; seeded rows the library no longer
    lists (a corrected release) are deleted.
    """
    _require_manage(actor, None)
    available = library_years()
    wanted = available if years is None else frozenset(clean_year(y, field="years") for y in years)
    missing = sorted(wanted - available)
    if missing:
        raise ValidationFailed(msg(_("内置的法定节假日数据中没有 %(years)s 年的安排，请按国务院办公厅的通知手工录入。"),
                                   {"years": "、".join(map(str, missing))}), field="years", code="not_in_library")
    label = audit_actor(actor).label
    existing = {h.day: h for h in Holiday.objects.select_for_update().filter(org_path="")
                if h.day.year in wanted}
    created: list[Holiday] = []
    updated = kept = 0
    listed: set[datetime.date] = set()
    for d in library_days(wanted):
        listed.add(d.day)
        row = existing.get(d.day)
        if row is None:
            created.append(Holiday(day=d.day, kind=d.kind, name=d.name, source=EntrySource.SEEDED, org_path="",
                                   updated_by=label))
        elif row.source == EntrySource.ENTERED:
            kept += 1
        elif (row.kind, row.name) != (d.kind, d.name):
            Holiday.objects.filter(pk=row.pk).update(kind=d.kind, name=d.name, updated_by=label)
            updated += 1
    Holiday.objects.bulk_create(created, batch_size=500)
    stale = [h.pk for day, h in existing.items() if day not in listed and h.source == EntrySource.SEEDED]
    Holiday.objects.filter(pk__in=stale).delete()
    marked = set(CalendarYear.objects.filter(org_path="", year__in=wanted).values_list("year", flat=True))
    CalendarYear.objects.bulk_create([
        CalendarYear(year=y, source=EntrySource.SEEDED, org_path="", note="chinesecalendar", marked_by=label)
        for y in sorted(wanted - marked)
    ])
    result = SeedResult(years=sorted(wanted), created=len(created), updated=updated, deleted=len(stale),
                        kept_entered=kept)
    audit_record(actor=audit_actor(actor), action="calendar.seed", object_type="workdays.holiday",
                 object_label="chinesecalendar", org_path=_audit_path(None),
                 detail={"years": [min(wanted), max(wanted)] if wanted else [], "created": result.created,
                         "updated": updated, "deleted": result.deleted, "kept_entered": kept})
    if created or updated or stale or wanted - marked:
        note_calendar_write()
    return result
