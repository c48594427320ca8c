"""厂务公开 (list, form, publish), the 职工董事/监事 seats with the "must have one, has none" work list,
and the figures page."""

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.replica import read_only
from gonghui.democracy.choices import DelegateCategory, RuleCode, SeatKind
from gonghui.democracy.figures import democracy_figures
from gonghui.democracy.rules import current_rules
from gonghui.democracy.selectors import (
    disclosure_get,
    disclosure_list,
    employers_missing_director,
    seat_list,
)
from gonghui.democracy.services import disclosure_create, disclosure_publish
from gonghui.democracy.standing import held_union_paths
from gonghui.orgs.choices import Ownership
from gonghui.orgs.scope import scope_for
from gonghui.orgs.selectors import employer_get
from gonghui.web.common.employers import employer_pick_for
from gonghui.web.common.forms import call_service, call_service_or_message
from gonghui.web.common.unions import home_union
from gonghui.web.common.views import needs_any, not_found_as_404, paginate
from gonghui.web.democracy.forms import DisclosureFilterForm, DisclosureForm, PeriodForm
from gonghui.web.democracy.views.common import MANAGE, PERMS, VIEW, view_scope


@needs_any(*PERMS)
@not_found_as_404
def disclosure_list_page(request: HttpRequest) -> HttpResponse:
    form = DisclosureFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = disclosure_list(scope=view_scope(request), category=filters.get("category", ""),
                           query=filters.get("q", ""))
    return render(request, "democracy/disclosure_list.html", {
        "form": form, "page": paginate(request, rows, per_page=30),
        "can_create": bool(held_union_paths(request.user)), "held": held_union_paths(request.user)})


@needs_any(MANAGE)
@not_found_as_404
def disclosure_create_page(request: HttpRequest) -> HttpResponse:
    manage = scope_for(request.user, MANAGE)
    today = timezone.localdate()
    form = DisclosureForm(request.POST or None,
                          employers=employer_pick_for(request, "disclosure"),
                          initial={"period_start": today, "period_end": today + datetime.timedelta(days=30),
                                   "publish": True})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        employer = employer_get(scope=manage, pk=data.pop("employer"))
        if call_service(form, disclosure_create, actor=request.user, employer=employer, **data) is not None:
            messages.success(request, _("已保存厂务公开事项。"))
            return redirect("web:democracy_disclosures")
    return render(request, "democracy/disclosure_form.html", {"form": form}, status=400 if form.errors else 200)


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def disclosure_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = disclosure_get(scope=view_scope(request), pk=pk)
    if call_service_or_message(request, disclosure_publish, actor=request.user, disclosure=item) is not None:
        messages.success(request, _("已发布，本单位职工可在职工之家查看。"))
    return redirect("web:democracy_disclosures")


@needs_any(*PERMS)
@not_found_as_404
def seats_page(request: HttpRequest) -> HttpResponse:
    scope = view_scope(request)
    rules = current_rules()
    kinds = dict(Ownership.choices)
    return render(request, "democracy/seats.html", {
        "seats": list(seat_list(scope=scope)[:300]),
        "missing": paginate(request, employers_missing_director(scope=scope).select_related("union"), per_page=30),
        "min_workers": rules.whole(RuleCode.DIRECTOR_MIN_WORKERS),
        "ownerships": "、".join(str(kinds.get(c, c)) for c in rules.codes(RuleCode.DIRECTOR_OWNERSHIPS)),
        "kinds": SeatKind,
    })


@needs_any(*PERMS)
@not_found_as_404
@read_only
def figures_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = PeriodForm(request.GET or {"start": datetime.date(today.year, 1, 1), "end": today})
    figures = None
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        if end < start:
            form.add_error("end", _("截止日期须不早于起始日期。"))
        else:
            figures = democracy_figures(scope=view_scope(request), start=start, end=end)
    categories = [(label, figures.by_category.get(value, 0)) for value, label in DelegateCategory.choices] \
        if figures else []
    return render(request, "democracy/figures.html", {
        "form": form, "f": figures, "categories": categories, "union": home_union(request, VIEW),
        "start": form.cleaned_data.get("start") if figures else None,
        "end": form.cleaned_data.get("end") if figures else None},
                  status=400 if form.errors else 200)
