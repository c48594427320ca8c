"""报送授权: which partner keys may submit postings for which employers. Beside 岗位审核, because the
cadre who reviews what a partner submits is the one who decides who may submit."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gonghui.jobs.selectors import grantable_partners, job_partner_get, job_partner_list, partner_for_grant
from gonghui.jobs.services import job_partner_grant, job_partner_revoke
from gonghui.orgs.selectors import employer_get
from gonghui.web.common.forms import call_service, call_service_or_message
from gonghui.web.common.views import needs_any, not_found_as_404, paginate
from gonghui.web.jobs.forms import PartnerGrantForm
from gonghui.web.jobs.views.common import MANAGE, PERMS, employers, manage_scope, view_scope


def _form(request: HttpRequest) -> PartnerGrantForm:
    partners = [(p.pk, str(p)) for p in grantable_partners(scope=manage_scope(request))]
    return PartnerGrantForm(request.POST or None, partners=partners, employers=employers(request))


@needs_any(*PERMS)
def grant_list_page(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    may = not manage_scope(request).is_empty
    if request.method == "POST" and may and form.is_valid():
        scope = manage_scope(request)
        partner = call_service(form, partner_for_grant, scope=scope, pk=form.cleaned_data["partner"])
        employer = partner and call_service(form, employer_get, scope=scope, pk=form.cleaned_data["employer"])
        if employer and call_service(form, job_partner_grant, actor=request.user, partner=partner,
                                     employer=employer):
            messages.success(request, _("已授权该合作方为此用人单位报送岗位。"))
            return redirect("web:jobs_partner_grants")
    rows = job_partner_list(scope=view_scope(request))
    return render(request, "jobs/partner_grants.html", {
        "form": form if may else None, "page": paginate(request, rows, 30), "manage": manage_scope(request)},
        status=400 if form.errors else 200)


@require_POST
@needs_any(MANAGE)
@not_found_as_404
def grant_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    grant = job_partner_get(scope=view_scope(request), pk=pk)
    if call_service_or_message(request, job_partner_revoke, actor=request.user, grant=grant):
        messages.success(request, _("已撤销报送授权。"))
    return redirect("web:jobs_partner_grants")
