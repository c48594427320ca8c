"""What the file page posts: each workflow step through its one service, 显示完整信息 through the
access-logged reveal service, and the scoped download of a supporting document."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gonghui.assistance import services
from gonghui.assistance.choices import Action
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.selectors import hardship_get, hardship_history
from gonghui.core import session_values
from gonghui.core.errors import DomainError, NotFound
from gonghui.core.uploads import upload_response
from gonghui.web.common.forms import call_service
from gonghui.web.common.views import not_found_as_404
from gonghui.web.hardship.forms import RevealForm
from gonghui.web.hardship.views.common import hardship_scope, needs_hardship_permission
from gonghui.web.hardship.views.detail import FORMS, REVEALED_KEY, blank_form, file_detail_page

# Built at import, so lazy: each message is rendered in the language of the request that shows it.
DONE: dict[str, Any] = {
    Action.APPLY: gettext_lazy("已提交申请，等待基层工会审核。"),
    Action.REVIEW: gettext_lazy("基层审核已通过，等待县级工会审批。"),
    Action.APPROVE: gettext_lazy("县级审批已通过，可以建档。"),
    Action.REJECT: gettext_lazy("已审核不通过。"),
    Action.WITHDRAW: gettext_lazy("已撤销。"),
    Action.FILE_OPEN: gettext_lazy("已建档，已排定第一次回头看。"),
    Action.RECHECK: gettext_lazy("已记录回头看，已排定下一次日期。"),
    Action.EXIT: gettext_lazy("已办理解困脱困，进入监测期。"),
    Action.CLOSE: gettext_lazy("监测期满，档案已结束。"),
    Action.RELAPSE: gettext_lazy("已登记返困，新档案等待基层工会审核。"),
    Action.CONSENT: gettext_lazy("已登记敏感个人信息处理同意。"),
    Action.ATTACH: gettext_lazy("已上传证明材料。"),
}
NOTE_STEPS: dict[str, Callable[..., Any]] = {
    Action.APPLY: services.hardship_apply, Action.REVIEW: services.hardship_review,
    Action.APPROVE: services.hardship_approve, Action.FILE_OPEN: services.hardship_file_open,
    Action.CLOSE: services.hardship_close_watch,
}


def _run(action: str, request: HttpRequest, file: HardshipFile, form: forms.Form) -> Any:
    data = form.cleaned_data
    # The version the page showed: the service refuses a stale one as a lost race.
    common = {"actor": request.user, "file": file, "version": data["version"]}
    if action in NOTE_STEPS:
        return call_service(form, NOTE_STEPS[action], **common, note=data["note"])
    if action == Action.REJECT:
        return call_service(form, services.hardship_reject, **common, reason=data["reason"])
    if action == Action.WITHDRAW:
        return call_service(form, services.hardship_withdraw, **common, reason=data["reason"])
    if action == Action.RECHECK:
        return call_service(form, services.hardship_recheck, **common, result=data["result"], note=data["note"])
    if action == Action.EXIT:
        return call_service(form, services.hardship_exit, **common, reason=data["exit_reason"], note=data["note"])
    if action == Action.RELAPSE:
        return call_service(form, services.hardship_relapse, **common, note=data["note"],
                            causes=data["causes"] or None)
    if action == Action.CONSENT:
        return call_service(form, services.hardship_consent_record, **common, signer=data["consent_signer"],
                            text_version=data["consent_text_version"])
    if action == Action.ATTACH:
        return call_service(form, services.hardship_attach, **common, kind=data["kind"], upload=data["file"])
    raise Http404


@require_POST
@needs_hardship_permission()
@not_found_as_404
def file_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in FORMS:
        raise Http404
    file = hardship_get(scope=hardship_scope(request), pk=pk)
    form = blank_form(action, file, request.POST, request.FILES)
    if form.is_valid():
        done = _run(action, request, file, form)
        if form.has_error("version"):
            # A stale page: nothing to correct in the form, so the file as it is now is shown instead.
            messages.error(request, str(form.errors["version"][0]))
            return redirect("web:hardship_detail", pk)
        if done is not None and not form.errors:
            messages.success(request, DONE[action])
            # 返困 ends this file and opens a new one linked to it: that is where the work goes on.
            target = done.pk if action == Action.RELAPSE else pk
            return redirect("web:hardship_detail", target)
    return file_detail_page(request, pk, failed={action: form})


@require_POST
@needs_hardship_permission()
@not_found_as_404
def file_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """显示完整信息: every identity number, the phone, each income and health note of the household,
    each through the reveal service (which checks the permission and writes the access-log row), shown
    once on the next view of the page (sealed in the session for a minute) and kept nowhere else."""
    file = hardship_get(scope=hardship_scope(request), pk=pk)
    form = RevealForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        revealed = _reveal_all(request, file, reason)
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("web:hardship_detail", pk)
    session_values.keep(request.session, f"{REVEALED_KEY}{file.pk}", revealed, seconds=session_values.REVEAL_SECONDS)
    messages.info(request, _("已显示完整信息，本次查看已记入个人信息访问日志；刷新或离开页面后恢复遮盖。"))
    return redirect("web:hardship_detail", pk)


def _reveal_all(request: HttpRequest, file: HardshipFile, reason: str) -> dict[str, Any]:
    def reveal(field: str, member: Any = None) -> str:
        return services.hardship_reveal(actor=request.user, file=file, field=field, reason=reason,
                                        household_member=member)

    revealed: dict[str, Any] = {"worker_id_number": reveal("worker_id_number")}
    if file.worker_phone_masked:
        revealed["worker_phone"] = reveal("worker_phone")
    household: dict[str, dict[str, str]] = {}
    for member in hardship_history(file=file).household:
        values = {"annual_income": reveal("annual_income", member)}
        if member.id_masked:
            values["id_number"] = reveal("id_number", member)
        if member.health_notes:
            values["health_notes"] = reveal("health_notes", member)
        household[str(member.pk)] = values
    revealed["household"] = household
    return revealed


@needs_hardship_permission()
def file_document(request: HttpRequest, pk: int, document_pk: int) -> HttpResponseBase:
    try:
        file = hardship_get(scope=hardship_scope(request), pk=pk)
    except NotFound:
        raise Http404 from None
    try:
        document = services.hardship_document_open(actor=request.user, file=file, document_pk=document_pk)
    except NotFound:
        raise Http404 from None
    return upload_response(document, file=document.upload)  # type: ignore[no-any-return]
