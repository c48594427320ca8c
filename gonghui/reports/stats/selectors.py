"""Reads of the 统计年报, each through the caller's scope (another union's return answers like a
missing one): a union's return with its sections, values and failed checks, the reporting status
of a union's children, the export rows, and the 工作台's count of returns not yet signed off."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import NotFound, ValidationFailed, msg
from gonghui.core.periods import Period
from gonghui.orgs.choices import Level, UnionStatus
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, get_visible, subtree_q
from gonghui.reports.stats.checks import BETWEEN_FORMS, ChildValue, Entry, Failure, child_code, run_checks
from gonghui.reports.stats.choices import FormKind, ReturnStatus
from gonghui.reports.stats.models import StatField, StatForm, StatReturn, StatSection, StatValue


def files_a_return(union: TradeUnion) -> bool:
    """Grassroots unions and every level above them report; 分工会 and 工会小组 do not."""
    return union.level <= Level.GRASSROOTS


def latest_form(kind: str, year: int) -> StatForm | None:
    """The latest form of `kind` applying by the statistical year (None: no form yet)."""
    return StatForm.objects.filter(kind=kind, from_year__lte=year).order_by("-from_year", "-version").first()


def form_for(union: TradeUnion, year: int) -> StatForm:
    """The form a union files for a statistical year: its kind's latest form applying by then."""
    kind = FormKind.GRASSROOTS if union.level == Level.GRASSROOTS else FormKind.UPPER
    form = latest_form(kind, year)
    if form is None:
        raise ValidationFailed(msg(_("%(year)s统计年度没有适用的调查表。"), {"year": year}), field="year",
                               code="no_form")
    return form


def reporting_year(today: datetime.date | None = None) -> int:
    """The statistical year whose returns are being filed: the last one that has ended."""
    return Period.stat_year_of(today or timezone.localdate()).end.year - 1


def return_list(*, scope: Scope, year: int, under: str = "", status: str = "") -> QuerySet[StatReturn]:
    qs = StatReturn.objects.visible_to(scope).filter(year=year).select_related("union", "form")
    if under:
        qs = qs.filter(subtree_q("org_path", under))
    if status:
        qs = qs.filter(status=status)
    return qs


def return_get(*, scope: Scope, pk: int) -> StatReturn:
    return get_visible(StatReturn.objects.select_related("union", "form"), scope, pk=pk)


def return_find(*, scope: Scope, union: TradeUnion, year: int) -> StatReturn | None:
    return StatReturn.objects.visible_to(scope).filter(union=union, year=year).select_related("union", "form").first()


def form_fields(form: StatForm) -> dict[str, StatField]:
    return {f.code: f for f in StatField.objects.filter(form=form).order_by("order", "id")}


def values_of(ret: StatReturn) -> dict[str, StatValue]:
    return {v.field.code: v for v in StatValue.objects.filter(ret=ret).select_related("field")}


def last_year_values(ret: StatReturn) -> dict[str, Decimal | None]:
    """The same union's signed return a year earlier, by field code (the year-on-year checks)."""
    rows = StatValue.objects.filter(ret__union_id=ret.union_id, ret__year=ret.year - 1,
                                    ret__status=ReturnStatus.SIGNED).values_list("field__code", "value")
    return dict(rows)


def entries_of(values: dict[str, StatValue], fields: dict[str, StatField]) -> dict[str, Entry]:
    out = {}
    for code in fields:
        v = values.get(code)
        out[code] = Entry(v.value, v.text, v.explanation) if v is not None else Entry(None)
    return out


def children_values(union: TradeUnion, year: int, codes: set[str]) -> dict[str, list[ChildValue]]:
    """The reporting children's signed-off values of the codes a union above sums, by code, each
    with the child's name (the checks between forms name them); one query."""
    rows = (StatValue.objects.filter(ret__union__in=reporting_children(union, year), ret__year=year,
                                     ret__status=ReturnStatus.SIGNED, field__code__in=codes,
                                     field__summed_above=True, value__isnull=False)
            .order_by("ret__org_path").values_list("field__code", "ret__union__name", "value"))
    out: dict[str, list[ChildValue]] = {}
    for code, name, value in rows:
        if value is not None:  # filtered out above; the column is nullable
            out.setdefault(code, []).append(ChildValue(name, value))
    return out


