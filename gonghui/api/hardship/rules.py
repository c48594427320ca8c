"""The registry's standards and follow-up: assessment rule versions (read by every cadre, added by
approvers at city level or above), the what-if assessment a review would make today, the files
whose 回头看 is due, and the dashboard figures of a subtree for a period."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.common.errors import fields_renamed
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import label
from gonghui.api.hardship.router import READ, WRITE, list_scope, load_union
from gonghui.api.hardship.schemas import (
    AssessmentIn,
    AssessmentOut,
    DueFilters,
    FileListOut,
    HardshipFiguresFilters,
    HardshipFiguresOut,
    RuleFilters,
    RuleIn,
    RuleOut,
    bilingual,
)
from gonghui.assistance import services
from gonghui.assistance.choices import HardshipClass
from gonghui.assistance.dashboard import hardship_figures
from gonghui.assistance.selectors import assessment_preview, recheck_due_list, rule_list
from gonghui.core.errors import ValidationFailed

router = Router(tags=["hardship"])


@router.get("/hardship/rules", response={200: list[RuleOut], **READ},
            summary="困难职工认定标准的各个版本（最低生活保障标准和各类别系数），可按地区代码筛选")
@paginate(Pagination)
def rule_versions(request: HttpRequest, filters: Query[RuleFilters]) -> Any:
    list_scope(request)
    return rule_list(adcode=filters.adcode or "")


@router.post("/hardship/rules", response={201: RuleOut, **WRITE},
             summary="新增认定标准版本（市级或以上工会的审批人员；版本只增不改，生效日期不能早于现行版本）")
def rule_add(request: HttpRequest, payload: RuleIn) -> Status[Any]:
    rule = services.assessment_rule_add(actor=request.user, **payload.dict())
    return Status(201, rule)


@router.post("/hardship/assessment", response={200: AssessmentOut, **WRITE},
             summary="测算（不写入）：按某地某日有效的标准，由家庭成员年收入、刚性支出和致困原因测算困难类别")
def assessment(request: HttpRequest, payload: AssessmentIn) -> dict[str, Any]:
    list_scope(request)
    with fields_renamed({"annual_income": "incomes"}):
        result, rule = assessment_preview(adcode=payload.adcode, incomes=list(payload.incomes),
                                          causes=list(payload.causes), rigid_expenses=payload.rigid_expenses,
                                          on=payload.on)
    return {"hardship_class": result.hardship_class, "hardship_class_label": label(HardshipClass,
                                                                                   result.hardship_class or ""),
            "eligible": result.eligible, "income_per_head": result.income_per_head, "line": result.line,
            "reasons": [bilingual(r) for r in result.reasons],
            "rule": {"id": rule.pk, "area_name": rule.area_name, "version": rule.version} if rule else None}


@router.get("/hardship/rechecks/due", response={200: list[FileListOut], **READ},
            summary="回头看到期的档案（已建档、帮扶中、监测中），逾期最久的在前")
@paginate(Pagination)
def rechecks_due(request: HttpRequest, filters: Query[DueFilters]) -> Any:
    return recheck_due_list(scope=list_scope(request), within_days=filters.within_days)


@router.get("/hardship/figures", response={200: HardshipFiguresOut, **READ},
            summary="困难职工帮扶统计（户）：在档户数按类别、致困原因，期间新建档、解困脱困、返困，回头看按时完成率")
def figures(request: HttpRequest, filters: Query[HardshipFiguresFilters]) -> dict[str, Any]:
    if filters.end < filters.start:
        raise ValidationFailed(_("结束日期不能早于开始日期。"), field="end", code="range")
    scope = list_scope(request)
    union = load_union(request, filters.union, "union") if filters.union else None
    result = hardship_figures(scope=scope, start=filters.start, end=filters.end, union=union)
    return {**result.__dict__, "recheck_on_time_rate": result.recheck_on_time_rate}
