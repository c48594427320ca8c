"""What the 荣誉评选 endpoints take and give. The honours services check every value again and name the
field they refuse. Every component is named Honour…, so none overwrites another domain's in the document."""

import datetime
from typing import Annotated

from ninja import Field, Schema

from gonghui.api.common.schemas import (
    PRINTABLE,
    Day,
    Id,
    Omit,
    SearchText,
    StrictInput,
    Version,
    named_choices,
    unset,
)
from gonghui.core.idnumbers import IdType
from gonghui.honours.choices import (
    AwardLevel,
    AwardStatus,
    CallStatus,
    CheckDecision,
    Gender,
    ModelWorkerStatus,
    NominationStatus,
    NomineeType,
    ObjectionVerdict,
    Rank,
    RecordKind,
    WorkerCategory,
)

HonourLevel = Annotated[AwardLevel, named_choices(AwardLevel, "HonourAwardLevel")]
HonourCallStatus = Annotated[CallStatus, named_choices(CallStatus, "HonourCallStatus")]
HonourStatus = Annotated[NominationStatus, named_choices(NominationStatus, "HonourNominationStatus")]
HonourNomineeType = Annotated[NomineeType, named_choices(NomineeType, "HonourNomineeType")]
HonourCategory = Annotated[WorkerCategory, named_choices(WorkerCategory, "HonourWorkerCategory")]
HonourRank = Annotated[Rank, named_choices(Rank, "HonourRank")]
HonourGender = Annotated[Gender, named_choices(Gender, "HonourGender")]
HonourDecision = Annotated[CheckDecision, named_choices(CheckDecision, "HonourCheckDecision")]
HonourVerdict = Annotated[ObjectionVerdict, named_choices(ObjectionVerdict, "HonourObjectionVerdict")]
HonourAwardStatus = Annotated[AwardStatus, named_choices(AwardStatus, "HonourAwardStatus")]
HonourRegisterStatus = Annotated[ModelWorkerStatus, named_choices(ModelWorkerStatus, "HonourRegisterStatus")]
HonourRecordKind = Annotated[RecordKind, named_choices(RecordKind, "HonourRecordKind")]
HonourIdType = Annotated[IdType, named_choices(IdType, "HonourIdType")]

Title = Annotated[str, Field(min_length=1, max_length=120, pattern=PRINTABLE)]
Reason = Annotated[str, Field(min_length=1, max_length=500, pattern=PRINTABLE)]
Note = Annotated[str, Field(max_length=1000, pattern=PRINTABLE)]
Deeds = Annotated[str, Field(min_length=1, max_length=5000, pattern=PRINTABLE)]
Short = Annotated[str, Field(max_length=60, pattern=PRINTABLE)]
Text100 = Annotated[str, Field(max_length=100, pattern=PRINTABLE)]
Text300 = Annotated[str, Field(max_length=300, pattern=PRINTABLE)]
Pct = Annotated[int, Field(ge=0, le=100)]
Year = Annotated[int, Field(ge=1950, le=2100)]
Places = Annotated[int, Field(ge=0, le=100000)]
IdNumber = Annotated[str, Field(max_length=40, pattern=PRINTABLE)]
Money = Annotated[str, Field(max_length=20, pattern=r"^[0-9]{1,8}(\.[0-9]{1,2})?$", description="金额（元）")]


class HonourRef(Schema):
    id: int
    name: str


class HonourKindOut(Schema):
    id: int
    code: str
    name: str
    level: HonourLevel
    nominee_type: HonourNomineeType
    enters_register: bool
    repeat_years: int


class HonourCallFilters(Schema):
    status: HonourCallStatus | Omit = unset()
    year: Year | Omit = unset()


class HonourCallIn(StrictInput):
    union_id: Id
    kind_code: Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_-]+$")]
    year: Year
    title: Title
    nominations_due: Day
    reviews_due: Day
    places: Annotated[int, Field(ge=1, le=100000)] | Omit = unset()
    front_line_min_pct: Pct = 0
    women_min_pct: Pct = 0
    excluded_ranks: Annotated[list[HonourRank], Field(max_length=4)] = []
    notice_working_days: Annotated[int, Field(ge=1, le=30)] = 5
    document_number: Short = ""
    rules_note: Annotated[str, Field(max_length=5000, pattern=PRINTABLE)] = ""


class HonourCallOut(Schema):
    id: int
    title: str
    year: int
    union: HonourRef
    kind: HonourRef
    status: HonourCallStatus
    status_label: str
    document_number: str
    nominations_due: datetime.date
    reviews_due: datetime.date
    places: int | None
    front_line_min_pct: int
    women_min_pct: int
    excluded_ranks: list[str]
    notice_working_days: int
    version: int


class HonourCallDetailOut(HonourCallOut):
    rules_note: str
    notice_id: int | None


class HonourQuotaIn(StrictInput):
    places: Places


class HonourQuotaOut(Schema):
    union: HonourRef
    places: int
    used: int
    left: int
    waiting: int
    selected: int


class HonourProgressOut(Schema):
    call_id: int
    quotas: list[HonourQuotaOut]
    totals: dict[str, int]


class HonourReasonIn(StrictInput):
    reason: Reason
    version: Version | Omit = unset()


class HonourStepIn(StrictInput):
    version: Version | Omit = unset()


class HonourNominationFilters(Schema):
    call_id: Id | Omit = unset()
    show: Annotated[str, Field(pattern=r"^(all|waiting|selected|returned|final|notice|awarded)$")] = "all"
    status: HonourStatus | Omit = unset()
    union_id: Id | Omit = unset()
    q: SearchText = ""


