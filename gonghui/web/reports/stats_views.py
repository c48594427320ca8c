"""统计年报 console pages: the reporting status at a union (its own return, its children's), a
return's form with its sections and failed checks beside their fields, the actions on it, the
survey software's .xlsx and the print view. Each page parses, calls one service or selector, renders."""

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gonghui.core.errors import DomainError, NotFound, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.choices import Level
from gonghui.orgs.scope import Scope, scope_for, scope_for_any
from gonghui.orgs.selectors import union_get
from gonghui.reports.stats import selectors, services
from gonghui.reports.stats.choices import FormKind, ReturnStatus, Source
from gonghui.reports.stats.exports import returns_workbook
from gonghui.web.common.forms import call_service_or_message
from gonghui.web.common.unions import home_union
from gonghui.web.common.views import needs_any, not_found_as_404

VIEW, REPORT = Perm.STATS_VIEW, Perm.STATS_REPORT
PERMS = (VIEW, REPORT)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def view_scope(request: HttpRequest) -> Scope:
    return scope_for_any(request.user, PERMS)


def _year(request: HttpRequest) -> int:
    raw = str(request.GET.get("year") or request.POST.get("year") or "").strip()
    if raw.isdigit() and 2000 <= int(raw) <= 2200:
        return int(raw)
    return selectors.reporting_year()


def _union(request: HttpRequest) -> Any:
    raw = str(request.GET.get("union") or request.POST.get("union") or "").strip()
    if raw.isdigit():
        return union_get(scope=view_scope(request), pk=int(raw))
    union = home_union(request, REPORT) or home_union(request, VIEW)
    if union is None:
        raise NotFound()
    return union


@needs_any(*PERMS)
@not_found_as_404
def status_page(request: HttpRequest) -> HttpResponse:
    union, year = _union(request), _year(request)
    status = selectors.status_of(scope=view_scope(request), union=union, year=year)
    return render(request, "reports/stats_status.html", {
        "union": union, "year": year, "years": range(selectors.reporting_year() + 1, 2024, -1), "s": status,
        "files": selectors.files_a_return(union), "can_report": scope_for(request.user, REPORT).covers(union.path),
        "parent": union.parent if union.parent_id and view_scope(request).covers(union.parent.path) else None,
        "statuses": ReturnStatus, "kinds": FormKind,
        "below": [(level.value, level.label) for level in Level if union.level < level <= Level.GRASSROOTS]})


@require_POST
@needs_any(REPORT)
@not_found_as_404
def open_return(request: HttpRequest) -> HttpResponse:
    union, year = _union(request), _year(request)
    ret = call_service_or_message(request, services.return_open, actor=request.user, union=union, year=year)
    if ret is None:
        return redirect(f"{reverse('web:stats_status')}?union={union.pk}&year={year}")
    return redirect("web:stats_return", ret.pk)


def _posted(request: HttpRequest, prefix: str) -> dict[str, str]:
    return {k[len(prefix):]: str(v) for k, v in request.POST.items() if k.startswith(prefix)}


@needs_any(*PERMS)
@not_found_as_404
def return_page(request: HttpRequest, pk: int) -> HttpResponse:
    ret = selectors.return_get(scope=view_scope(request), pk=pk)
    can = scope_for(request.user, REPORT).covers(ret.org_path) and not ret.locked
    error: DomainError | None = None
    posted: dict[str, str] = {}
    if request.method == "POST":  # the service refuses a locked return or a reader, naming why
        posted = _posted(request, "v_")
        version = int(request.POST["version"]) if str(request.POST.get("version", "")).isdigit() else 0
        try:
            failures = services.return_save(actor=request.user, ret=ret, version=version, values=posted,
                                            explanations=_posted(request, "x_"))
        except DomainError as exc:
            error = exc
        else:
            if failures:
                messages.warning(request, _("已保存；还有 %(n)s 项审核未通过，请按提示修改或说明。")
                                 % {"n": len(failures)})
            else:
                messages.success(request, _("已保存，审核全部通过。"))
            return redirect("web:stats_return", pk)
    ret.refresh_from_db()
    sections, failures = selectors.return_sheet(ret)
    upper = ret.form.kind == FormKind.UPPER
    return render(request, "reports/stats_return.html", {
        "gaps": selectors.unsigned_children(union=ret.union, year=ret.year) if upper else [],
        "r": ret, "sections": sections, "failures": failures, "can_edit": can, "error": error,
        "error_field": getattr(error, "field", None), "posted": posted, "sources": Source,
        "can_act": scope_for(request.user, REPORT).covers(ret.org_path), "upper": upper,
        "events": [_labelled(e) for e in ret.events.all()[:20]], "today": timezone.localdate()},
                  status=400 if error else 200)


ACTIONS = {"sign", "reopen", "aggregate", "refresh"}
EVENT_LABELS = {"open": gettext_lazy("开始填报"), "save": gettext_lazy("保存"), "refresh": gettext_lazy("重新取数"),
                "aggregate": gettext_lazy("汇总下级"), "sign": gettext_lazy("签报"), "reopen": gettext_lazy("退回更正")}


def _labelled(event: Any) -> Any:
    event.label = EVENT_LABELS.get(event.action, event.action)
    return event


@require_POST
@needs_any(REPORT)
@not_found_as_404
def return_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    ret = selectors.return_get(scope=view_scope(request), pk=pk)
    if action not in ACTIONS:
        raise NotFound()
    version = int(request.POST["version"]) if str(request.POST.get("version", "")).isdigit() else 0
    call: dict[str, Any] = {"actor": request.user, "ret": ret, "version": version}
    done: Any
    if action == "sign":
        done = call_service_or_message(request, services.return_sign, name=request.POST.get("name", ""),
                                       on=_day(request.POST.get("on")), **call)
        text = _("已签报并锁定。")
    elif action == "reopen":
        done = call_service_or_message(request, services.return_reopen, reason=request.POST.get("reason", ""), **call)
        text = _("已退回更正；上级报表将看到此变动。")
    elif action == "aggregate":
        done = call_service_or_message(request, services.return_aggregate, **call)
        text = _("已汇总下级已签报的报表。")
    else:
        done = call_service_or_message(request, services.return_refresh, **call)
        text = _("已按业务数据重新取数。")
    if done is not None:
        messages.success(request, text)
    return redirect("web:stats_return", pk)


def _day(raw: Any) -> Any:
    import datetime

    try:
        return datetime.date.fromisoformat(str(raw or "").strip()) if raw else None
    except ValueError:
        raise ValidationFailed(_("签报日期格式应为 YYYY-MM-DD。"), field="on") from None


@needs_any(*PERMS)
@not_found_as_404
def print_page(request: HttpRequest, pk: int) -> HttpResponse:
    ret = selectors.return_get(scope=view_scope(request), pk=pk)
    sections, failures = selectors.return_sheet(ret)
    return render(request, "reports/stats_print.html", {
        "r": ret, "sections": sections, "failures": failures, "printed_at": timezone.now(),
        "back": reverse("web:stats_return", args=[pk])})


@needs_any(*PERMS)
@not_found_as_404
def export_returns(request: HttpRequest) -> HttpResponse:
    union, year = _union(request), _year(request)
    kind = request.GET.get("kind") if request.GET.get("kind") in FormKind.values else FormKind.GRASSROOTS
    content, name = returns_workbook(actor=request.user, scope=view_scope(request), union=union, year=year,
                                    kind=str(kind))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
