"""What the 五小 and 合理化建议, 创新工作室, 师带徒 and 职工技能培训 endpoints take and give. Component
names start with `Suggestion`, `Studio`, `Apprenticeship`, `Training` or `Innovation`; the services
check every value again and name the field they refuse."""

import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema

from gonghui.api.common.schemas import PRINTABLE, Day, Id, Omit, SearchText, StrictInput, Version, named_choices, unset
from gonghui.members.choices import SkillLevel
from gonghui.skills.innovation_choices import (
    ApprenticeshipStatus,
    AssessmentGrade,
    CourseKind,
    PatentKind,
    StudioKind,
    StudioLevel,
    StudioResultKind,
    StudioStatus,
    SuggestionKind,
    SuggestionStatus,
)

SKind = Annotated[SuggestionKind, named_choices(SuggestionKind, "SuggestionKind")]
SStatus = Annotated[SuggestionStatus, named_choices(SuggestionStatus, "SuggestionStatus")]
PKind = Annotated[PatentKind, named_choices(PatentKind, "SuggestionPatentKind")]
StKind = Annotated[StudioKind, named_choices(StudioKind, "StudioKind")]
StLevel = Annotated[StudioLevel, named_choices(StudioLevel, "StudioLevel")]
StStatus = Annotated[StudioStatus, named_choices(StudioStatus, "StudioStatus")]
StResult = Annotated[StudioResultKind, named_choices(StudioResultKind, "StudioResultKind")]
StGrade = Annotated[AssessmentGrade, named_choices(AssessmentGrade, "StudioAssessmentGrade")]
AStatus = Annotated[ApprenticeshipStatus, named_choices(ApprenticeshipStatus, "ApprenticeshipStatus")]
CKind = Annotated[CourseKind, named_choices(CourseKind, "TrainingCourseKind")]
Level = Annotated[SkillLevel, named_choices(SkillLevel, "SkillsSkillLevel")]

Title = Annotated[str, Field(min_length=1, max_length=120, pattern=PRINTABLE)]
Name = Annotated[str, Field(max_length=100, pattern=PRINTABLE)]
Note = Annotated[str, Field(max_length=500, pattern=PRINTABLE)]
Reason = Annotated[str, Field(min_length=1, max_length=500, pattern=PRINTABLE)]
Wan = Annotated[Decimal, Field(ge=0, le=Decimal("999999999999.99"), max_digits=14, decimal_places=2,
                               description="万元")]
Yuan = Annotated[Decimal, Field(gt=0, le=Decimal("9999999999.99"), max_digits=12, decimal_places=2)]
Year = Annotated[int, Field(ge=2000, le=2100)]
Count = Annotated[int, Field(ge=0, le=10_000_000)]


class InnovationRef(Schema):
    id: int
    name: str


class InnovationEventOut(Schema):
    action: str
    action_label: str
    old_status: str
    new_status: str
    actor: str
    note: str
    at: datetime.datetime


# --- 五小 and 合理化建议 ---------------------------------------------------------------------------

class SuggestionFilters(Schema):
    status: SStatus | Omit = None
    kind: SKind | Omit = None
    employer_id: Id | Omit = None
    submitted_from: Day | Omit = None
    submitted_to: Day | Omit = None
    q: SearchText = ""


class SuggestionIn(StrictInput):
    employer_id: Id
    kind: SKind
    title: Title
    content: Annotated[str, Field(min_length=1, max_length=5000, pattern=PRINTABLE)]
    proposer_name: Annotated[str, Field(max_length=50, pattern=PRINTABLE)] = ""
    proposer_id: Id | Omit = Field(None, description="提出人为本单位会员时关联")  # type: ignore[assignment]
    co_proposers: Annotated[str, Field(max_length=200, pattern=PRINTABLE)] = ""
    department: Annotated[str, Field(max_length=60, pattern=PRINTABLE)] = ""
    submitted_on: Day | Omit = unset()


class SuggestionOut(Schema):
    id: int
    kind: SKind
    kind_label: str
    title: str
    employer: InnovationRef
    proposer_name: str
    proposer_id: int | None
    department: str
    channel: str
    status: SStatus
    status_label: str
    submitted_on: datetime.date
    benefit: Decimal | None
    reward_total: Decimal | None
    patent_count: int
    version: int


