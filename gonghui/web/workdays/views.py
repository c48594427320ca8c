"""节假日日历: the holiday table as twelve month calendars, its entries, and the administrators' edits.

Everyone who works on cases may look (their deadlines are counted on it); only holders of
calendar.manage see the forms, nationally when they hold it on the root, locally for their unions.
"""

import calendar as month_math
import datetime
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gonghui.core.errors import DomainError, NotFound
from gonghui.core.permissions import Perm
from gonghui.orgs import selectors as org_selectors
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, scope_for, scope_for_any
from gonghui.web.common.forms import BootstrapFormMixin, call_service
from gonghui.web.common.views import not_found_as_404
from gonghui.workdays import selectors, services
from gonghui.workdays.calendar import WorkCalendar
from gonghui.workdays.models import Holiday, HolidayKind

VIEW_PERMISSIONS = (Perm.CASE_VIEW, Perm.CASE_INTAKE, Perm.CASE_HANDLE, Perm.CASE_SUPERVISE, Perm.CALENDAR_MANAGE)
NATIONAL, LOCAL = "national", "local"


class ScopedForm(BootstrapFormMixin, forms.Form):
    applies_to = forms.ChoiceField(label=gettext_lazy("适用范围"), choices=[])

    def __init__(self, *args: Any, scope_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["applies_to"]).choices = scope_choices


