"""Writing the work report: generating a union's report from the templates and its metrics, the
cadre's narrative, and (at the root) the templates themselves. Every write is scoped and audited."""

from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import Conflict, PermissionDenied, ValidationFailed, msg
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import require
from gonghui.orgs.services.common import audit_actor
from gonghui.reports.metrics import figure, figure_scope
from gonghui.reports.workreport.models import ReportSection, ReportSentence, WorkReport
from gonghui.reports.workreport.selectors import may_edit_templates
from gonghui.reports.workreport.templating import check_template, render
from gonghui.reports.workreport.word import work_report_docx

NARRATIVE_MAX = 5000
WRITE, READ = Perm.REPORT_WRITE, Perm.STATS_VIEW


def _who(actor: Any) -> str:
    return str(getattr(actor, "username", actor))[:150]


def document_title(union: TradeUnion, period: Period) -> str:
    # The report is a Chinese document whatever the page's language.
    with translation.override("zh-hans"):
        return f"{union.name}{period.label}工作报告"


def _reader(actor: Any, union: TradeUnion) -> Any:
    def read(name: str, period: Period) -> Any:
        return figure(name, scope=figure_scope(actor, name), under=union.path, period=period).value
    return read


def build_body(*, actor: Any, union: TradeUnion, period: Period) -> list[dict[str, Any]]:
    """Every active sentence rendered for the union and period, in section order."""
    body = []
    read = _reader(actor, union)
    sentences = ReportSentence.objects.filter(is_active=True, section__is_active=True).select_related("section")
    for sentence in sentences:
        parts, problem = render(sentence.template, period=period, under=union.path, read=read)
        body.append({"section": sentence.section.code, "sentence": sentence.pk, "parts": parts, "problem": problem})
    return body


def work_report_generate(*, actor: Any, union: TradeUnion, period: Period) -> WorkReport:
    """Generate (or regenerate, keeping the narrative) the union's report for the period."""
    require(actor, WRITE, union.path, visible_permission=READ)
    if not period.has_begun(timezone.localdate()):
        raise ValidationFailed(_("报告期间尚未开始。"), field="period")
    body = build_body(actor=actor, union=union, period=period)
    now = timezone.now()
    with transaction.atomic():
        report, created = WorkReport.objects.select_for_update().get_or_create(
            union=union, period_key=period.key,
            defaults={"org_path": union.path, "title": document_title(union, period), "body": body,
                      "generated_at": now, "generated_by": _who(actor)})
        if not created:
            WorkReport.objects.filter(pk=report.pk).update(body=body, generated_at=now, generated_by=_who(actor),
                                                           title=document_title(union, period),
                                                           version=report.version + 1, updated_at=now)
            report.refresh_from_db()
        audit_record(actor=audit_actor(actor), action="work_report.generate", obj=report, org_path=union.path,
                     detail={"period": period.key, "sentences": len(body),
                             "left_out": sum(1 for s in body if s["problem"])})
    return report


def work_report_narrative_save(*, actor: Any, report: WorkReport, version: int, narrative: dict[str, Any]
                               ) -> WorkReport:
    require(actor, WRITE, report.org_path, visible_permission=READ)
    codes = set(ReportSection.objects.values_list("code", flat=True))
    clean: dict[str, str] = {}
    for code, text in narrative.items():
        if code not in codes:
            raise ValidationFailed(msg(_("没有“%(code)s”这一章节。"),
                                       {"code": str(code)[:30]}), field="narrative")
        text = normalize_text(str(text or ""))
        if len(text) > NARRATIVE_MAX:
            raise ValidationFailed(msg(_("“%(code)s”章节的叙述不能超过%(n)s字。"), {"code": code, "n": NARRATIVE_MAX}),
                                   field=f"narrative.{code}")
        if text:
            clean[code] = text
    with transaction.atomic():
        # Compare-and-set: two cadres editing one report cannot overwrite each other unseen.
        if not WorkReport.objects.filter(pk=report.pk, version=version).update(
                narrative=clean, version=version + 1, updated_at=timezone.now()):
            raise Conflict()
        audit_record(actor=audit_actor(actor), action="work_report.narrative", obj=report, org_path=report.org_path,
                     detail={"sections": sorted(clean)})
    report.refresh_from_db()
    return report


def work_report_document(*, actor: Any, report: WorkReport) -> tuple[bytes, str]:
    """The report as a Word document and its file name; each download is audited (it carries the
    union's figures out of the system)."""
    require(actor, READ, report.org_path)
    content = work_report_docx(report)
    audit_record(actor=audit_actor(actor), action="work_report.download", obj=report, org_path=report.org_path,
                 detail={"period": report.period_key, "bytes": len(content)})
    return content, f"{report.title}.docx"


# --- the templates (deployment-wide: whoever writes reports over every root union keeps them) ------

def _require_template_editor(actor: Any) -> None:
    if not may_edit_templates(actor):
        # The templates are no secret; only a cadre over the whole deployment may change them.
        raise PermissionDenied(_("只有最高一级工会的报告撰写人员才能修改工作报告句式。"))


def report_sentence_save(*, actor: Any, section: ReportSection, template: str, order: int,
                         is_active: bool = True, sentence: ReportSentence | None = None,
                         version: int | None = None) -> ReportSentence:
    """Add a sentence to a section, or change one (with the version the editor read)."""
    _require_template_editor(actor)
    template = normalize_text(template).replace("\n", " ")
    if len(template) > 400:
        raise ValidationFailed(_("句式不能超过400字。"), field="template")
    metrics = check_template(template)
    if not 0 < order < 1000:
        raise ValidationFailed(_("顺序应为1到999之间的整数。"), field="order")
    with transaction.atomic():
        if sentence is None:
            sentence = ReportSentence.objects.create(section=section, order=order, template=template,
                                                     is_active=is_active, updated_by=_who(actor))
            action = "work_report.sentence_add"
        else:
            if version is None or not ReportSentence.objects.filter(pk=sentence.pk, version=version).update(
                    section=section, order=order, template=template, is_active=is_active,
                    version=version + 1, updated_by=_who(actor)):
                raise Conflict()
            sentence.refresh_from_db()
            action = "work_report.sentence_change"
        # Deployment-wide, so tied to no node: every auditor of a root union reads it (as risk.rules_set).
        audit_record(actor=audit_actor(actor), action=action, obj=sentence, org_path="",
                     detail={"section": section.code, "template": template, "metrics": metrics,
                             "active": is_active})
    return sentence