class SuggestionRewardOut(Schema):
    id: int
    amount: Decimal
    paid_on: datetime.date
    note: str


class SuggestionPatentOut(Schema):
    id: int
    number: str
    kind: PKind
    title: str
    granted_on: datetime.date
    suggestion_id: int | None
    studio_id: int | None


class SuggestionDetailOut(SuggestionOut):
    content: str
    co_proposers: str
    decided_on: datetime.date | None
    review_note: str
    implemented_on: datetime.date | None
    implementation_note: str
    benefit_assessor: str
    benefit_assessed_on: datetime.date | None
    benefit_basis: str
    rewards: list[SuggestionRewardOut]
    patents: list[SuggestionPatentOut]
    events: list[InnovationEventOut]


class SuggestionStepIn(StrictInput):
    version: Version | Omit = unset()
    on: Day | Omit = unset()
    note: Note = ""


class SuggestionRejectIn(StrictInput):
    version: Version | Omit = unset()
    on: Day | Omit = unset()
    reason: Reason


class SuggestionBenefitIn(StrictInput):
    version: Version | Omit = unset()
    benefit: Wan
    assessor: Annotated[str, Field(min_length=1, max_length=100, pattern=PRINTABLE)]
    assessed_on: Day
    basis: Note = ""


class SuggestionRewardIn(StrictInput):
    amount: Yuan
    paid_on: Day
    note: Annotated[str, Field(max_length=200, pattern=PRINTABLE)] = ""


class SuggestionPatentIn(StrictInput):
    """Granted on a suggestion's work (`suggestion_id`) or a studio's (`studio_id`)."""

    number: Annotated[str, Field(min_length=1, max_length=30, pattern=PRINTABLE)]
    kind: PKind
    title: Title
    granted_on: Day
    suggestion_id: Id | Omit = unset()
    studio_id: Id | Omit = unset()


class SuggestionPatentFilters(Schema):
    kind: PKind | Omit = None
    q: SearchText = ""


# --- 创新工作室 -----------------------------------------------------------------------------------

class StudioFilters(Schema):
    kind: StKind | Omit = None
    level: StLevel | Omit = None
    status: StStatus | Omit = None
    employer_id: Id | Omit = None
    q: SearchText = ""


class StudioIn(StrictInput):
    employer_id: Id
    name: Annotated[str, Field(min_length=1, max_length=100, pattern=PRINTABLE)]
    kind: StKind
    level: StLevel
    named_on: Day
    leader_name: Annotated[str, Field(max_length=50, pattern=PRINTABLE)] = ""
    leader_id: Id | Omit = unset()
    model_worker_id: Annotated[int, Field(ge=1, le=2**31 - 1)] | Omit = unset()
    named_by: Name = ""
    field: Annotated[str, Field(max_length=60, pattern=PRINTABLE)] = ""


class StudioOut(Schema):
    id: int
    name: str
    kind: StKind
    kind_label: str
    level: StLevel
    level_label: str
    employer: InnovationRef
    field: str
    named_on: datetime.date
    leader_name: str
    leader_id: int | None
    model_worker_id: int | None
    status: StStatus
    version: int


class StudioSeatOut(Schema):
    id: int
    name: str
    member_id: int | None
    role: str
    joined_on: datetime.date
    left_on: datetime.date | None


class StudioResultOut(Schema):
    id: int
    kind: StResult
    title: str
    year: int
    benefit: Decimal | None
    note: str


class StudioAssessmentOut(Schema):
    year: int
    grade: StGrade
    assessed_on: datetime.date
    note: str


class StudioDetailOut(StudioOut):
    named_by: str
    revoked_on: datetime.date | None
    revoke_reason: str
    team: list[StudioSeatOut]
    results: list[StudioResultOut]
    patents: list[SuggestionPatentOut]
    assessments: list[StudioAssessmentOut]
    events: list[InnovationEventOut]


class StudioLevelIn(StrictInput):
    version: Version | Omit = unset()
    level: StLevel
    note: Note = ""


class StudioLeaderIn(StrictInput):
    version: Version | Omit = unset()
    leader_name: Annotated[str, Field(max_length=50, pattern=PRINTABLE)] = ""
    leader_id: Id | Omit = unset()
    model_worker_id: Annotated[int, Field(ge=1, le=2**31 - 1)] | Omit = unset()


