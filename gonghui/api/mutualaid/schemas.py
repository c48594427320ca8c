"""What the 职工互助保障 endpoints take and give: plans, enrolments (from the registry or a list),
claims with their documents, and the figures. A claim's diagnosis is health data: it never leaves
in a list or a detail, only through POST /mutual-aid/claims/{id}/reveal, which is audited."""

import datetime
from decimal import Decimal
from typing import Annotated, Any, ClassVar

from ninja import Field, Schema

from gonghui.api.common.schemas import (
    PRINTABLE,
    Day,
    Id,
    Name,
    Omit,
    Patch,
    StrictInput,
    Text500,
    UnionRef,
    Version,
    VersionedStepIn,
    label,
    unset,
)
from gonghui.mutualaid.choices import ClaimKind, ClaimStatus, EnrolmentSource, EnrolmentStatus, PlanKind, PlanStatus
from gonghui.mutualaid.models import MutualAidClaim, MutualAidEnrolment, MutualAidPlan

Amount = Annotated[Decimal, Field(gt=0, le=Decimal("9999999999.99"), max_digits=12, decimal_places=2,
                                  description="元，最多两位小数")]
Premium = Annotated[Decimal, Field(ge=0, le=Decimal("9999999999.99"), max_digits=12, decimal_places=2)]
Year = Annotated[int, Field(ge=2000, le=2100)]
WaitingDays = Annotated[int, Field(ge=0, le=365)]
Reason = Annotated[str, Field(min_length=1, max_length=300, pattern=PRINTABLE)]


# ---- input ----------------------------------------------------------------------------------------

class PlanFilters(Schema):
    year: Year | Omit = unset()
    status: PlanStatus | Omit = unset()


class PlanIn(StrictInput):
    union_id: Id = Field(description="承办工会：计划覆盖本工会及其下级工会的会员")
    name: Name
    kind: PlanKind
    year: Year
    starts_on: Day = Field(description="保障起期")
    ends_on: Day = Field(description="保障止期（不超过一年）")
    premium: Premium = Field(description="每人每年互助金（元）")
    per_claim_limit: Amount = Field(description="单次给付限额（元）")
    yearly_limit: Amount = Field(description="年度累计给付限额（元）")
    waiting_days: WaitingDays = 0


class PlanUpdateIn(Patch):
    """Only the keys sent change; the rules only while the plan is a draft."""

    nullable: ClassVar[frozenset[str]] = frozenset({"version"})
    version: Version | Omit = unset()
    name: Name | Omit = unset()
    kind: PlanKind | Omit = unset()
    year: Year | Omit = unset()
    starts_on: Day | Omit = unset()
    ends_on: Day | Omit = unset()
    premium: Premium | Omit = unset()
    per_claim_limit: Amount | Omit = unset()
    yearly_limit: Amount | Omit = unset()
    waiting_days: WaitingDays | Omit = unset()


class EnrolmentFilters(Schema):
    union: Id | Omit = Field(None, description="只列该工会及其下级工会的会员")  # type: ignore[assignment]


class EnrolIn(StrictInput):
    """Either a union (all its live members, with its branch unless include_branch is false) or members."""

    union_id: Id | Omit = unset()
    include_branch: bool = True
    member_ids: Annotated[list[Id], Field(min_length=1, max_length=10000)] | Omit = unset()
    enrolled_on: Day | Omit = Field(None, description="参保日期；缺省为今天")  # type: ignore[assignment]
    paid_on: Day | Omit = Field(None, description="缴费日期")  # type: ignore[assignment]


class CancelIn(StrictInput):
    reason: Reason


class ClaimFilters(Schema):
    plan: Id | Omit = unset()
    status: ClaimStatus | Omit = unset()


class ClaimIn(StrictInput):
    enrolment_id: Id = Field(description="会员的参保记录")
    kind: ClaimKind
    event_date: Day = Field(description="发病/出险日期")
    amount_claimed: Amount
    diagnosis: Annotated[str, Field(min_length=1, max_length=2000, pattern=PRINTABLE, description="诊断/事故经过")]


class ClaimNoteIn(VersionedStepIn):
    note: Text500 = ""


class ClaimApproveIn(ClaimNoteIn):
    amount: Amount = Field(description="核定金额（元）：不超过单次限额和本年度剩余额度")


class ClaimRejectIn(VersionedStepIn):
    reason: Reason


class PayIn(ClaimNoteIn):
    paid_on: Day | Omit = Field(None, description="给付日期；缺省为今天")  # type: ignore[assignment]


class ClaimRevealIn(StrictInput):
    reason: Annotated[str, Field(min_length=1, max_length=200, pattern=PRINTABLE)]


class MutualAidFiguresFilters(Schema):
    union: Id | Omit = Field(None, description="缺省为本人查看范围的最上级工会")  # type: ignore[assignment]
    year: Year
    plan: Id | Omit = unset()


