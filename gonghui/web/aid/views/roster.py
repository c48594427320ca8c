"""The batch's 发放花名册: the batch page's list on paper, for each recipient to sign for what they
received and for the preparer, the reviewer and the approver to sign the whole. Rows and totals are
the batch page's own selectors (the live rows, the live totals), masked as the page shows them."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from gonghui.aid.choices import ProgrammeKind
from gonghui.aid.selectors import batch_get, batch_totals, grant_roster
from gonghui.web.aid.views.common import AID_PERMS, aid_scope
from gonghui.web.common.views import needs_any, not_found_as_404


@needs_any(*AID_PERMS)
@not_found_as_404
def batch_roster_page(request: HttpRequest, pk: int) -> HttpResponse:
    view_scope = aid_scope(request)
    batch = batch_get(scope=view_scope, pk=pk)
    return render(request, "aid/print_roster.html", {
        "batch": batch, "programme": batch.programme, "campaign": batch.campaign,
        "grants": grant_roster(scope=view_scope, batch=batch), "totals": batch_totals(batch=batch),
        "study_aid": batch.programme.kind == ProgrammeKind.AUTUMN_STUDY_AID,
        "printed_at": timezone.now(), "back": reverse("web:aid_batch_detail", args=[batch.pk]),
    })