class EntryForm(ScopedForm):
    day = forms.DateField(label=gettext_lazy("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=HolidayKind.choices)
    name = forms.CharField(label=gettext_lazy("名称"), required=False, max_length=services.NAME_MAX,
                           widget=forms.TextInput(attrs={"placeholder": gettext_lazy("如：国庆节")}))


class YearMarkForm(ScopedForm):
    note = forms.CharField(label=gettext_lazy("依据"), required=False, max_length=services.NOTE_MAX,
                           widget=forms.TextInput(attrs={"placeholder": gettext_lazy("如：国办发明电〔2026〕X号")}))


@dataclass(frozen=True)
class Place:
    """Where the viewer looks from: the union whose calendar applies (None: the national one)."""

    union: TradeUnion | None
    view_scope: Scope
    manage_scope: Scope
    manages_national: bool

    @property
    def path(self) -> str:
        return self.union.path if self.union is not None else ""

    @property
    def manages_local(self) -> bool:
        return self.union is not None and self.manage_scope.covers(self.union.path) and \
            services.sets_local_entries(self.union)

    @property
    def local_set_above(self) -> bool:
        """A manager below province level: local days off are the province's to enter."""
        return self.union is not None and self.manage_scope.covers(self.union.path) and \
            not services.sets_local_entries(self.union)

    def may_edit(self, entry_path: str) -> bool:
        return self.manages_national if not entry_path else self.manage_scope.covers(entry_path)

    def scope_choices(self) -> list[tuple[str, str]]:
        choices = []
        if self.manages_national:
            choices.append((NATIONAL, _("全国（所有工会）")))
        if self.manages_local and self.union is not None:
            choices.append((LOCAL, _("仅%(union)s及下级") % {"union": self.union.name}))
        return choices

    def union_for(self, applies_to: str) -> TradeUnion | None:
        return self.union if applies_to == LOCAL else None


def _place(request: HttpRequest, union_pk: Any) -> Place:
    view_scope = scope_for_any(request.user, VIEW_PERMISSIONS)
    if view_scope.is_empty:
        raise PermissionDenied
    union = None
    if union_pk:
        union = org_selectors.union_get(scope=view_scope, pk=union_pk)
    else:
        home = getattr(request.user, "org", None)
        if home is not None and view_scope.covers(home.path) and home.parent_id is not None:
            union = home
    return Place(union=union, view_scope=view_scope, manage_scope=scope_for(request.user, Perm.CALENDAR_MANAGE),
                 manages_national=services.may_manage(request.user, None))


def _year(value: Any) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return timezone.localdate().year
    return min(max(year, services.YEAR_MIN), services.YEAR_MAX)


def _day_kind(day: datetime.date, cal: WorkCalendar) -> str:
    weekend = day.weekday() >= 5
    if not cal.is_workday(day):
        return "holiday" if day in cal.holidays else "weekend"
    return "adjusted" if weekend else ""


def _months(year: int, cal: WorkCalendar, names: dict[datetime.date, str], today: datetime.date) -> list[dict]:
    months = []
    for month in range(1, 13):
        weeks = []
        for week in month_math.Calendar(firstweekday=0).monthdatescalendar(year, month):
            cells: list[dict[str, Any] | None] = []
            for day in week:
                if day.month != month:
                    cells.append(None)
                    continue
                cells.append({"day": day, "kind": _day_kind(day, cal), "name": names.get(day, ""),
                              "today": day == today})
            weeks.append(cells)
        months.append({"number": month, "weeks": weeks})
    return months


def _render(request: HttpRequest, place: Place, year: int, entry_form: EntryForm | None = None,
            mark_form: YearMarkForm | None = None, status: int = 200) -> HttpResponse:
    entries = list(selectors.holidays_in_year(year=year, org_path=place.path))
    names = {e.day: e.name or e.get_kind_display() for e in entries}  # ordered shallow to deep: deepest wins
    cal = selectors.calendar_for(place.path)
    coverage = selectors.year_coverage(year=year, org_path=place.path)
    choices = place.scope_choices()
    if choices and entry_form is None:
        initial = {"day": request.GET.get("day") or None, "kind": request.GET.get("kind") or HolidayKind.HOLIDAY,
                   "name": request.GET.get("name", ""), "applies_to": request.GET.get("applies_to", choices[0][0])}
        entry_form = EntryForm(initial=initial, scope_choices=choices)
    if choices and mark_form is None:
        mark_form = YearMarkForm(prefix="mark", initial={"applies_to": choices[0][0]}, scope_choices=choices)
    today = timezone.localdate()
    rows = [{"entry": e, "editable": place.may_edit(e.org_path)} for e in entries]
    return render(request, "workdays/calendar.html", {
        "year": year, "years": range(max(services.YEAR_MIN, min(2004, year)), max(today.year + 2, year) + 1),
        "place": place, "months": _months(year, cal, names, today), "rows": rows, "coverage": coverage,
        "unmarkable": [m for m in coverage.marks if m.source == "entered" and place.may_edit(m.org_path)],
        "entry_form": entry_form, "mark_form": mark_form, "can_edit": bool(choices), "today": today,
    }, status=status)


def _back(place: Place, year: int) -> HttpResponse:
    url = reverse("web:workday_calendar") + f"?year={year}"
    if place.union is not None:
        url += f"&union={place.union.pk}"
    return redirect(url)


@not_found_as_404
def calendar_page(request: HttpRequest) -> HttpResponse:
    place = _place(request, request.GET.get("union"))
    return _render(request, place, _year(request.GET.get("year")))


@require_POST
@not_found_as_404
def entry_save(request: HttpRequest) -> HttpResponse:
    place = _place(request, request.POST.get("union"))
    form = EntryForm(request.POST, scope_choices=place.scope_choices())
    year = _year(request.POST.get("year"))
    if form.is_valid():
        data = form.cleaned_data
        saved = call_service(form, services.holiday_set, actor=request.user, day=data["day"], kind=data["kind"],
                             name=data["name"], union=place.union_for(data["applies_to"]))
        if saved is not None:
            messages.success(request, _("已保存 %(day)s。") % {"day": saved.day.isoformat()})
            return _back(place, saved.day.year)
    return _render(request, place, year, entry_form=form, status=400)


def _entry(pk: int) -> Holiday:
    entry = selectors.holiday_get(pk=pk)
    if entry is None:
        raise NotFound()
    return entry


@require_POST
@not_found_as_404
def entry_remove(request: HttpRequest, pk: int) -> HttpResponse:
    place = _place(request, request.POST.get("union"))
    entry = _entry(pk)
    if entry.org_path and not place.view_scope.covers(entry.org_path):
        raise NotFound()  # someone else's local entry: as if it did not exist
    try:
        services.holiday_remove(actor=request.user, holiday=entry)
        messages.success(request, _("已删除 %(day)s。") % {"day": entry.day.isoformat()})
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return _back(place, entry.day.year)


@require_POST
@not_found_as_404
def year_mark(request: HttpRequest) -> HttpResponse:
    place = _place(request, request.POST.get("union"))
    year = _year(request.POST.get("year"))
    form = YearMarkForm(request.POST, prefix="mark", scope_choices=place.scope_choices())
    if form.is_valid():
        mark = call_service(form, services.calendar_year_mark, actor=request.user, year=year,
                            union=place.union_for(form.cleaned_data["applies_to"]), note=form.cleaned_data["note"])
        if mark is not None:
            messages.success(request, _("已标记 %(year)d 年节假日录入完整。") % {"year": year})
            return _back(place, year)
    return _render(request, place, year, mark_form=form, status=400)


@require_POST
@not_found_as_404
def year_unmark(request: HttpRequest, pk: int) -> HttpResponse:
    place = _place(request, request.POST.get("union"))
    mark = selectors.calendar_year_get(pk=pk)
    if mark is None or (mark.org_path and not place.view_scope.covers(mark.org_path)):
        raise NotFound()
    try:
        services.calendar_year_unmark(actor=request.user, calendar_year=mark)
        messages.success(request, _("已取消 %(year)d 年的完整标记。") % {"year": mark.year})
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return _back(place, mark.year)
