"""The work report as a Word document (.docx), in the layout of a union's annual report: a title, one
numbered chapter per area of work with its generated sentences and the cadre's narrative, and a last
table naming the metric, version and period behind every figure printed, so each can be traced.

Sentences whose figure is missing or unreadable by the author are left out (the page lists them).
"""

import io
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from gonghui.core.metrics import get_metric
from gonghui.reports.workreport.models import WorkReport
from gonghui.reports.workreport.selectors import report_chapters
from gonghui.reports.workreport.templating import plain_text

CHAPTER_NUMBERS = "一二三四五六七八九十"
FONT = "宋体"


def _font(run: Any, size: float, *, bold: bool = False, face: str = FONT) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = face
    # East Asian text takes its face from eastAsia, not from the run's name.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)


def _paragraph(doc: Any, text: str, *, size: float = 12, indent: bool = True) -> None:
    para = doc.add_paragraph()
    if indent:
        para.paragraph_format.first_line_indent = Pt(size * 2)
    para.paragraph_format.line_spacing = 1.5
    _font(para.add_run(text), size)


def _chapter_number(i: int) -> str:
    return CHAPTER_NUMBERS[i] if i < len(CHAPTER_NUMBERS) else str(i + 1)


def work_report_docx(report: WorkReport) -> bytes:
    doc = Document()
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(report.title), 18, bold=True, face="黑体")
    stamp = doc.add_paragraph()
    stamp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(stamp.add_run(f"数据生成于{report.generated_at.astimezone().strftime('%Y年%m月%d日 %H:%M')}"), 10.5)
    traced: list[dict[str, Any]] = []
    chapter = 0
    for part in report_chapters(report):
        printed = [s for s in part["sentences"] if not s["problem"]]
        if not printed and not part["narrative"]:
            continue
        heading = doc.add_paragraph()
        _font(heading.add_run(f"{_chapter_number(chapter)}、{part['section'].title}"), 14, bold=True, face="黑体")
        chapter += 1
        if printed:
            _paragraph(doc, "".join(plain_text(s["parts"]) for s in printed))
            traced += [p for s in printed for p in s["parts"] if isinstance(p, dict)]
        for block in part["narrative"].split("\n"):
            if block.strip():
                _paragraph(doc, block.strip())
    if traced:
        _sources(doc, traced)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _sources(doc: Any, traced: list[dict[str, Any]]) -> None:
    heading = doc.add_paragraph()
    _font(heading.add_run("附：数据来源"), 12, bold=True, face="黑体")
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("指标", "指标代码", "口径版本", "统计期间", "数值"), strict=True):
        _font(cell.paragraphs[0].add_run(text), 10.5, bold=True)
    seen = set()
    for part in traced:
        key = (part["metric"], part["period"], part["modifier"])
        if key in seen:
            continue
        seen.add(key)
        metric = get_metric(part["metric"])
        row = table.add_row().cells
        label = str(metric.label) + ("（同比）" if part["modifier"] == "yoy" else "")
        for cell, text in zip(row, (label, metric.name, f"v{part['version']}", part["period"], part["shown"]),
                              strict=True):
            _font(cell.paragraphs[0].add_run(text), 10.5)
