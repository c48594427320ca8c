"""The steps of a batch, each one service call: select from the registry, add a worker, remove,
adjust a row, submit, return, approve, cancel, mark paid; the bank's payment list out and its
result file back. The services judge status, scope, version and input."""

import io
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gonghui.aid.choices import GrantStatus, ProgrammeKind
from gonghui.aid.errors import BankFileInvalid
from gonghui.aid.models import AidBatch
from gonghui.aid.selectors import batch_get, grant_get
from gonghui.aid.services import (
    bank_export,
    bank_result_import,
    batch_approve,
    batch_cancel,
    batch_mark_paid,
    batch_remove_grants,
    batch_return,
    batch_select_eligible,
    batch_submit,
    grant_add,
    grant_adjust,
)
from gonghui.aid.services.files import batch_add_files
from gonghui.core.errors import Conflict, DomainError
from gonghui.core.permissions import Perm
from gonghui.web.aid.forms import BankResultForm, GrantForm, ReasonForm, RemoveForm, VersionedForm, WorkerForm
from gonghui.web.aid.views.batches import batch_page_actions, remember_set_aside, render_batch_page
from gonghui.web.aid.views.common import AID_PERMS, aid_scope
from gonghui.web.common.forms import call_service
from gonghui.web.common.views import flash_error, needs_any, not_found_as_404

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DONE: dict[str, Any] = {
    "submit": gettext_lazy("已提交审批。"), "return": gettext_lazy("已退回修改。"),
    "approve": gettext_lazy("已审批通过，金额已计入项目预算。"), "cancel": gettext_lazy("批次已作废。"),
    "mark_paid": gettext_lazy("已确认发放。"),
}

STEPS: dict[str, Callable[..., Any]] = {"submit": batch_submit, "return": batch_return, "approve": batch_approve,
                                        "cancel": batch_cancel, "mark_paid": batch_mark_paid}


def _back(batch: AidBatch) -> HttpResponse:
    return redirect("web:aid_batch_detail", batch.pk)


def _select(request: HttpRequest, batch: AidBatch) -> HttpResponse:
    try:
        selection = batch_select_eligible(actor=request.user, batch=batch)
    except DomainError as exc:
        flash_error(request, exc)
        return _back(batch)
    remember_set_aside(request, batch, selection.duplicates)
    messages.success(request, _("已从困难职工档案选入%(added)d户，另有%(aside)d户未选入（见下方说明）。")
                     % {"added": selection.added, "aside": len(selection.duplicates)} if selection.duplicates
                     else _("已从困难职工档案选入%(added)d户。") % {"added": selection.added})
    return _back(batch)


def _add_files(request: HttpRequest, batch: AidBatch) -> HttpResponse:
    ids = [i for i in request.POST.getlist("files") if i.isdigit()]
    try:
        selection = batch_add_files(actor=request.user, batch=batch, file_ids=ids)
    except DomainError as exc:
        flash_error(request, exc)
        return _back(batch)
    remember_set_aside(request, batch, selection.duplicates)
    messages.success(request, _("已添加%(added)d户，另有%(aside)d户未添加（见下方说明）。")
                     % {"added": selection.added, "aside": len(selection.duplicates)} if selection.duplicates
                     else _("已添加%(added)d户。") % {"added": selection.added})
    return _back(batch)


def _add(request: HttpRequest, batch: AidBatch) -> HttpResponse:
    form = WorkerForm(request.POST, study_aid=batch.programme.kind == ProgrammeKind.AUTUMN_STUDY_AID,
                      auto_id="id_add_%s")
    if form.is_valid():
        grant = call_service(form, grant_add, actor=request.user, batch=batch, data=form.cleaned_data)
        if grant is not None:
            messages.success(request, _("已添加%(name)s。") % {"name": grant.name})
            return _back(batch)
    return render_batch_page(request, batch, failed={"add": form})


def _remove(request: HttpRequest, batch: AidBatch) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("grants") if i.isdigit()]
    form = RemoveForm(request.POST, grant_ids=ids)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return _back(batch)
    removed = call_service(form, batch_remove_grants, actor=request.user, batch=batch,
                           grant_ids=form.cleaned_data["grants"], reason=form.cleaned_data["reason"])
    if removed is None:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        messages.success(request, _("已移出%(n)d条记录。") % {"n": removed})
    return _back(batch)


