"""评选通知: the list, issuing one, and the call's page: its rules, places per subordinate union and
their progress, the viewer's own level's list with the rules it breaks now and 提交上级, the 公示, and
the call's own steps (cancel, decide) for the issuing union."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.errors import DomainError
from gonghui.honours.choices import UNION_LEVEL_OF, AwardLevel, CallStatus, Rank
from gonghui.honours.models import Call
from gonghui.honours.selectors import (
    award_kind_list,
    call_get,
    call_list,
    call_progress,
    call_totals,
    level_list_summary,
)
from gonghui.honours.services import (
    call_cancel,
    call_decide,
    call_issue,
    call_quota_set,
    level_list_submit,
    notice_publish,
)
from gonghui.orgs.selectors import union_children, union_get
from gonghui.web.common.forms import call_service
from gonghui.web.common.views import flash_error, needs_any, not_found_as_404, paginate
from gonghui.web.honours.forms import CallFilterForm, CallForm, PublishForm, QuotaForm, ReasonForm
from gonghui.web.honours.views.common import MANAGE, PERMS, manage_scope, may_manage, my_union, view_scope


@needs_any(*PERMS)
def call_list_page(request: HttpRequest) -> HttpResponse:
    form = CallFilterForm(request.GET or None)
    f = form.values()
    rows = call_list(scope=view_scope(request), status=f.get("status", ""), year=f.get("year"),
                     ending=f.get("show") == "ending")
    union = my_union(request)
    return render(request, "honours/call_list.html", {
        "form": form, "page": paginate(request, rows, per_page=30), "ending": f.get("show") == "ending",
        "may_issue": union is not None and union.level in UNION_LEVEL_OF.values()})


@needs_any(MANAGE)
def call_create_page(request: HttpRequest) -> HttpResponse:
    union = my_union(request)
    kinds = [(k.pk, k.name) for k in award_kind_list() if union is not None
             and UNION_LEVEL_OF[AwardLevel(k.level)] == union.level]
    form = CallForm(request.POST or None, kinds=kinds,
                    initial={"notice_working_days": 5, "front_line_min_pct": 0, "women_min_pct": 0,
                             "year": timezone.localdate().year + 1})
    if request.method == "POST" and union is not None and form.is_valid():
        d = form.cleaned_data
        kind = next(k for k in award_kind_list() if k.pk == d["kind"])
        call = call_service(form, call_issue, actor=request.user, union=union, kind=kind, year=d["year"],
                            title=d["title"], document_number=d["document_number"],
                            nominations_due=d["nominations_due"], reviews_due=d["reviews_due"],
                            places=d["places"], front_line_min_pct=d["front_line_min_pct"],
                            women_min_pct=d["women_min_pct"], excluded_ranks=d["excluded_ranks"],
                            notice_working_days=d["notice_working_days"], rules_note=d["rules_note"])
        if call is not None:
            messages.success(request, _("评选通知已发布，请为下级工会分配名额。"))
            return redirect("web:honour_call", call.pk)
    return render(request, "honours/call_form.html", {"form": form, "union": union, "has_kinds": bool(kinds)},
                  status=400 if form.errors else 200)


def _subordinates(request: HttpRequest, call: Call) -> list[tuple[int, str]]:
    return [(u.pk, u.name) for u in union_children(scope=manage_scope(request), parent=call.union)]


def render_call(request: HttpRequest, call: Call, failed: tuple[str, forms.Form] | None = None) -> HttpResponse:
    scope = view_scope(request)
    issuer = may_manage(request, call.org_path)
    is_open = call.status == CallStatus.OPEN
    union = my_union(request)
    mine = union if union is not None and union.path.startswith(call.org_path) else None
    forms_: dict[str, Any] = {}
    if issuer and is_open:
        forms_ = {"quota": QuotaForm(unions=_subordinates(request, call)), "publish": PublishForm(),
                  "cancel": ReasonForm(auto_id="id_cancel_%s")}
    if failed:
        forms_[failed[0]] = failed[1]
    notice = getattr(call, "notice", None) if call.status != CallStatus.OPEN else None
    return render(request, "honours/call_detail.html", {
        "call": call, "totals": call_totals(scope=scope, call=call), "progress": call_progress(scope=scope, call=call),
        "issuer": issuer, "is_open": is_open, "forms": forms_, "mine": mine, "notice": notice,
        "summary": level_list_summary(scope=manage_scope(request), call=call, union=mine) if mine else None,
        "ranks": [Rank(r).label for r in call.excluded_ranks], "open_form": failed[0] if failed else ""},
        status=400 if failed else 200)


@needs_any(*PERMS)
@not_found_as_404
def call_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render_call(request, call_get(scope=view_scope(request), pk=pk))


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def call_quota(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_get(scope=view_scope(request), pk=pk)
    form = QuotaForm(request.POST, unions=_subordinates(request, call))
    if form.is_valid():
        union = union_get(scope=manage_scope(request), pk=form.cleaned_data["union"])
        quota = call_service(form, call_quota_set, actor=request.user, call=call, union=union,
                             places=form.cleaned_data["places"])
        if quota is not None:
            messages.success(request, _("已为%(union)s分配%(n)s个名额。") % {"union": union.name, "n": quota.places})
            return redirect("web:honour_call", call.pk)
    return render_call(request, call, ("quota", form))


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def level_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """提交上级: the refusal names every rule the whole list breaks, with its numbers."""
    call = call_get(scope=view_scope(request), pk=pk)
    union = my_union(request)
    if union is None:
        return redirect("web:honour_call", call.pk)
    try:
        moved = level_list_submit(actor=request.user, call=call, union=union)
    except DomainError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("已将%(n)s个推荐对象提交上级。") % {"n": len(moved)})
    return redirect("web:honour_call", call.pk)


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def call_publish(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_get(scope=view_scope(request), pk=pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        notice = call_service(form, notice_publish, actor=request.user, call=call, starts_on=d["starts_on"],
                              title=d["title"], contact=d["contact"])
        if notice is not None:
            messages.success(request, _("公示已发布，%(start)s至%(end)s。") % {
                "start": notice.starts_on.isoformat(), "end": notice.ends_on.isoformat()})
            return redirect("web:honour_call", call.pk)
    return render_call(request, call, ("publish", form))


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def call_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_get(scope=view_scope(request), pk=pk)
    form = ReasonForm(request.POST, auto_id="id_cancel_%s")
    if form.is_valid() and call_service(form, call_cancel, actor=request.user, call=call,
                                        reason=form.cleaned_data["reason"]) is not None:
        messages.success(request, _("评选通知已撤销。"))
        return redirect("web:honour_call", call.pk)
    return render_call(request, call, ("cancel", form))


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def call_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_get(scope=view_scope(request), pk=pk)
    try:
        call_decide(actor=request.user, call=call)
    except DomainError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("本次评选已结束。"))
    return redirect("web:honour_call", call.pk)