# ---- output ---------------------------------------------------------------------------------------

class PlanFields(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    union: UnionRef
    year: int
    starts_on: datetime.date
    ends_on: datetime.date
    premium: Decimal
    per_claim_limit: Decimal
    yearly_limit: Decimal
    waiting_days: int
    status: str
    status_label: str
    version: int


class PlanOut(PlanFields):
    @staticmethod
    def resolve_kind_label(obj: MutualAidPlan) -> str:
        return label(PlanKind, obj.kind)

    @staticmethod
    def resolve_status_label(obj: MutualAidPlan) -> str:
        return label(PlanStatus, obj.status)


class PlanDetailOut(PlanFields):
    actions: list[str] = Field(description="您现在可以对本计划执行的操作：open 开始参保，close 结束")


class EnrolledMemberRef(Schema):
    id: int
    name: str
    id_number_masked: str


class EnrolmentOut(Schema):
    id: int
    plan_id: int
    member: EnrolledMemberRef
    union: UnionRef
    premium: Decimal
    paid_on: datetime.date | None
    covered_from: datetime.date
    source: str
    source_label: str
    status: str
    status_label: str
    approved_total: Decimal
    enrolled_at: datetime.datetime

    @staticmethod
    def resolve_member(obj: MutualAidEnrolment) -> dict[str, Any]:
        return {"id": obj.member.pk, "name": obj.member.name, "id_number_masked": obj.member.id_masked}

    @staticmethod
    def resolve_source_label(obj: MutualAidEnrolment) -> str:
        return label(EnrolmentSource, obj.source)

    @staticmethod
    def resolve_status_label(obj: MutualAidEnrolment) -> str:
        return label(EnrolmentStatus, obj.status)


class EnrolmentResultOut(Schema):
    enrolled: int
    already: int = Field(description="此前已参保，跳过")
    ineligible: int = Field(description="不符合参保条件（如女职工专项计划中的男职工），跳过")
    premiums: Decimal


class ImportIssueOut(Schema):
    row: int
    id_masked: str
    code: str
    message_zh: str
    message_en: str


class ImportReportOut(Schema):
    rows: int
    valid: int
    already: int
    issue_count: int
    issues: list[ImportIssueOut] = Field(description="有问题的行（最多列出1000行，issue_count 为准确总数）")
    committed: bool
    result: EnrolmentResultOut | None


class ClaimFields(Schema):
    id: int
    plan: UnionRef
    member: EnrolledMemberRef
    kind: str
    kind_label: str
    event_date: datetime.date
    amount_claimed: Decimal
    amount_approved: Decimal | None
    status: str
    status_label: str
    reason: str
    paid_on: datetime.date | None
    submitted_at: datetime.datetime
    version: int


class ClaimListOut(ClaimFields):
    @staticmethod
    def resolve_plan(obj: MutualAidClaim) -> dict[str, Any]:
        return {"id": obj.plan.pk, "name": obj.plan.name}

    @staticmethod
    def resolve_member(obj: MutualAidClaim) -> dict[str, Any]:
        return {"id": obj.member.pk, "name": obj.member.name, "id_number_masked": obj.member.id_masked}

    @staticmethod
    def resolve_kind_label(obj: MutualAidClaim) -> str:
        return label(ClaimKind, obj.kind)

    @staticmethod
    def resolve_status_label(obj: MutualAidClaim) -> str:
        return label(ClaimStatus, obj.status)


class PayableOut(Schema):
    amount: Decimal = Field(description="现在最多可核定的金额（元）")
    caps: list[str] = Field(description="限制原因：waiting_period 等待期，outside_term 保障期外，"
                                        "per_claim 单次限额，yearly 年度剩余额度")


class ClaimEventOut(Schema):
    action: str
    old_status: str
    new_status: str
    actor: str
    note: str
    at: datetime.datetime


class ClaimDocumentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    sha256: str
    uploaded_by: str
    at: datetime.datetime


class ClaimOut(ClaimFields):
    enrolment_id: int
    reviewed_at: datetime.datetime | None
    decided_at: datetime.datetime | None
    paid_at: datetime.datetime | None
    payable: PayableOut
    events: list[ClaimEventOut]
    documents: list[ClaimDocumentOut]
    actions: list[str] = Field(description="您现在可以对本申请执行的操作（attach 为 /documents）")


class DiagnosisOut(Schema):
    value: str


class FiguresFields(Schema):
    covered: int = Field(description="参保人数")
    premiums: Decimal
    claims: dict[str, int] = Field(description="按状态的给付申请件数")
    claim_total: int
    paid_count: int = Field(description="给付例数")
    paid_amount: Decimal
    average_payout: Decimal | None


class PlanFiguresOut(FiguresFields):
    plan_id: int


class MutualAidFiguresOut(FiguresFields):
    union: UnionRef
    year: int
    by_plan: list[PlanFiguresOut]