def failures_of(ret: StatReturn, fields: dict[str, StatField] | None = None,
                values: dict[str, StatValue] | None = None) -> list[Failure]:
    fields = form_fields(ret.form) if fields is None else fields
    values = values_of(ret) if values is None else values
    checks = list(ret.form.checks.all())
    between = {child_code(c) for c in checks if c.kind in BETWEEN_FORMS}
    children = children_values(ret.union, ret.year, between) if between else {}
    return run_checks(checks, fields, entries_of(values, fields), last_year_values(ret), children)


@dataclass
class Line:
    field: StatField
    value: StatValue | None
    failures: list[Failure]


@dataclass
class Section:
    section: StatSection
    lines: list[Line] = field(default_factory=list)


def return_sheet(ret: StatReturn) -> tuple[list[Section], list[Failure]]:
    """The return's sections with each field's value and the failed checks naming it."""
    fields = form_fields(ret.form)
    values = values_of(ret)
    failures = failures_of(ret, fields, values)
    sections = {s.pk: Section(s) for s in StatSection.objects.filter(form=ret.form)}
    for f in fields.values():
        sections[f.section_id].lines.append(Line(f, values.get(f.code), [x for x in failures if x.fields[0] == f.code]))
    return list(sections.values()), failures


def reporting_children(union: TradeUnion, year: int) -> QuerySet[TradeUnion]:
    """The direct children that report to `union` for the year: standing at its end, filing a form."""
    end = Period.stat_year(year).end
    return (TradeUnion.objects.filter(parent=union, level__lte=Level.GRASSROOTS)
            .filter(Q(status=UnionStatus.ACTIVE) | Q(ended_on__gt=end)).order_by("path"))


@dataclass
class Status:
    union: TradeUnion
    own: StatReturn | None
    rows: list[tuple[TradeUnion, StatReturn | None]]
    counts: dict[str, int]


def status_of(*, scope: Scope, union: TradeUnion, year: int) -> Status:
    """Which of a union's reporting children have signed off, are filling in, were reopened or have
    not begun; two queries whatever the number of children."""
    if not scope.covers(union.path):
        raise NotFound()
    children = list(reporting_children(union, year))
    returns = {r.union_id: r for r in StatReturn.objects.filter(
        union__in=[union, *children], year=year).select_related("form")}
    rows = [(c, returns.get(c.pk)) for c in children]
    counts = {"total": len(rows), "missing": sum(1 for _c, r in rows if r is None)}
    for status in ReturnStatus.values:
        counts[status] = sum(1 for _c, r in rows if r is not None and r.status == status)
    return Status(union, returns.get(union.pk), rows, counts)


def unsigned_children(*, union: TradeUnion, year: int) -> list[tuple[TradeUnion, StatReturn | None]]:
    """The reporting children whose figures a sum leaves out: not begun, filling in, or reopened."""
    children = list(reporting_children(union, year))
    returns = {r.union_id: r for r in StatReturn.objects.filter(union__in=children, year=year)}
    return [(c, returns.get(c.pk)) for c in children
            if c.pk not in returns or returns[c.pk].status != ReturnStatus.SIGNED]


def unsigned_count(*, scope: Scope, year: int) -> int:
    """Returns of the year in scope filled in or reopened and not yet signed off (the 工作台's line)."""
    return StatReturn.objects.visible_to(scope).filter(
        year=year, status__in=(ReturnStatus.DRAFT, ReturnStatus.REOPENED)).count()


def export_rows(*, scope: Scope, year: int, under: str, kind: str) -> tuple[list[StatField], list[Any]]:
    """The survey software's layout: one row per union (统一社会信用代码, union code, name), then the
    form's field codes; signed-off returns only, of every version of the form of `kind` (a return
    keeps the version it was opened on), laid out by the latest version's codes."""
    form = latest_form(kind, year)
    if form is None:
        return [], []
    fields = list(StatField.objects.filter(form=form).order_by("order", "id"))
    returns = list(return_list(scope=scope, year=year, under=under, status=ReturnStatus.SIGNED)
                   .filter(form__kind=kind))
    values: dict[int, dict[str, StatValue]] = {}
    for v in StatValue.objects.filter(ret__in=returns).select_related("field"):
        values.setdefault(v.ret_id, {})[v.field.code] = v
    rows = []
    for r in returns:
        mine = values.get(r.pk, {})
        cells: list[Any] = [r.union.credit_code, r.union.pk, r.union.name]
        for f in fields:
            got = mine.get(f.code)
            cells.append(None if got is None else (got.text if f.is_text else got.value))
        rows.append(cells)
    return fields, rows
