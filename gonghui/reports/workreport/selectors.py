"""Reads of work reports (scoped to the reader's statistics scope) and of the templates."""

from typing import Any

from gonghui.core.errors import NotFound
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, covers_all_roots, get_visible, scope_for
from gonghui.reports.workreport.models import ReportSection, ReportSentence, WorkReport
from gonghui.reports.workreport.templating import PROBLEM_LABELS


def work_reports(*, scope: Scope, union: TradeUnion | None = None) -> Any:
    rows = WorkReport.objects.visible_to(scope).select_related("union")
    return rows.filter(union=union) if union is not None else rows


def work_report_get(*, scope: Scope, pk: Any) -> WorkReport:
    return get_visible(WorkReport.objects.select_related("union"), scope, pk=pk)


def work_report_for(*, scope: Scope, union: TradeUnion, period: Period) -> WorkReport | None:
    return work_reports(scope=scope, union=union).filter(period_key=period.key).first()


def report_sentence_get(*, pk: Any) -> ReportSentence:
    """A template sentence (no secret: every statistics reader may read the templates)."""
    try:
        return ReportSentence.objects.select_related("section").get(pk=int(pk))
    except (ReportSentence.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound() from None


def may_edit_templates(user: Any) -> bool:
    """The templates are the deployment's: whoever writes reports over every root union keeps them
    (one root of several is not enough)."""
    return covers_all_roots(scope_for(user, Perm.REPORT_WRITE))


def report_sections() -> list[ReportSection]:
    return list(ReportSection.objects.filter(is_active=True))


def template_sections() -> list[tuple[ReportSection, list[ReportSentence]]]:
    """Every section with every sentence (inactive ones too), for the templates page."""
    sentences = list(ReportSentence.objects.select_related("section"))
    return [(section, [s for s in sentences if s.section_id == section.pk])
            for section in ReportSection.objects.all()]


def report_chapters(report: WorkReport) -> list[dict[str, Any]]:
    """The report by section: its generated sentences (with each left-out one's reason) and narrative."""
    by_section: dict[str, list[dict[str, Any]]] = {}
    for item in report.body:
        by_section.setdefault(item["section"], []).append(
            {**item, "problem_label": PROBLEM_LABELS.get(item["problem"], "")})
    return [{"section": section, "sentences": by_section.get(section.code, []),
             "narrative": report.narrative.get(section.code, "")} for section in report_sections()]
