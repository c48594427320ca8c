"""发放批次: the list per programme and status, a new batch, and the batch page with its grants,
totals, budget check, timeline and the forms of the steps this cadre may take now."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.aid.choices import BatchAction, BatchStatus, GrantStatus, ProgrammeKind
from gonghui.aid.dedup import describe_text
from gonghui.aid.file_selectors import batch_file_candidates
from gonghui.aid.models import AidBatch
from gonghui.aid.selectors import (
    batch_events,
    batch_get,
    batch_list,
    batch_totals,
    campaign_get,
    campaigns_usable,
    grant_list,
    programme_list,
)
from gonghui.aid.services import batch_create
from gonghui.aid.workflow import RULES, allowed_actions
from gonghui.assistance.choices import HardshipClass
from gonghui.core import session_values
from gonghui.core.money import yuan
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.web.aid.forms import (
    BankResultForm,
    BatchFilterForm,
    BatchForm,
    ReasonForm,
    VersionedForm,
    WorkerForm,
)
from gonghui.web.aid.views.common import AID_PERMS, aid_scope, can_any
from gonghui.web.common.forms import call_service
from gonghui.web.common.unions import union_choices, union_from_choice
from gonghui.web.common.views import needs_any, not_found_as_404, paginate

SET_ASIDE_KEY = "aid-set-aside-%d"
SET_ASIDE_SHOWN = 200
REASONS = {"already_aided": gettext_lazy("本周期已领取过该项目"), "not_member": gettext_lazy("非会员，本项目仅限会员"),
           "listed_twice": gettext_lazy("名单中重复")}
# Page actions → the workflow's rule each one needs.
PAGE_ACTIONS = {"select": BatchAction.SELECT, "add": BatchAction.SELECT, "add_files": BatchAction.SELECT,
                "remove": BatchAction.REVIEW,
                "submit": BatchAction.SUBMIT, "return": BatchAction.RETURN, "approve": BatchAction.APPROVE,
                "cancel": BatchAction.CANCEL, "mark_paid": BatchAction.MARK_PAID,
                "bank_result": BatchAction.BANK_RESULT}


@needs_any(*AID_PERMS)
def batch_list_page(request: HttpRequest) -> HttpResponse:
    view_scope = aid_scope(request)
    programmes = {p.pk: p for p in programme_list(scope=view_scope, active_only=False)[:200]}
    form = BatchFilterForm(request.GET, programmes=[(pk, p.name) for pk, p in programmes.items()])
    filters = form.cleaned_data if form.is_valid() else {}
    programme = programmes.get(filters.get("programme") or 0)
    qs = batch_list(scope=view_scope, status=filters.get("status", ""), programme=programme)
    return render(request, "aid/batch_list.html", {
        "form": form, "page": paginate(request, qs.order_by("-created_at", "-pk"), per_page=30),
        "can_create": not scope_for(request.user, Perm.AID_DISBURSE).is_empty,
    })


def _campaign_choices(request: HttpRequest) -> list[tuple[int, str]]:
    campaigns = campaigns_usable(scope=scope_for(request.user, Perm.AID_DISBURSE))[:200]
    return [(c.pk, f"{c.name}（{c.programme.union.name}）") for c in campaigns]


@needs_any(Perm.AID_DISBURSE)
@not_found_as_404
def batch_create_page(request: HttpRequest) -> HttpResponse:
    campaigns = _campaign_choices(request)
    initial = {"campaign": request.GET.get("campaign")} if request.GET.get("campaign") else {}
    form = BatchForm(request.POST or None, campaigns=campaigns, initial=initial)
    form.set_unions(union_choices(request, Perm.AID_DISBURSE))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        campaign = campaign_get(scope=scope_for(request.user, Perm.AID_DISBURSE), pk=data["campaign"])
        union = union_from_choice(request, Perm.AID_DISBURSE, data["union"])
        batch = call_service(form, batch_create, actor=request.user, campaign=campaign, union=union,
                             title=data["title"], granted_on=data["granted_on"])
        if batch is not None:
            messages.success(request, _("已新建发放批次，请选取发放对象。"))
            return redirect("web:aid_batch_detail", batch.pk)
    return render(request, "aid/batch_form.html", {"form": form, "campaigns": campaigns},
                  status=400 if form.errors else 200)


def batch_page_actions(request: HttpRequest, batch: AidBatch) -> set[str]:
    """What the status table allows, narrowed to what this cadre may do on this batch now."""
    allowed = set(allowed_actions(batch.status))
    shown = {page for page, action in PAGE_ACTIONS.items()
             if action in allowed and can_any(request, RULES[action].permissions, batch.org_path)}
    if settings.GONGHUI_AID_SEPARATE_APPROVER and batch.prepared_by_id == request.user.pk:
        shown.discard("approve")  # the preparer may not approve their own batch
    return shown


def _file_url_name() -> str:
    """The hardship registry's file page (its console's route), or nothing where it is not installed."""
    try:
        reverse("web:hardship_detail", args=[1])
    except NoReverseMatch:
        return ""
    return "web:hardship_detail"


def _set_aside(request: HttpRequest, batch: AidBatch) -> list[dict[str, Any]]:
    rows = session_values.take(request.session, SET_ASIDE_KEY % batch.pk) or []
    return [{"name": r["name"], "reason": REASONS.get(r["reason"], r["reason"]),
             "earlier": describe_text(r["earlier"]) if r.get("earlier") else ""} for r in rows]


def remember_set_aside(request: HttpRequest, batch: AidBatch, rows: list[dict[str, Any]]) -> None:
    # Workers' names: sealed like everything personal kept in the session.
    session_values.keep(request.session, SET_ASIDE_KEY % batch.pk, rows[:SET_ASIDE_SHOWN])


def _timeline(batch: AidBatch) -> list[dict[str, Any]]:
    rows = []
    for e in batch_events(batch=batch):
        d = e.detail or {}
        summary: Any = ""
        if e.action == BatchAction.SELECT:
            summary = _("选入%(added)s人，未选入%(aside)s人") % {"added": d.get("added", 0),
                                                                  "aside": d.get("set_aside", 0)}
        elif e.action == BatchAction.REVIEW and d.get("removed"):
            summary = _("移出%(n)d条记录") % {"n": len(d["removed"])}
        elif e.action == BatchAction.REVIEW and d.get("grant"):
            summary = _("调整发放编号%(id)s") % {"id": d["grant"]}
        elif e.action == BatchAction.BANK_RESULT:
            summary = _("成功%(paid)s笔，失败%(failed)s笔") % {"paid": d.get("paid", 0), "failed": d.get("failed", 0)}
        elif e.action == BatchAction.APPROVE and d.get("committed"):
            summary = _("计入预算%(amount)s元") % {"amount": yuan(d["committed"])}
        label = BatchAction(e.action).label if e.action in BatchAction.values else e.action
        rows.append({"label": label, "actor_label": e.actor_label, "at": e.at, "note": e.note, "summary": summary})
    return rows


def render_batch_page(request: HttpRequest, batch: AidBatch, failed: dict[str, Any] | None = None,
                      bank_errors: list[dict[str, Any]] | None = None) -> HttpResponse:
    view_scope = aid_scope(request)
    failed = failed or {}
    actions = batch_page_actions(request, batch)
    programme = batch.programme
    status_filter = request.GET.get("grants", "")
    status_filter = status_filter if status_filter in GrantStatus.values else ""
    grants = grant_list(scope=view_scope, batch=batch, status=status_filter).select_related("hardship_file")
    totals = batch_totals(batch=batch)
    pending = totals.amount(GrantStatus.PENDING)
    study_aid = programme.kind == ProgrammeKind.AUTUMN_STUDY_AID
    action_forms: dict[str, forms.Form] = {
        "add": WorkerForm(study_aid=study_aid, auto_id="id_add_%s"),
        "return": ReasonForm(initial={"version": batch.version}, auto_id="id_return_%s"),
        "cancel": ReasonForm(initial={"version": batch.version}, auto_id="id_cancel_%s"),
        "bank_result": BankResultForm(initial={"version": batch.version}, auto_id="id_bank_%s"),
        "version": VersionedForm(initial={"version": batch.version}),
    }
    action_forms.update(failed)
    return render(request, "aid/batch_detail.html", {
        "batch": batch, "programme": programme, "campaign": batch.campaign, "totals": totals,
        "page": paginate(request, grants, per_page=50), "status_filter": status_filter,
        "grant_statuses": GrantStatus.choices, "events": _timeline(batch), "actions": actions,
        "forms": action_forms, "open_action": next(iter(failed), ""), "study_aid": study_aid,
        "available": programme.budget - programme.committed,
        "over_budget": batch.status in (BatchStatus.DRAFT, BatchStatus.SUBMITTED)
        and pending > programme.budget - programme.committed,
        "pending": pending, "set_aside": _set_aside(request, batch), "bank_errors": bank_errors or [],
        "file_url_name": _file_url_name(),
        "can_see_programme": view_scope.covers(programme.org_path),
        "can_export": "bank_result" in actions,
    }, status=400 if failed else 200)


@needs_any(Perm.AID_DISBURSE)
@not_found_as_404
def batch_file_picker(request: HttpRequest, pk: int) -> HttpResponse:
    """The households in file matching the search, for the batch page's 按档案添加."""
    batch = batch_get(scope=aid_scope(request), pk=pk)
    if "add_files" not in batch_page_actions(request, batch):
        return render(request, "aid/_file_choices.html", {"choices": [], "closed": True})
    choices = batch_file_candidates(scope=scope_for(request.user, Perm.HARDSHIP_VIEW), batch=batch,
                                    query=request.GET.get("q", "")[:50])
    classes = dict(HardshipClass.choices)
    return render(request, "aid/_file_choices.html", {
        "choices": [(c, classes.get(c.hardship_class, c.hardship_class)) for c in choices],
        "query": request.GET.get("q", "")})


@needs_any(*AID_PERMS)
@not_found_as_404
def batch_detail_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render_batch_page(request, batch_get(scope=aid_scope(request), pk=pk))
