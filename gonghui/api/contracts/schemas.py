"""What the 集体合同 endpoints take and give. The services check every value again and name the field
they refuse; these schemas only bound what may be sent."""

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from gonghui.api.common.schemas import (
    PRINTABLE,
    Day,
    HeadCount,
    Id,
    Input,
    Omit,
    SearchText,
    StrictInput,
    Text100,
    Text500,
    UnionRef,
    Version,
    VersionedStepIn,
    label,
    named_choices,
    unset,
)
from gonghui.contracts.choices import Body, Reach, Side, Status
from gonghui.contracts.models import CollectiveContract
from gonghui.contracts.selectors import LISTS

Show = Literal[LISTS]  # type: ignore[valid-type]
ContractStatus = Annotated[Status, named_choices(Status, "ContractStatus")]  # cases has a Status of its own
Note = Annotated[str, Field(max_length=1000, pattern=PRINTABLE)]
Required = Annotated[str, Field(min_length=1, max_length=1000, pattern=PRINTABLE)]
Code = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[a-z0-9_.]+$")]


class ContractRef(Schema):
    id: int
    name: str


class ContractListOut(Schema):
    id: int
    title: str
    kind: ContractRef
    reach: Reach
    reach_label: str
    status: ContractStatus
    status_label: str
    union: UnionRef
    employer: ContractRef | None
    employer_side: str
    workers_covered: int
    offer_received_on: datetime.date
    answer_due: datetime.date
    answered_on: datetime.date | None
    answer_overdue: bool
    start_on: datetime.date | None
    end_on: datetime.date | None
    signed_on: datetime.date | None
    filing_due: datetime.date | None
    filed_on: datetime.date | None
    filed_late: bool
    review_ends_on: datetime.date | None
    takes_effect_on: datetime.date | None
    effective_on: datetime.date | None
    published_on: datetime.date | None
    ended_on: datetime.date | None
    needs_review: bool
    renewed_from_id: int | None
    version: int

    @staticmethod
    def of(c: CollectiveContract, today: datetime.date) -> dict[str, Any]:
        return {
            "id": c.pk, "title": c.title, "kind": {"id": c.kind.pk, "name": c.kind.name}, "reach": c.reach,
            "reach_label": label(Reach, c.reach), "status": c.status, "status_label": label(Status, c.status),
            "union": {"id": c.union.pk, "name": c.union.name},
            "employer": {"id": c.employer.pk, "name": c.employer.name} if c.employer else None,
            "employer_side": c.employer_side, "workers_covered": c.workers_covered,
            "offer_received_on": c.offer_received_on, "answer_due": c.answer_due, "answered_on": c.answered_on,
            "answer_overdue": c.status == Status.OFFERED and c.answer_due < today,
            **{f: getattr(c, f) for f in ("start_on", "end_on", "signed_on", "filing_due", "filed_on", "filed_late",
                                          "review_ends_on", "takes_effect_on", "effective_on", "published_on",
                                          "ended_on", "needs_review", "renewed_from_id", "version")},
        }


class NegotiatorOut(Schema):
    side: Side
    name: str
    position: str
    is_chief: bool
    member_id: int | None = Field(None, description="协商代表对应的会员（已关联时）")


class ContractTermOut(Schema):
    code: str
    topic: str
    name: str
    unit: str
    plain_words: str
    number: Decimal | None
    flag: bool | None
    text: str


class MeetingOut(Schema):
    held_on: datetime.date
    place: str
    minutes: str


class VoteOut(Schema):
    body: Body
    held_on: datetime.date
    entitled: int
    present: int
    in_favour: int
    against: int
    abstained: int


class ContractCheckOut(Schema):
    year: int
    checked_on: datetime.date
    kept: list[str]
    broken: list[str]
    note: str


class ContractEventOut(Schema):
    action: str
    old_status: str
    new_status: str
    actor: str
    note: str
    at: datetime.datetime


class ContractAttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    sha256: str


class CaseLinkOut(Schema):
    case_id: int
    number: str
    status: str
    status_label: str
    employer: ContractRef
    term: str
    at: datetime.datetime


class ContractOut(ContractListOut):
    offered_by: Side
    offer_text: str
    text: str
    objection: str
    end_reason: str
    employers_covered: int
    actions: list[str] = Field(description="调用者现在可以办理的步骤，主要的一步在前")
    negotiators: list[NegotiatorOut]
    terms: list[ContractTermOut]
    meetings: list[MeetingOut]
    votes: list[VoteOut]
    checks: list[ContractCheckOut]
    attachments: list[ContractAttachmentOut]
    events: list[ContractEventOut]
    renewal_ids: list[int]
    cases: list[CaseLinkOut] = Field(description="职工反映条款未履行形成的12351案件")


class OfferOut(Schema):
    contract: ContractListOut
    same_parties_negotiating: list[int] = Field(description="同一双方同一种类正在协商的其他合同（仅提示）")


class CoverageOut(Schema):
    employer: ContractRef
    credit_code: str
    workers_covered: int
    own: bool
    in_force: bool


class WageCheckOut(Schema):
    lowest_paid: Decimal | None
    minimum_monthly: Decimal | None
    minimum_source: str
    below_minimum: bool


class TermsOut(Schema):
    terms: list[ContractTermOut]
    wage_check: WageCheckOut