def _step(request: HttpRequest, batch: AidBatch, action: str) -> HttpResponse:
    with_reason = action in ("return", "cancel")
    form = (ReasonForm if with_reason else VersionedForm)(request.POST, auto_id=f"id_{action}_%s")
    if not form.is_valid():
        if with_reason:
            return render_batch_page(request, batch, failed={action: form})
        messages.error(request, _("页面已过期，请刷新后再操作。"))
        return _back(batch)
    version = form.cleaned_data["version"]
    kwargs: dict[str, Any] = {"actor": request.user, "batch": batch, "version": version}
    if with_reason:
        kwargs["reason"] = form.cleaned_data["reason"]
    service = STEPS[action]
    try:
        service(**kwargs)
    except Conflict as exc:  # a lost race or the budget: nothing to correct in the form
        flash_error(request, exc)
        return _back(batch)
    except DomainError as exc:
        if with_reason and exc.field == "reason":
            form.add_error("reason", str(exc.message))
            return render_batch_page(request, batch, failed={action: form})
        flash_error(request, exc)
        return _back(batch)
    messages.success(request, DONE[action])
    return _back(batch)


def _bank_result(request: HttpRequest, batch: AidBatch) -> HttpResponse:
    form = BankResultForm(request.POST, request.FILES, auto_id="id_bank_%s")
    if not form.is_valid():
        return render_batch_page(request, batch, failed={"bank_result": form})
    upload = form.cleaned_data["file"]
    try:
        result = bank_result_import(actor=request.user, batch=batch, file=upload, filename=upload.name or "")
    except BankFileInvalid as exc:
        form.add_error("file", str(exc.message))
        return render_batch_page(request, batch, failed={"bank_result": form}, bank_errors=exc.errors)
    except Conflict as exc:
        flash_error(request, exc)
        return _back(batch)
    except DomainError as exc:
        form.add_error("file", str(exc.message))
        return render_batch_page(request, batch, failed={"bank_result": form})
    messages.success(request, _("已导入银行回盘：成功%(paid)d笔，失败%(failed)d笔。")
                     % {"paid": result.paid, "failed": result.failed})
    return _back(batch)


@require_POST
@needs_any(*AID_PERMS)
@not_found_as_404
def batch_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    batch = batch_get(scope=aid_scope(request), pk=pk)
    if action not in ("select", "add", "add_files", "remove", "submit", "return", "approve", "cancel", "mark_paid",
                      "bank_result"):
        raise Http404
    if action not in batch_page_actions(request, batch):
        # A button from a stale page, or a forged post: the batch as it is now says why.
        messages.error(request, _("当前状态下您不能进行此操作，请查看批次的最新状态。"))
        return _back(batch)
    if action == "select":
        return _select(request, batch)
    if action == "add":
        return _add(request, batch)
    if action == "add_files":
        return _add_files(request, batch)
    if action == "remove":
        return _remove(request, batch)
    if action == "bank_result":
        return _bank_result(request, batch)
    return _step(request, batch, action)


@needs_any(Perm.AID_DISBURSE)
@not_found_as_404
def bank_export_download(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_get(scope=aid_scope(request), pk=pk)
    out = io.BytesIO()
    try:
        bank_export(actor=request.user, batch=batch, out=out)
    except DomainError as exc:
        flash_error(request, exc)
        return _back(batch)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="aid-batch-{batch.pk}-bank.xlsx"'
    return response


@needs_any(Perm.AID_DISBURSE)
@not_found_as_404
def grant_edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    grant = grant_get(scope=aid_scope(request), pk=pk)
    batch = grant.batch
    if "remove" not in batch_page_actions(request, batch) or grant.status != GrantStatus.PENDING:
        messages.error(request, _("只有草稿批次中待发放的记录可以调整。"))
        return _back(batch)
    study_aid = batch.programme.kind == ProgrammeKind.AUTUMN_STUDY_AID
    initial = {f: getattr(grant, f) for f in ("cash", "goods", "goods_value", "payee_name", "student_name",
                                              "school", "grade")}
    form = GrantForm(request.POST or None, study_aid=study_aid, initial=initial)
    if request.method == "POST" and form.is_valid() and call_service(
            form, grant_adjust, actor=request.user, grant=grant, **form.changes()) is not None:
        messages.success(request, _("已调整%(name)s的发放内容。") % {"name": grant.name})
        return _back(batch)
    return render(request, "aid/grant_form.html", {"form": form, "grant": grant, "batch": batch},
                  status=400 if form.errors else 200)

