"""What the 维权 case endpoints take and give. The caller's phone and identity number only ever leave
masked; every value is checked again by the case services, which name the field they refuse."""

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from gonghui.api.common.schemas import (
    PRINTABLE,
    CreditCode,
    Day,
    Id,
    Input,
    Omit,
    SearchText,
    StrictInput,
    UnionRef,
    Version,
    unset,
)
from gonghui.cases import limits
from gonghui.cases.choices import Category, Channel, Difficulty, Kind, Line, Rating, Status
from gonghui.cases.models import Case
from gonghui.cases.selectors import QUEUES

Short = Annotated[str, Field(max_length=limits.NOTE, pattern=PRINTABLE)]
Long = Annotated[str, Field(max_length=limits.DESCRIPTION, pattern=PRINTABLE)]
Required = Annotated[str, Field(min_length=1, max_length=limits.RECORD, pattern=PRINTABLE)]
Queue = Literal[QUEUES]  # type: ignore[valid-type]
StatusFilter = Literal["open", "received", "classified", "dispatched", "accepted", "returned", "in_progress",
                       "resolved", "called_back", "closed", "reopened"]


class UserRef(Schema):
    id: int
    name: str


class CaseListOut(Schema):
    id: int
    number: str
    line: Line
    channel: Channel
    kind: Kind
    category: str
    status: Status
    status_label: str
    difficulty: str
    caller: str
    caller_phone_masked: str
    employer_name: str
    handling_union: UnionRef
    handler: UserRef | None
    received_at: datetime.datetime
    due_at: datetime.datetime | None
    overdue: bool
    needs_review: bool
    version: int

    @staticmethod
    def of(case: Case) -> dict[str, Any]:
        return {
            "id": case.pk, "number": case.number, "line": case.line, "channel": case.channel, "kind": case.kind,
            "category": case.category, "status": case.status, "status_label": str(case.get_status_display()),
            "difficulty": case.difficulty, "caller": str(case.caller_display),
            "caller_phone_masked": case.caller_phone_masked, "employer_name": case.employer_name,
            "handling_union": {"id": case.handling_union.pk, "name": case.handling_union.name},
            "handler": {"id": case.handler.pk, "name": case.handler.full_name} if case.handler else None,
            "received_at": case.received_at, "due_at": case.due_at, "overdue": case.overdue,
            "needs_review": case.needs_review, "version": case.version,
        }


class EventOut(Schema):
    action: str
    old_status: str
    new_status: str
    actor: str
    note: str
    from_union: UnionRef | None
    to_union: UnionRef | None
    at: datetime.datetime


class SupervisionOut(Schema):
    id: int
    by_union: UnionRef
    note: str
    reply_due: datetime.date | None
    reply: str
    replied_at: datetime.datetime | None
    created_at: datetime.datetime


class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    sha256: str
    at: datetime.datetime


class CaseOut(CaseListOut):
    address: str
    employer_credit_code: str
    description: str
    intake_union: UnionRef
    lawyer: UserRef | None
    outcome: str
    money_recovered: Decimal
    people_helped: int
    rating: str
    callback_note: str
    escalation_level: int
    identity_withheld: bool
    actions: list[str]
    events: list[EventOut]
    supervisions: list[SupervisionOut]
    attachments: list[AttachmentOut]


class IntakeOut(Schema):
    case: CaseListOut
    possible_duplicates: list[str]


class CaseFilters(Schema):
    queue: Queue = "all"
    status: StatusFilter | Omit = unset()
    category: Category | Omit = unset()
    difficulty: Difficulty | Omit = unset()
    line: Line | Omit = unset()
    q: SearchText | Omit = Field(None, description="案件编号、用人单位名称或完整手机号")  # type: ignore[assignment]


class IntakeIn(Input):
    union_id: Id = Field(description="受理工会（须有受理权限）")
    line: Line = Line.HOTLINE
    channel: Channel = Channel.PHONE
    kind: Kind = Kind.COMPLAINT
    category: Category | Omit = unset()
    anonymous: bool = False
    identity_withheld: bool = Field(False, description="诉求人要求对用人单位保密身份")
    caller_name: Annotated[str, Field(max_length=limits.CALLER_NAME, pattern=PRINTABLE)] = ""
    caller_phone: Annotated[str, Field(max_length=limits.CALLER_PHONE, pattern=PRINTABLE)] = ""
    employer_name: Annotated[str, Field(max_length=limits.EMPLOYER_NAME, pattern=PRINTABLE)] = ""
    employer_credit_code: CreditCode = ""
    address: Annotated[str, Field(max_length=limits.ADDRESS, pattern=PRINTABLE)] = ""
    description: Long
    # Settled on the call: classified (and dispatched) in the same write, or nothing is written.
    difficulty: Difficulty | Omit = unset()
    dispatch_to: Id | Omit = unset()


class RouteIn(StrictInput):
    union_id: Id | Omit = Field(None, description="受理中心；缺省为本人所在工会")  # type: ignore[assignment]
    text: Long = ""
    employer_name: Annotated[str, Field(max_length=limits.EMPLOYER_NAME, pattern=PRINTABLE)] = ""
    employer_credit_code: CreditCode = ""
    address: Annotated[str, Field(max_length=limits.ADDRESS, pattern=PRINTABLE)] = ""


class CategoryScore(Schema):
    category: Category
    label: str
    probability: float


class RouteOut(Schema):
    categories: list[CategoryScore]
    kind: str
    region: str | None
    region_label: str | None  # the division's full name, city first (成都市郫都区犀浦街道)
    industry: str
    union: UnionRef | None
    basis: str
    reason: str
    employer_id: int | None


class Versioned(Input):
    version: Version | Omit = unset()


class NoteIn(Versioned):
    note: Short = ""


class RequiredNoteIn(Versioned):
    note: Required


class ReasonIn(Versioned):
    reason: Annotated[str, Field(min_length=1, max_length=limits.REASON, pattern=PRINTABLE)]


class ClassifyIn(NoteIn):
    category: Category
    difficulty: Difficulty
    kind: Kind | Omit = unset()


class DispatchIn(NoteIn):
    union_id: Id


class AssignIn(NoteIn):
    handler_id: Id | Omit = unset()
    lawyer_id: Id | Omit = unset()


class ResolveIn(Versioned):
    outcome: Annotated[str, Field(min_length=1, max_length=limits.OUTCOME, pattern=PRINTABLE)]
    money_recovered: Annotated[Decimal, Field(ge=0, le=Decimal("999999999999.99"), decimal_places=2)] = Decimal(0)
    people_helped: Annotated[int, Field(ge=0, le=1_000_000)] = 0


class CallbackIn(Versioned):
    reached: bool = True
    rating: Rating | Omit = unset()
    note: Short = ""


class SuperviseIn(Versioned):
    by_union_id: Id
    note: Required
    reply_due: datetime.date | Omit = unset()


class ReplyIn(Versioned):
    reply: Required


class FiguresFilters(Schema):
    union: Id | Omit = unset()
    start: Day = Field(description="含当日")
    end: Day = Field(description="不含当日")
    line: Line | Omit = unset()


class FiguresOut(Schema):
    calls: int
    work_orders: int
    by_status: dict[str, int]
    by_category: dict[str, int]
    by_difficulty: dict[str, int]
    resolved: int
    on_time: int
    rated: int
    satisfied: int
    on_time_rate: float | None
    closure_rate: float | None
    satisfaction_rate: float | None
    money_recovered: Decimal
    people_helped: int
