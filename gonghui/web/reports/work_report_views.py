"""工作报告 console pages: choose a union and period and generate; read the report with every figure
linked to its metric's rows; write the narrative; download the Word document; the templates."""

import io
from typing import Any, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.periods import Period
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import Scope, scope_for
from gonghui.reports.workreport import selectors, services
from gonghui.reports.workreport.models import WorkReport
from gonghui.web.common.forms import call_service, call_service_or_message
from gonghui.web.common.unions import union_choices, union_from_choice
from gonghui.web.common.views import needs_any, not_found_as_404, paginate
from gonghui.web.reports.work_report_forms import GenerateForm, NarrativeForm, SentenceForm

READ, WRITE = Perm.STATS_VIEW, Perm.REPORT_WRITE
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _read_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, READ)


def figure_href(report: WorkReport, part: dict[str, Any]) -> str | None:
    """The metric page for this figure's union and period, where its rows are one click away."""
    try:
        base = reverse("web:metric", args=[part["metric"]])
    except NoReverseMatch:
        return None
    return f"{base}?{urlencode({'under': report.union_id, 'period': part['period']})}#rows"


@needs_any(READ, WRITE)
def work_report_list_page(request: HttpRequest) -> HttpResponse:
    unions = union_choices(request, WRITE)
    form = GenerateForm(request.POST or None, unions=unions)
    if request.method == "POST" and form.is_valid():
        union = union_from_choice(request, WRITE, form.cleaned_data["union"])
        report = call_service(form, services.work_report_generate, actor=request.user, union=union,
                              period=Period.parse(form.cleaned_data["period"]))
        if report is not None:
            messages.success(request, _("已生成工作报告。"))
            return redirect("web:work_report", report.pk)
    rows = selectors.work_reports(scope=_read_scope(request))
    return render(request, "reports/work_report_list.html", {
        "form": form, "can_write": bool(unions), "page": paginate(request, rows, per_page=30)},
        status=400 if form.errors else 200)


@needs_any(READ, WRITE)
@not_found_as_404
def work_report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.work_report_get(scope=_read_scope(request), pk=pk)
    sections = selectors.report_sections()
    may_write = scope_for(request.user, WRITE).covers(report.org_path)
    form = NarrativeForm(request.POST or None, sections=sections,
                         initial={"version": report.version,
                                  **{f"narrative_{code}": text for code, text in report.narrative.items()}})
    if request.method == "POST" and may_write and form.is_valid():
        saved = call_service(form, services.work_report_narrative_save, actor=request.user, report=report,
                             version=form.cleaned_data["version"], narrative=form.narrative())
        if saved is not None:
            messages.success(request, _("已保存工作叙述。"))
            return redirect("web:work_report", report.pk)
    chapters = selectors.report_chapters(report)
    for chapter in chapters:
        for sentence in chapter["sentences"]:
            sentence["links"] = [figure_href(report, p) if isinstance(p, dict) else None for p in sentence["parts"]]
            sentence["pieces"] = list(zip(sentence["parts"], sentence["links"], strict=True))
    left_out = sum(1 for c in chapters for s in c["sentences"] if s["problem"])
    return render(request, "reports/work_report.html", {
        "report": report, "chapters": chapters, "form": form, "may_write": may_write, "left_out": left_out,
        "period": Period.parse(report.period_key)}, status=400 if form.errors else 200)


@require_POST
@needs_any(WRITE)
@not_found_as_404
def work_report_regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.work_report_get(scope=_read_scope(request), pk=pk)
    if call_service_or_message(request, services.work_report_generate, actor=request.user, union=report.union,
                               period=Period.parse(report.period_key)) is not None:
        messages.success(request, _("已按最新数据重新生成，工作叙述保持不变。"))
    return redirect("web:work_report", report.pk)


@needs_any(READ, WRITE)
@not_found_as_404
def work_report_download(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.work_report_get(scope=_read_scope(request), pk=pk)
    content, filename = services.work_report_document(actor=request.user, report=report)
    return cast(HttpResponse, FileResponse(io.BytesIO(content), as_attachment=True, filename=filename,
                                           content_type=DOCX))


@needs_any(READ, WRITE)
@not_found_as_404
def work_report_templates_page(request: HttpRequest) -> HttpResponse:
    sections = selectors.template_sections()
    plain_sections = [s for s, _sentences in sections]
    editing = None
    if "edit" in request.GET:
        editing = selectors.report_sentence_get(pk=request.GET["edit"])
    initial = ({"section": editing.section_id, "order": editing.order, "template": editing.template,
                "is_active": editing.is_active, "version": editing.version} if editing else {"is_active": True})
    form = SentenceForm(request.POST or None, sections=plain_sections, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        section = next(s for s in plain_sections if s.pk == d["section"])
        saved = call_service(form, services.report_sentence_save, actor=request.user, section=section,
                             template=d["template"], order=d["order"], is_active=d["is_active"],
                             sentence=editing, version=d.get("version"))
        if saved is not None:
            messages.success(request, _("已保存句式。"))
            return redirect("web:work_report_templates")
    return render(request, "reports/work_report_templates.html", {
        "sections": sections, "form": form, "editing": editing,
        "may_edit": selectors.may_edit_templates(request.user)}, status=400 if form.errors else 200)
