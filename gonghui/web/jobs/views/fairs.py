"""招聘会: the list, creating one, one fair with the employers and postings it brings, recording its
visitors and 达成就业意向, and the figures page."""

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.replica import read_only
from gonghui.jobs.choices import FairStatus, PostingStatus
from gonghui.jobs.figures import fair_figures
from gonghui.jobs.selectors import (
    fair_employers,
    fair_get,
    fair_list,
    fair_postings,
    fairs_this_week,
    posting_get,
    posting_list,
)
from gonghui.jobs.services import fair_add_employer, fair_add_posting, fair_cancel, fair_create, fair_record
from gonghui.orgs.selectors import employer_get
from gonghui.web.common.forms import call_service, call_service_or_message
from gonghui.web.common.unions import home_union, union_choices, union_from_choice
from gonghui.web.common.views import needs_any, not_found_as_404, paginate
from gonghui.web.jobs.forms import (
    FairEmployerForm,
    FairFilterForm,
    FairForm,
    FairPostingForm,
    FairResultForm,
    FigureForm,
)
from gonghui.web.jobs.views.common import (
    MANAGE,
    PERMS,
    VIEW,
    employers,
    manage_scope,
    may_manage,
    regions,
    view_scope,
)

POSTING_CHOICES_LIMIT = 300


@needs_any(*PERMS)
def fair_list_page(request: HttpRequest) -> HttpResponse:
    form = FairFilterForm(request.GET or None)
    f = form.values()
    if f.get("show") == "week":
        rows = fair_list(scope=view_scope(request)).filter(pk__in=fairs_this_week(scope=view_scope(request)))
    else:
        rows = fair_list(scope=view_scope(request), mode=f.get("mode", ""), status=f.get("status", ""),
                         year=f.get("year"))
    return render(request, "jobs/fair_list.html", {
        "form": form, "page": paginate(request, rows, 30), "may_create": not manage_scope(request).is_empty})


@needs_any(MANAGE)
@not_found_as_404
def fair_create_page(request: HttpRequest) -> HttpResponse:
    form = FairForm(request.POST or None, unions=union_choices(request, MANAGE), regions=regions(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        union = union_from_choice(request, MANAGE, data.pop("union"))
        fair = call_service(form, fair_create, actor=request.user, union=union, **data)
        if fair is not None:
            messages.success(request, _("招聘会已创建。"))
            return redirect("web:jobs_fair", fair.pk)
    return render(request, "jobs/fair_form.html", {"form": form}, status=400 if form.errors else 200)


def _render_fair(request: HttpRequest, pk: int, **forms: object) -> HttpResponse:
    fair = fair_get(scope=view_scope(request), pk=pk)
    manage = may_manage(request, fair.org_path) and fair.status != FairStatus.CANCELLED
    brought = fair_postings(fair=fair)
    taken = {fp.posting_id for fp in brought}
    postings = [(p.pk, f"{p.employer.name} · {p.title}（{p.places}人）")
                for p in posting_list(scope=manage_scope(request), status=PostingStatus.PUBLISHED)
                .filter(org_path__startswith=fair.org_path)[:POSTING_CHOICES_LIMIT] if p.pk not in taken]
    failed = any(getattr(f, "errors", None) for f in forms.values())
    return render(request, "jobs/fair_detail.html", {
        "fair": fair, "employers": fair_employers(fair=fair), "postings": brought, "may_manage": manage,
        "places": sum(fp.posting.places for fp in brought),
        "may_record": manage and fair.held_on <= timezone.localdate(),
        "result_form": forms.get("result_form") or FairResultForm(initial={"visitors": fair.visitors,
                                                                            "intentions": fair.intentions}),
        "posting_form": forms.get("posting_form") or FairPostingForm(postings=postings),
        "employer_form": forms.get("employer_form") or FairEmployerForm(employers=employers(request)),
    }, status=400 if failed else 200)


@needs_any(*PERMS)
@not_found_as_404
def fair_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_fair(request, pk)


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def fair_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    fair = fair_get(scope=manage_scope(request), pk=pk)
    if step == "result":
        result_form = FairResultForm(request.POST)
        recorded = (call_service(result_form, fair_record, actor=request.user, fair=fair, **result_form.cleaned_data)
                    if result_form.is_valid() else None)
        if recorded is not None:
            messages.success(request, _("招聘会结果已登记。"))
            return redirect("web:jobs_fair", pk)
        return _render_fair(request, pk, result_form=result_form)
    if step == "posting":
        chosen = str(request.POST.get("posting", ""))
        posting_form = FairPostingForm(request.POST, postings=[(int(chosen), chosen)] if chosen.isdigit() else [])
        if posting_form.is_valid():
            posting = posting_get(scope=manage_scope(request), pk=posting_form.cleaned_data["posting"])
            if call_service(posting_form, fair_add_posting, actor=request.user, fair=fair, posting=posting):
                messages.success(request, _("岗位已加入本场招聘会。"))
                return redirect("web:jobs_fair", pk)
        return _render_fair(request, pk, posting_form=posting_form)
    if step == "employer":
        employer_form = FairEmployerForm(request.POST, employers=employers(request))
        if employer_form.is_valid():
            employer = employer_get(scope=manage_scope(request), pk=employer_form.cleaned_data["employer"])
            if call_service(employer_form, fair_add_employer, actor=request.user, fair=fair, employer=employer,
                            booth=employer_form.cleaned_data["booth"]):
                messages.success(request, _("进场企业已添加。"))
                return redirect("web:jobs_fair", pk)
        return _render_fair(request, pk, employer_form=employer_form)
    if step == "cancel":
        if call_service_or_message(request, fair_cancel, actor=request.user, fair=fair):
            messages.success(request, _("招聘会已取消。"))
        return redirect("web:jobs_fair", pk)
    return redirect("web:jobs_fair", pk)


@needs_any(*PERMS)
@read_only
def figures_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = FigureForm(request.GET or None)
    f = form.values()
    start = f.get("start") or datetime.date(today.year, 1, 1)
    end = f.get("end") or today
    root = home_union(request, VIEW)
    table = fair_figures(scope=view_scope(request), root=root, start=start, end=end) if root is not None else None
    return render(request, "jobs/figures.html", {"form": form, "table": table, "start": start, "end": end})
