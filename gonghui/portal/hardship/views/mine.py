"""我的帮扶 and 我的互助保障: the worker's own files, the aid received, and mutual-aid cover and claims.

Everything here is found through the phone the worker proved; another household's file answers
exactly like a missing one.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.aid.worker_selectors import my_aid_grants
from gonghui.assistance.choices import OPEN_STATUSES, Cause, DocumentKind
from gonghui.assistance.services import hardship_attach_by_worker, hardship_withdraw_by_worker
from gonghui.assistance.worker_selectors import my_file_record, my_hardship_file_get, my_hardship_files
from gonghui.core.errors import DomainError, NotFound
from gonghui.mutualaid.selectors import my_mutual_aid
from gonghui.portal.common import session
from gonghui.portal.common.forms import add_errors
from gonghui.portal.common.views import flash_error, portal_errors
from gonghui.portal.hardship.forms import DocumentForm, WithdrawForm


@session.worker_required
def hardship_mine(request: HttpRequest) -> HttpResponse:
    worker = session.worker_of(request)
    files = my_hardship_files(phone=worker.phone)
    current = files[0] if files else None
    return render(request, "portal/hardship/mine.html", {
        "worker": worker, "current": current, "earlier": files[1:], "aid": my_aid_grants(phone=worker.phone),
        "current_open": current is not None and current.status in OPEN_STATUSES,
    })


def _file_page(request: HttpRequest, pk: int, *, document_form: DocumentForm | None = None,
               withdraw_form: WithdrawForm | None = None, status: int = 200) -> HttpResponse:
    worker = session.worker_of(request)
    record = my_file_record(file=my_hardship_file_get(phone=worker.phone, pk=pk))
    return render(request, "portal/hardship/file.html", {
        "worker": worker, "record": record, "file": record.file, "submitted": request.GET.get("submitted") == "1",
        "cause_labels": [Cause(c).label for c in record.causes],
        "missing_labels": [DocumentKind(k).label for k in record.missing],
        "document_form": document_form or (DocumentForm(initial={"kind": record.missing[0]} if record.missing else {})
                                           if record.can_attach else None),
        "withdraw_form": withdraw_form or (WithdrawForm() if record.can_withdraw else None),
    }, status=status)


@session.worker_required
@portal_errors
def hardship_file(request: HttpRequest, pk: int) -> HttpResponse:
    return _file_page(request, pk)


@session.worker_required
@require_POST
@portal_errors
def hardship_file_attach(request: HttpRequest, pk: int) -> HttpResponse:
    worker = session.worker_of(request)
    file = my_hardship_file_get(phone=worker.phone, pk=pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            hardship_attach_by_worker(worker=worker, file=file, kind=form.cleaned_data["kind"],
                                      upload=form.cleaned_data["file"])
        except NotFound:
            raise
        except DomainError as exc:
            if exc.code == "bad_status":
                # Reviewed meanwhile: the page as it is now says what happens next.
                flash_error(request, exc)
                return redirect("portal:hardship_file", pk)
            add_errors(exc, form)
        else:
            messages.success(request, _("证明材料已上传，工会审核时会一并查看。"))
            return redirect("portal:hardship_file", pk)
    return _file_page(request, pk, document_form=form, status=400)


@session.worker_required
@require_POST
@portal_errors
def hardship_file_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    worker = session.worker_of(request)
    file = my_hardship_file_get(phone=worker.phone, pk=pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            hardship_withdraw_by_worker(worker=worker, file=file, reason=form.cleaned_data["reason"])
        except NotFound:
            raise
        except DomainError as exc:
            if exc.field != "reason":
                flash_error(request, exc)
                return redirect("portal:hardship_file", pk)
            add_errors(exc, form)
        else:
            messages.success(request, _("困难帮扶申请已撤回。"))
            return redirect("portal:hardship_file", pk)
    return _file_page(request, pk, withdraw_form=form, status=400)


@session.worker_required
def mutual_aid_mine(request: HttpRequest) -> HttpResponse:
    worker = session.worker_of(request)
    return render(request, "portal/hardship/mutual_aid.html", {
        "worker": worker, "mine": my_mutual_aid(phone=worker.phone),
    })