class StudioSeatIn(StrictInput):
    name: Annotated[str, Field(max_length=50, pattern=PRINTABLE)] = ""
    member_id: Id | Omit = unset()
    role: Annotated[str, Field(max_length=50, pattern=PRINTABLE)] = ""
    joined_on: Day | Omit = unset()


class StudioLeaveIn(StrictInput):
    left_on: Day | Omit = unset()


class StudioResultIn(StrictInput):
    kind: StResult
    title: Title
    year: Year
    benefit: Wan | Omit = unset()
    note: Note = ""


class StudioAssessIn(StrictInput):
    year: Year
    grade: StGrade
    assessed_on: Day
    note: Note = ""


class StudioRevokeIn(StrictInput):
    version: Version | Omit = unset()
    reason: Reason
    revoked_on: Day | Omit = unset()


# --- 师带徒 and training --------------------------------------------------------------------------

class ApprenticeshipFilters(Schema):
    status: AStatus | Omit = None
    employer_id: Id | Omit = None
    q: SearchText = ""


class ApprenticeshipIn(StrictInput):
    employer_id: Id
    master_id: Id
    apprentice_id: Id
    agreed_on: Day
    starts_on: Day
    ends_on: Day
    targets: Annotated[str, Field(min_length=1, max_length=2000, pattern=PRINTABLE)]
    trade: Annotated[str, Field(max_length=50, pattern=PRINTABLE)] = ""
    target_level: Level | Omit = unset()
    allowance: Annotated[Decimal, Field(ge=0, le=Decimal("99999999.99"), max_digits=10,
                                        decimal_places=2)] | Omit = unset()


class ApprenticeshipOut(Schema):
    id: int
    employer: InnovationRef
    master: InnovationRef
    apprentice: InnovationRef
    trade: str
    agreed_on: datetime.date
    starts_on: datetime.date
    ends_on: datetime.date
    target_level: str
    allowance: Decimal | None
    status: AStatus
    status_label: str
    outcome_level: str
    version: int


class ApprenticeshipDetailOut(ApprenticeshipOut):
    targets: str
    started_on: datetime.date | None
    graduated_on: datetime.date | None
    outcome_note: str
    terminated_on: datetime.date | None
    termination_reason: str
    events: list[InnovationEventOut]


class ApprenticeshipStepIn(StrictInput):
    version: Version | Omit = unset()
    on: Day | Omit = unset()


class ApprenticeshipGraduateIn(ApprenticeshipStepIn):
    outcome_level: Level
    note: Note = ""


class ApprenticeshipTerminateIn(ApprenticeshipStepIn):
    reason: Reason


class TrainingFilters(Schema):
    year: Year | Omit = None
    kind: CKind | Omit = None
    q: SearchText = ""


class TrainingCourseIn(StrictInput):
    union_id: Id
    employer_id: Id | Omit = unset()
    title: Title
    kind: CKind
    provider: Name = ""
    starts_on: Day
    ends_on: Day
    hours: Count | Omit = unset()
    trainees: Annotated[int, Field(ge=1, le=10_000_000)]
    levels: dict[Level, Count] = Field(default_factory=dict, description="取得各技能等级的人数")


class TrainingCourseOut(Schema):
    id: int
    union: InnovationRef
    employer: InnovationRef | None
    title: str
    kind: CKind
    kind_label: str
    provider: str
    starts_on: datetime.date
    ends_on: datetime.date
    hours: int | None
    trainees: int
    levels: dict[str, int]


class InnovationFigureFilters(Schema):
    start: Day
    end: Day


class InnovationKindCountsOut(Schema):
    submitted: int
    adopted: int
    implemented: int
    benefit: Decimal


class InnovationFiguresOut(Schema):
    submitted: int
    adopted: int
    implemented: int
    benefit: Decimal = Field(description="创效（万元）")
    by_kind: dict[str, InnovationKindCountsOut]
    rewards: Decimal
    patents: int
    studios: int
    studios_by_level: dict[str, int]
    studio_results: int
    studio_results_benefit: Decimal
    apprenticeships_signed: int
    apprenticeships_graduated: int
    apprenticeships_in_force: int
    allowance: Decimal
    courses: int
    trainees: int
    trainees_by_level: dict[str, int]
