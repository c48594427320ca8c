"""职工互助保障 plans: the list with the year's figures, a new plan, and the plan page with its rules,
figures, enrolment (from the registry or a file), enrolled members and claims."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.errors import DomainError
from gonghui.core.money import yuan
from gonghui.core.permissions import Perm
from gonghui.mutualaid.choices import PlanStatus
from gonghui.mutualaid.models import MutualAidPlan
from gonghui.mutualaid.selectors import (
    claim_list,
    enrolment_list,
    mutual_aid_figures,
    mutual_aid_figures_by_plan,
    plan_get,
    plan_list,
    plan_timeline,
)
from gonghui.mutualaid.services import plan_close, plan_create, plan_open, plan_update
from gonghui.orgs.scope import Scope, scope_for
from gonghui.orgs.selectors import union_children, union_get
from gonghui.web.common.forms import call_service
from gonghui.web.common.unions import home_union, union_choices, union_from_choice
from gonghui.web.common.views import flash_error, needs_any, not_found_as_404, paginate
from gonghui.web.mutualaid.forms import EnrolForm, ImportForm, PlanFilterForm, PlanForm, VersionedForm

PERM = Perm.MUTUAL_AID_MANAGE


def mutual_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, PERM)


@needs_any(PERM)
@not_found_as_404
def plan_list_page(request: HttpRequest) -> HttpResponse:
    view_scope = mutual_scope(request)
    form = PlanFilterForm(request.GET or {"year": timezone.localdate().year})
    filters = form.cleaned_data if form.is_valid() else {}
    year = filters.get("year") or timezone.localdate().year
    plans = list(plan_list(scope=view_scope, year=year, status=filters.get("status", ""))[:200])
    home = home_union(request, PERM)
    # Figures for the cadre's union or, picked below, one of its branches.
    top = union_get(scope=view_scope, pk=request.GET["union"]) if request.GET.get("union") else home
    by_plan = mutual_aid_figures_by_plan(scope=view_scope, union=top, year=year) if top else {}
    return render(request, "mutualaid/plan_list.html", {
        "form": form, "year": year, "rows": [(p, by_plan.get(p.pk)) for p in plans], "top": top, "home": home,
        "branches": list(union_children(scope=view_scope, parent=top)[:50]) if top else [],
        "figures": mutual_aid_figures(scope=view_scope, union=top, year=year) if top else None,
        "can_create": bool(union_choices(request, PERM)),
    })


@needs_any(PERM)
@not_found_as_404
def plan_create_page(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None, unions=union_choices(request, PERM))
    if request.method == "POST" and form.is_valid():
        union = union_from_choice(request, PERM, form.cleaned_data["union"])
        plan = call_service(form, plan_create, actor=request.user, union=union, data=form.plan_data())
        if plan is not None:
            messages.success(request, _("已新建互助保障计划。核对规则后点击“开始参保”，即可为会员参保。"))
            return redirect("web:mutualaid_plan_detail", plan.pk)
    return render(request, "mutualaid/plan_form.html", {"form": form}, status=400 if form.errors else 200)


def _timeline(plan: MutualAidPlan) -> list[dict[str, Any]]:
    labels = {"plan_create": _("新建计划"), "plan_update": _("修改计划"), "plan_open": _("开始参保"),
              "plan_close": _("结束参保"), "enrol_registry": _("从会员库参保"), "enrol_import": _("导入参保名单"),
              "enrolment_cancel": _("退保")}
    rows = []
    for e in plan_timeline(plan=plan):
        summary = ""
        if e.action.startswith("enrol_"):
            summary = _("新参保%(n)s人，已参保跳过%(already)s人，互助金%(premiums)s元") % {
                "n": e.detail.get("enrolled", 0), "already": e.detail.get("already", 0),
                "premiums": yuan(e.detail.get("premiums", "0"))}
        rows.append({"label": labels.get(e.action, e.action), "actor_label": e.actor_label, "at": e.at,
                     "note": "" if e.action.startswith("enrol_") else e.note, "summary": summary})
    return rows


def render_plan_page(request: HttpRequest, plan: MutualAidPlan, failed: dict[str, forms.Form] | None = None,
                     report: Any = None, staged: str = "") -> HttpResponse:
    view_scope = mutual_scope(request)
    failed = failed or {}
    top = home_union(request, PERM)
    manage_plan = scope_for(request.user, PERM).covers(plan.org_path)
    unions = union_choices(request, PERM)
    enrolments = enrolment_list(scope=view_scope, plan=plan)
    page_forms: dict[str, forms.Form] = {
        "enrol": EnrolForm(unions=unions, initial={"paid_on": timezone.localdate()}, auto_id="id_enrol_%s"),
        "import": ImportForm(auto_id="id_import_%s"),
        "version": VersionedForm(initial={"version": plan.version}),
    }
    page_forms.update(failed)
    return render(request, "mutualaid/plan_detail.html", {
        "plan": plan, "top": top, "manage_plan": manage_plan,
        "figures": mutual_aid_figures(scope=view_scope, union=top, year=plan.year, plan=plan) if top else None,
        "page": paginate(request, enrolments, per_page=30),
        "claims": claim_list(scope=view_scope, plan=plan)[:20], "events": _timeline(plan),
        "forms": page_forms, "open_action": next(iter(failed), "import" if report else ""),
        "can_enrol": plan.status == PlanStatus.OPEN and bool(unions), "report": report, "staged": staged,
        "can_open": manage_plan and plan.status == PlanStatus.DRAFT,
        "can_close": manage_plan and plan.status == PlanStatus.OPEN,
    }, status=400 if failed else 200)


@needs_any(PERM)
@not_found_as_404
def plan_detail_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render_plan_page(request, plan_get(scope=mutual_scope(request), pk=pk))


@needs_any(PERM)
@not_found_as_404
def plan_edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan's name at any time; its rules only while it is a draft (the service says so by field)."""
    plan = plan_get(scope=mutual_scope(request), pk=pk)
    if not scope_for(request.user, PERM).covers(plan.org_path):
        messages.error(request, _("计划由承办工会维护。"))
        return redirect("web:mutualaid_plan_detail", pk)
    initial = {f: getattr(plan, f) for f in ("name", "kind", "year", "starts_on", "ends_on", "premium",
                                             "per_claim_limit", "yearly_limit", "waiting_days")}
    initial["starts_on"], initial["ends_on"] = plan.starts_on.isoformat(), plan.ends_on.isoformat()
    form = PlanForm(request.POST or None, unions=[(plan.union_id, plan.union.name)],
                    initial={**initial, "union": plan.union_id})
    form.fields["union"].disabled = True
    if request.method == "POST" and form.is_valid() and call_service(
            form, plan_update, actor=request.user, plan=plan, data=form.plan_data(),
            version=_int_or_none(request.POST.get("version"))) is not None:
        messages.success(request, _("计划已保存。"))
        return redirect("web:mutualaid_plan_detail", pk)
    return render(request, "mutualaid/plan_form.html", {"form": form, "plan": plan},
                  status=400 if form.errors else 200)


def _int_or_none(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


@require_POST
@needs_any(PERM)
@not_found_as_404
def plan_move(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    plan = plan_get(scope=mutual_scope(request), pk=pk)
    form = VersionedForm(request.POST)
    if action not in ("open", "close") or not form.is_valid():
        messages.error(request, _("页面已过期，请刷新后再操作。"))
        return redirect("web:mutualaid_plan_detail", pk)
    service = plan_open if action == "open" else plan_close
    try:
        service(actor=request.user, plan=plan, version=form.cleaned_data["version"])
    except DomainError as exc:
        flash_error(request, exc)
        return redirect("web:mutualaid_plan_detail", pk)
    messages.success(request, _("计划已开始参保。") if action == "open" else _("计划已结束参保。"))
    return redirect("web:mutualaid_plan_detail", pk)
