"""统计年报 for a whole subtree from its reporting status page: 批量预填 (open every return not yet
begun) and 代为签报 (sign a level's passing returns on their behalf). Each parses, calls one service
and says on the status page what was done and which returns were left open, naming why."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.orgs.choices import Level
from gonghui.reports.stats import bulk
from gonghui.web.common.forms import call_service_or_message
from gonghui.web.common.views import needs_any, not_found_as_404
from gonghui.web.reports.stats_views import REPORT, _union, _year

SHOWN_REFUSALS = 5  # the first returns left open, named on the page; the status list shows the rest


def _back(union_pk: int, year: int) -> HttpResponse:
    return redirect(f"{reverse('web:stats_status')}?union={union_pk}&year={year}")


@require_POST
@needs_any(REPORT)
@not_found_as_404
def prefill_returns(request: HttpRequest) -> HttpResponse:
    union, year = _union(request), _year(request)
    opened = call_service_or_message(request, bulk.returns_prefill, actor=request.user, union=union, year=year)
    if opened is not None:
        if opened:
            messages.success(request, _("已为 %(n)s 个单位开始填报，系统数据已预填。") % {"n": opened})
        else:
            messages.info(request, _("所有单位都已开始填报，无需预填。"))
    return _back(union.pk, year)


@require_POST
@needs_any(REPORT)
@not_found_as_404
def sign_on_behalf(request: HttpRequest) -> HttpResponse:
    union, year = _union(request), _year(request)
    raw = str(request.POST.get("level", "")).strip()
    level = int(raw) if raw.isdigit() else Level.GRASSROOTS
    done = call_service_or_message(request, bulk.returns_sign_on_behalf, actor=request.user, union=union, year=year,
                                   level=level, name=request.POST.get("name", ""))
    if done is not None:
        messages.success(request, _("已代为签报 %(n)s 份报表。") % {"n": done.signed})
        for name, failure in done.refused[:SHOWN_REFUSALS]:
            messages.warning(request, _("%(union)s：%(why)s") % {"union": name, "why": failure.message})
        if len(done.refused) > SHOWN_REFUSALS:
            messages.warning(request, _("另有 %(n)s 份报表审核未通过，仍在填报中。")
                             % {"n": len(done.refused) - SHOWN_REFUSALS})
    return _back(union.pk, year)
