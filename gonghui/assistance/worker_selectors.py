"""The reads of the worker's own side (portal): the self-check, where to apply, one's own files.

A worker has no scope: everything here is found through the phone the worker proved by SMS (and the
identity of a member registered with that phone), never through an id alone, so a worker only ever
reaches their own household. The self-check reads only public standards (the rules).
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.assistance.assessment import Assessment
from gonghui.assistance.choices import OPEN_STATUSES, Action, Cause, DocumentKind, RecheckResult, Status
from gonghui.assistance.models import AssessmentRule, HardshipDocument, HardshipEvent, HardshipFile, HardshipRecheck
from gonghui.assistance.rules import Area, areas_in_force
from gonghui.assistance.selectors import assessment_preview
from gonghui.assistance.worker_scope import ACCEPTING_LEVELS, WORKER_ATTACH_STATUSES, own_file_branches, own_files_q
from gonghui.assistance.workflow import BEFORE_APPROVAL
from gonghui.core.compiled import CompiledRead
from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import NotFound
from gonghui.core.text import normalize_text
from gonghui.orgs.choices import UnionStatus
from gonghui.orgs.models import TradeUnion

# The proof a review asks for, by cause; an income proof always.
DOCUMENTS_BY_CAUSE: dict[str, str] = {
    Cause.ILLNESS: DocumentKind.MEDICAL, Cause.DISABILITY: DocumentKind.DISABILITY,
    Cause.DISASTER: DocumentKind.DISASTER, Cause.EDUCATION: DocumentKind.EDUCATION,
    Cause.UNEMPLOYMENT: DocumentKind.UNEMPLOYMENT,
}
# The timeline as the worker reads it: what happened, in their words. The 回头看-due flag is the
# union's own reminder, and no note (the cadres' working notes) is ever shown.
PUBLIC_STEPS: dict[str, Any] = {
    Action.SURVEY: _("工会摸底登记"), Action.APPLY: pgettext_lazy("hardship file step", "提交申请"),
    Action.EDIT: _("工会核实并更新家庭情况"),
    Action.CONSENT: _("同意处理敏感个人信息"), Action.ATTACH: _("上传证明材料"),
    Action.REVIEW: _("基层工会审核通过"), Action.APPROVE: _("县级工会审批通过"), Action.REJECT: _("审核未通过"),
    Action.WITHDRAW: _("申请已撤回"), Action.FILE_OPEN: _("纳入困难职工档案"), Action.AID: _("获得帮扶"),
    Action.RECHECK: _("工会回访核实（回头看）"), Action.EXIT: _("解困脱困，进入监测期"),
    Action.CLOSE: _("监测期满"), Action.RELAPSE: _("再次遇到困难，重新申请"),
}


def self_check_areas(*, on: datetime.date | None = None) -> list[Area]:
    """The cities whose standard is known (their own, or their province's), and the counties that have
    one of their own, each county after its city (held per process: `rules.areas_in_force`)."""
    return areas_in_force(on or timezone.localdate())


@dataclass(frozen=True)
class Threshold:
    hardship_class: str
    limit: Decimal  # 元 per head and month, boundary included


@dataclass
class SelfCheck:
    assessment: Assessment
    rule: AssessmentRule | None
    thresholds: list[Threshold] = field(default_factory=list)


def self_check(*, adcode: str, household_size: int, household_income: Any, causes: list[str],
               rigid_expenses: Any = 0) -> SelfCheck:
    """困难自测: exactly the assessment the union's review makes today, from a household's totals (the
    assessment only needs the sum of the incomes and the number of people). Nothing is stored."""
    incomes = [household_income] + [0] * max(household_size - 1, 0)
    result, rule = assessment_preview(adcode=adcode, incomes=incomes, causes=causes, rigid_expenses=rigid_expenses)
    thresholds = []
    if rule is not None:
        for klass, factor in (("deep", rule.deep_factor), ("relative", rule.relative_factor),
                              ("accident", rule.accident_factor)):
            limit = (Decimal(rule.min_living_monthly) * factor).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            thresholds.append(Threshold(klass, limit))
    return SelfCheck(result, rule, thresholds)


def application_unions(*, query: str, limit: int = 10) -> QuerySet[TradeUnion]:
    """Unions a worker who is not a member may apply to, by (part of) the name or pinyin initials: their
    employer's union, or the street, township or county federation of the area."""
    text = normalize_text(query)
    if len(text) < 2:
        return TradeUnion.objects.none()
    return (TradeUnion.objects.filter(status=UnionStatus.ACTIVE, level__in=ACCEPTING_LEVELS)
            .filter(Q(name__contains=text) | Q(name_initials__startswith=text.lower()))
            .select_related("parent").order_by("level", "name", "pk")[:limit])


def application_union_get(*, pk: Any) -> TradeUnion:
    union = (TradeUnion.objects.filter(status=UnionStatus.ACTIVE, level__in=ACCEPTING_LEVELS)
             .select_related("parent").filter(pk=_int_or_none(pk)).first())
    if union is None:
        raise NotFound()
    return union


def my_hardship_files(*, phone: str) -> list[HardshipFile]:
    """The worker's own files, open ones first, then newest first (one query)."""
    if not phone:
        return []
    files = list(HardshipFile.objects.filter(own_files_q(phone)).select_related("union")
                 .order_by("-surveyed_at", "-id"))
    return sorted(files, key=lambda f: f.status not in OPEN_STATUSES)


@dataclass(frozen=True)
class OpenFile:
    pk: int
    status_label: Any
    union_name: str


def _open_file_branches(indexes: list[str]) -> list[QuerySet[HardshipFile]]:
    open_files = (HardshipFile.objects.filter(status__in=OPEN_STATUSES).order_by("-surveyed_at", "-id")
                  .values_list("surveyed_at", "pk", "status", "union__name"))
    return [branch[:1] for branch in own_file_branches(indexes, open_files)]


_open_file = CompiledRead(_open_file_branches)


def my_open_hardship_file(*, phone: str) -> OpenFile | None:
    """The newest of the worker's files still under way (the portal home's open items): one statement
    compiled once per process, each of its two branches one row by index."""
    if not phone:
        return None
    rows = _open_file.rows(indexes=blind_index_candidates(phone))
    if not rows:
        return None
    _, pk, status, union_name = max(rows, key=lambda row: (row[0], row[1]))
    return OpenFile(pk, Status(status).label, union_name)


def my_hardship_file_get(*, phone: str, pk: Any) -> HardshipFile:
    """One of the worker's own files; anyone else's answers exactly like a missing one."""
    key = _int_or_none(pk)
    found = None if key is None or not phone else (
        HardshipFile.objects.filter(own_files_q(phone), pk=key).select_related("union", "rule").first())
    if found is None:
        raise NotFound()
    return found


@dataclass(frozen=True)
class PublicStep:
    action: str
    label: Any
    at: datetime.datetime
    detail: Any = ""  # a choice label (the document's kind, the re-check's result), never a note


@dataclass
class MyFileRecord:
    file: HardshipFile
    steps: list[PublicStep]
    causes: list[str]
    household: list[Any]
    documents: list[HardshipDocument]
    rechecks: list[HardshipRecheck]
    missing: list[str]  # document kinds a review would ask for and that are not here yet
    can_attach: bool
    can_withdraw: bool


def _public_step(event: HardshipEvent) -> PublicStep | None:
    label = PUBLIC_STEPS.get(event.action)
    if label is None:
        return None
    detail: Any = ""
    if event.action == Action.ATTACH and event.detail.get("kind") in DocumentKind.values:
        detail = DocumentKind(event.detail["kind"]).label
    elif event.action == Action.RECHECK and event.detail.get("result"):
        detail = RecheckResult(event.detail["result"]).label if event.detail["result"] in RecheckResult.values else ""
    return PublicStep(event.action, label, event.at, detail)


def my_file_record(*, file: HardshipFile) -> MyFileRecord:
    """What the worker sees of one own file (loaded through `my_hardship_file_get`): 5 queries."""
    events = file.events.order_by("at", "id")
    steps = [s for s in (_public_step(e) for e in events) if s is not None]
    causes = list(file.causes.order_by("id").values_list("cause", flat=True))
    documents = list(file.documents.order_by("at", "id"))
    have = {d.kind for d in documents}
    expected: list[str] = [DocumentKind.INCOME] + [DOCUMENTS_BY_CAUSE[c] for c in causes if c in DOCUMENTS_BY_CAUSE]
    missing = [k for k in dict.fromkeys(expected) if k not in have] if file.status in BEFORE_APPROVAL else []
    return MyFileRecord(
        file=file, steps=steps, causes=causes,
        household=list(file.household.order_by("position", "id").defer("id_number", "health_notes")),
        documents=documents, rechecks=list(file.rechecks.order_by("-done_at", "-id")[:20]), missing=missing,
        can_attach=file.status in WORKER_ATTACH_STATUSES, can_withdraw=file.status == Status.APPLIED,
    )


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