class HonourNominationIn(StrictInput):
    union_id: Id
    member_id: Id | Omit = unset()
    employer_id: Id | Omit = unset()
    employer_name: Text100 = ""
    name: Text100 = ""
    id_type: HonourIdType | Omit = unset()
    id_number: IdNumber = ""
    gender: HonourGender | Omit = unset()
    post: Short = ""
    category: HonourCategory | Omit = unset()
    rank: HonourRank = Rank.NONE
    deeds: Deeds
    deeds_summary: Text300 = ""
    employer_opinion: Reason | Omit = unset()


class HonourNominationEditIn(StrictInput):
    post: Short | Omit = unset()
    category: HonourCategory | Omit = unset()
    rank: HonourRank | Omit = unset()
    deeds: Deeds | Omit = unset()
    deeds_summary: Text300 | Omit = unset()
    employer_opinion: Annotated[str, Field(max_length=500, pattern=PRINTABLE)] | Omit = unset()
    version: Version | Omit = unset()


class HonourCheckIn(StrictInput):
    decision: HonourDecision
    note: Annotated[str, Field(max_length=500, pattern=PRINTABLE)] = ""


class HonourNominationOut(Schema):
    id: int
    call_id: int
    name: str
    nominee_type: HonourNomineeType
    id_masked: str
    gender: str
    post: str
    category: str
    employer_name: str
    union: HonourRef
    at_union: HonourRef
    status: HonourStatus
    status_label: str
    version: int


class HonourFindingOut(Schema):
    code: str
    message: str
    count: int


class HonourCheckOut(Schema):
    union: HonourRef
    decision: HonourDecision
    note: str
    findings: list[HonourFindingOut]
    checked_by: str
    at: datetime.datetime


class HonourDocumentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int


class HonourObjectionOut(Schema):
    id: int
    nomination_id: int
    nominee: str
    text: str
    phone_masked: str
    case_number: str
    verdict: HonourVerdict
    verdict_note: str
    filed_at: datetime.datetime


class HonourEventOut(Schema):
    action: str
    old_status: str
    new_status: str
    actor: str
    note: str
    at: datetime.datetime


class HonourNominationDetailOut(HonourNominationOut):
    rank: str
    deeds: str
    deeds_summary: str
    employer_opinion: str
    returned_reason: str
    findings: list[HonourFindingOut]
    checks: list[HonourCheckOut]
    documents: list[HonourDocumentOut]
    objections: list[HonourObjectionOut]
    events: list[HonourEventOut]
    actions: list[str]
    award_id: int | None = Field(description="由此推荐产生的表彰记录（/honours/awards/{id}）；尚未表彰时为空")


class HonourListSummaryOut(Schema):
    call_id: int
    union_id: int
    count: int
    persons: int
    front_line: int
    women: int
    places: int | None
    problems: list[str]


class HonourNoticeIn(StrictInput):
    starts_on: Day
    title: Annotated[str, Field(max_length=120, pattern=PRINTABLE)] = ""
    contact: Text100 = ""


class HonourNoticeOut(Schema):
    id: int
    call_id: int
    title: str
    starts_on: datetime.date
    ends_on: datetime.date
    working_days: int
    needs_review: bool
    contact: str


class HonourObjectionFilters(Schema):
    call_id: Id | Omit = unset()
    unanswered: bool = False


class HonourConcludeIn(StrictInput):
    verdict: HonourVerdict
    note: Annotated[str, Field(min_length=1, max_length=1000, pattern=PRINTABLE)]


class HonourAwardIn(StrictInput):
    decision_number: Annotated[str, Field(min_length=1, max_length=60, pattern=PRINTABLE)]
    decided_on: Day
    certificate_number: Annotated[str, Field(max_length=40, pattern=PRINTABLE)] = ""
    version: Version | Omit = unset()


class HonourRevokeIn(StrictInput):
    reason: Reason
    revoked_on: Day


class HonourAwardFilters(Schema):
    year: Year | Omit = unset()
    level: HonourLevel | Omit = unset()
    status: HonourAwardStatus | Omit = unset()
    kind_code: Annotated[str, Field(max_length=40, pattern=r"^[a-z0-9_-]*$")] = ""


class HonourAwardOut(Schema):
    id: int
    kind: HonourRef
    level: HonourLevel
    year: int
    name: str
    nominee_type: HonourNomineeType
    id_masked: str
    employer_name: str
    union: HonourRef
    decision_number: str
    decided_on: datetime.date
    certificate_number: str
    status: HonourAwardStatus
    revoked_on: datetime.date | None
    revoke_reason: str
    call_id: int | None
    nomination_id: int | None


class HonourRegisterFilters(Schema):
    level: HonourLevel | Omit = unset()
    status: HonourRegisterStatus | Omit = unset()
    in_hardship: bool | Omit = unset()
    q: SearchText = ""


class HonourRecordIn(StrictInput):
    kind: HonourRecordKind
    year: Year
    on: Day
    amount: Money | Omit = unset()
    result: Short = ""
    note: Annotated[str, Field(max_length=500, pattern=PRINTABLE)] = ""


class HonourRecordOut(Schema):
    id: int
    kind: HonourRecordKind
    year: int
    on: datetime.date
    amount: str | None
    result: str
    note: str


class HonourRegisterOut(Schema):
    id: int
    name: str
    id_masked: str
    gender: str
    title: str
    level: HonourLevel
    year: int
    employer_name: str
    post: str
    union: HonourRef
    status: HonourRegisterStatus
    in_hardship: bool
    died_on: datetime.date | None
    revoked_on: datetime.date | None


class HonourRegisterDetailOut(HonourRegisterOut):
    records: list[HonourRecordOut]


class HonourFiguresOut(Schema):
    level: HonourLevel
    total: int
    active: int
    deceased: int
    revoked: int
    hardship: int
