"""公示异议 and 表彰: the objections to a running 公示 (each a 12351 case) with their conclusions, the
honours conferred, and revoking one."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.errors import DomainError
from gonghui.honours.choices import AwardStatus
from gonghui.honours.record_selectors import award_get, award_list
from gonghui.honours.selectors import objection_get, objection_list
from gonghui.honours.services import award_revoke, objection_conclude
from gonghui.web.common.forms import call_service
from gonghui.web.common.views import flash_error, needs_any, not_found_as_404, paginate
from gonghui.web.honours.forms import AwardFilterForm, ConcludeForm, ObjectionFilterForm, RevokeForm
from gonghui.web.honours.views.common import MANAGE, PERMS, may_manage, view_scope


@needs_any(*PERMS)
def objection_list_page(request: HttpRequest) -> HttpResponse:
    form = ObjectionFilterForm(request.GET or None)
    rows = objection_list(scope=view_scope(request), unanswered=bool(form.values().get("unanswered")))
    return render(request, "honours/objection_list.html", {"form": form, "page": paginate(request, rows, 30)})


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def objection_conclude_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The conclusion is recorded from the nominee's page; a refusal comes back there as a message."""
    objection = objection_get(scope=view_scope(request), pk=pk)
    form = ConcludeForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    else:
        try:
            objection_conclude(actor=request.user, objection=objection, verdict=form.cleaned_data["verdict"],
                               note=form.cleaned_data["note"])
        except DomainError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("已记录异议核查结论。"))
    return redirect("web:honour_nomination", objection.nomination_id)


@needs_any(*PERMS)
def award_list_page(request: HttpRequest) -> HttpResponse:
    form = AwardFilterForm(request.GET or None)
    f = form.values()
    rows = award_list(scope=view_scope(request), year=f.get("year"), level=f.get("level", ""),
                      status=f.get("status", ""))
    return render(request, "honours/award_list.html", {"form": form, "page": paginate(request, rows, 30)})


def _render_award(request: HttpRequest, pk: int, form: RevokeForm | None = None) -> HttpResponse:
    award = award_get(scope=view_scope(request), pk=pk)
    path = award.call.org_path if award.call else award.org_path
    may_revoke = award.status == AwardStatus.ACTIVE and may_manage(request, path)
    return render(request, "honours/award_detail.html", {
        "award": award, "may_revoke": may_revoke,
        "form": form or RevokeForm(initial={"revoked_on": timezone.localdate()})}, status=400 if form else 200)


@needs_any(*PERMS)
@not_found_as_404
def award_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_award(request, pk)


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def award_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    award = award_get(scope=view_scope(request), pk=pk)
    form = RevokeForm(request.POST)
    if form.is_valid() and call_service(form, award_revoke, actor=request.user, award=award,
                                        reason=form.cleaned_data["reason"],
                                        revoked_on=form.cleaned_data["revoked_on"]) is not None:
        messages.success(request, _("已撤销该荣誉。"))
        return redirect("web:honour_award", award.pk)
    return _render_award(request, pk, form)