class VariableOut(Schema):
    code: str
    name: str
    unit: str
    value_type: str
    plain_words: str


class TopicOut(Schema):
    code: str
    name: str
    variables: list[VariableOut]


class KindOut(Schema):
    id: int
    code: str
    name: str
    is_wage: bool


class CodebookOut(Schema):
    kinds: list[KindOut]
    topics: list[TopicOut]


class ContractFilters(Schema):
    union: Id | Omit = unset()
    kind: Id | Omit = unset()
    reach: Reach | Omit = unset()
    status: ContractStatus | Omit = unset()
    show: Show = "all"
    q: SearchText | Omit = Field(None, description="合同名称、用人单位方或覆盖单位名称")  # type: ignore[assignment]


class UnionFilter(Schema):
    union: Id | Omit = Field(None, description="缺省为调用者范围的最上级工会")  # type: ignore[assignment]


class ContractFiguresFilters(UnionFilter):
    start: Day = Field(description="签订日期自（含）")
    end: Day = Field(description="签订日期至（含）")


class ContractFiguresOut(Schema):
    union: UnionRef
    signed: int
    filed: int
    filed_late: int
    filing_rate: float | None
    by_kind: dict[str, int]
    by_reach: dict[str, int]
    in_force: int
    employers_covered: int
    workers_covered: int
    unionised: int
    unionised_covered: int
    coverage_rate: float | None
    average_wage_increase: Decimal | None
    expiring: int


class ContractEmployerOut(Schema):
    id: int
    name: str
    credit_code: str
    employee_count: int
    union: UnionRef | None


class OfferIn(StrictInput):
    union_id: Id = Field(description="职工方工会")
    kind_id: Id
    reach: Reach = Reach.EMPLOYER
    offered_by: Side = Side.UNION
    received_on: Day = Field(description="要约送达日期")
    employer_id: Id | Omit = Field(None, description="单位集体合同的用人单位")  # type: ignore[assignment]
    employer_side: Text100 = ""
    title: Text100 = ""
    offer_text: Annotated[str, Field(max_length=5000, pattern=PRINTABLE)] = ""


class ContractAnswerIn(VersionedStepIn):
    answered_on: Day
    note: Note = ""


class MeetingIn(StrictInput):
    # A meeting changes no status: the version is required so that a retried request is refused
    # (409) rather than recording the meeting twice.
    version: Version
    held_on: Day
    place: Text100 = ""
    minutes: Annotated[str, Field(min_length=1, max_length=20000, pattern=PRINTABLE)]


class NegotiatorIn(Input):
    side: Side
    name: Annotated[str, Field(min_length=1, max_length=50, pattern=PRINTABLE)]
    position: Annotated[str, Field(max_length=60, pattern=PRINTABLE)] = ""
    is_chief: bool = False
    member_id: Id | None = Field(None, description=(
        "对应的会员（须为本合同用人单位的职工）；不填时按姓名关联该单位唯一同名会员。同一人不能同时担任双方代表"))


class CoverageIn(Input):
    employer_id: Id
    workers_covered: HeadCount


class DraftIn(VersionedStepIn):
    title: Text100 = ""
    start_on: Day
    end_on: Day
    text: Annotated[str, Field(min_length=1, max_length=100000, pattern=PRINTABLE)]
    negotiators: Annotated[list[NegotiatorIn], Field(max_length=20)]
    terms: Annotated[dict[Code, Text500], Field(max_length=100, description="编码表代码 → 取值（数值、是/否或文字）")]
    coverage: Annotated[list[CoverageIn], Field(max_length=500, description="区域性、行业性合同逐一列出覆盖单位")] = []


class ContractVoteIn(VersionedStepIn):
    body: Body = Body.CONGRESS
    held_on: Day
    entitled: HeadCount
    present: HeadCount
    in_favour: HeadCount
    against: HeadCount = 0
    abstained: HeadCount = 0


class SignIn(VersionedStepIn):
    signed_on: Day


class FileIn(VersionedStepIn):
    filed_on: Day = Field(description="人社部门收到日期")


class ReviewIn(VersionedStepIn):
    result: Literal["no_objection", "objection"]
    effective_on: Day | Omit = Field(None, description="无异议时的生效日期")  # type: ignore[assignment]
    objection: Annotated[str, Field(max_length=1000, pattern=PRINTABLE)] = Field("", description="有异议时的审查意见")


class PublishIn(VersionedStepIn):
    published_on: Day
    note: Annotated[str, Field(max_length=500, pattern=PRINTABLE)] = ""


class SupervisionIn(StrictInput):
    version: Version  # one check a year, and a retry refused by the version
    year: Annotated[int, Field(ge=1900, le=2100)]
    checked_on: Day
    kept: Annotated[list[Code], Field(max_length=100)] = []
    broken: Annotated[list[Code], Field(max_length=100)] = []
    note: Note = ""


class RenewIn(StrictInput):
    received_on: Day
    offered_by: Side = Side.UNION
    offer_text: Annotated[str, Field(max_length=5000, pattern=PRINTABLE)] = ""


class TerminateIn(VersionedStepIn):
    ended_on: Day
    reason: Annotated[str, Field(min_length=1, max_length=500, pattern=PRINTABLE)]


class ContractGuidanceIn(StrictInput):
    note: Annotated[str, Field(min_length=1, max_length=1000, pattern=PRINTABLE)]
