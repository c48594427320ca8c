"""What the 劳动和技能竞赛 endpoints take and give. Every component is named `Competition…` or `Skills…`
(the document keeps one component per name); the services check every value again and name the
field, or the row, they refuse."""

import datetime
from decimal import Decimal
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
from gonghui.members.choices import SkillLevel
from gonghui.skills.competition_choices import (
    CompetitionKind,
    CompetitionStatus,
    PrizeGrade,
    ReportKind,
    StageKind,
    StageStatus,
    TieRule,
)

Kind = Annotated[CompetitionKind, named_choices(CompetitionKind, "CompetitionKind")]
Status = Annotated[CompetitionStatus, named_choices(CompetitionStatus, "CompetitionStatus")]
Stage = Annotated[StageKind, named_choices(StageKind, "CompetitionStageKind")]
StageState = Annotated[StageStatus, named_choices(StageStatus, "CompetitionStageStatus")]
Tie = Annotated[TieRule, named_choices(TieRule, "CompetitionTieRule")]
Grade = Annotated[PrizeGrade, named_choices(PrizeGrade, "CompetitionPrizeGrade")]
Level = Annotated[SkillLevel, named_choices(SkillLevel, "SkillsSkillLevel")]
Report = Annotated[ReportKind, named_choices(ReportKind, "CompetitionReportKind")]
Identity = Annotated[IdType, named_choices(IdType, "CompetitionIdType")]

Title = Annotated[str, Field(min_length=1, max_length=100, pattern=PRINTABLE)]
Short = Annotated[str, Field(max_length=100, pattern=PRINTABLE)]
Reason = Annotated[str, Field(min_length=1, max_length=500, pattern=PRINTABLE)]
Note = Annotated[str, Field(max_length=500, pattern=PRINTABLE)]
LongText = Annotated[str, Field(max_length=20000, pattern=PRINTABLE)]
Year = Annotated[int, Field(ge=2000, le=2100)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
# Wide on purpose: the competition's own range is checked by the service, which names the row.
Score = Annotated[Decimal, Field(ge=Decimal("-9999999.99"), le=Decimal("9999999.99"), max_digits=9,
                                 decimal_places=2)]
Money = Annotated[Decimal, Field(ge=0, le=Decimal("9999999999.99"), max_digits=12, decimal_places=2)]


class CompetitionRef(Schema):
    id: int
    name: str


class CompetitionFilters(Schema):
    kind: Kind | Omit = None
    status: Status | Omit = None
    year: Year | Omit = None
    union_id: Id | Omit = Field(None, description="只看该工会及其下级主办的")  # type: ignore[assignment]
    q: SearchText = ""


class CompetitionStageIn(StrictInput):
    kind: Stage
    advance: Annotated[int, Field(ge=1, le=1_000_000)] | Omit = Field(  # type: ignore[assignment]
        None, description="本阶段晋级名额（最后阶段不填）")
    start_on: Day | Omit = unset()


class CompetitionPlan(StrictInput):
    title: Title
    kind: Kind
    trade: Annotated[str, Field(max_length=50, pattern=PRINTABLE)] = ""
    project: Short = ""
    plan: LongText = ""
    budget: Money = Decimal(0)
    start_on: Day
    end_on: Day
    score_min: Score = Decimal(0)
    score_max: Score = Decimal(100)
    tie_rule: Tie = TieRule.SHARED
    max_entries: Annotated[int, Field(ge=1, le=1_000_000)] = 1000
    team_size: Annotated[int, Field(ge=0, le=1000)] = 0
    notice_workdays: Annotated[int, Field(ge=1, le=100)] = 5


class CompetitionIn(CompetitionPlan):
    organiser_id: Id
    stages: Annotated[list[CompetitionStageIn], Field(min_length=1, max_length=4)]


class CompetitionPatch(StrictInput):
    """Only the keys sent change; the whole plan is checked again. `stages` replaces every stage."""

    version: Version | Omit = unset()
    title: Title | Omit = unset()
    kind: Kind | Omit = unset()
    trade: Annotated[str, Field(max_length=50, pattern=PRINTABLE)] | Omit = unset()
    project: Short | Omit = unset()
    plan: LongText | Omit = unset()
    budget: Money | Omit = unset()
    start_on: Day | Omit = unset()
    end_on: Day | Omit = unset()
    score_min: Score | Omit = unset()
    score_max: Score | Omit = unset()
    tie_rule: Tie | Omit = unset()
    max_entries: Annotated[int, Field(ge=1, le=1_000_000)] | Omit = unset()
    team_size: Annotated[int, Field(ge=0, le=1000)] | Omit = unset()
    notice_workdays: Annotated[int, Field(ge=1, le=100)] | Omit = unset()
    stages: Annotated[list[CompetitionStageIn], Field(min_length=1, max_length=4)] | Omit = unset()


class CompetitionStepIn(StrictInput):
    version: Version | Omit = unset()
    on: Day | Omit = unset()


class CompetitionApproveIn(CompetitionStepIn):
    note: Note = ""


class CompetitionReasonIn(StrictInput):
    version: Version | Omit = unset()
    reason: Reason


class CompetitionOut(Schema):
    id: int
    title: str
    kind: Kind
    kind_label: str
    status: Status
    status_label: str
    organiser: CompetitionRef
    organiser_level: int
    trade: str
    project: str
    budget: Decimal
    start_on: datetime.date
    end_on: datetime.date
    entry_count: int
    notice_ends_on: datetime.date | None
    version: int


class CompetitionStageOut(Schema):
    id: int
    kind: Stage
    kind_label: str
    order: int
    advance: int | None
    status: StageState
    start_on: datetime.date | None
    closed_on: datetime.date | None
    entries: int
    scored: int


class CompetitionEventOut(Schema):
    action: str
    action_label: str
    old_status: str
    new_status: str
    actor: str
    note: str
    at: datetime.datetime


class CompetitionDetailOut(CompetitionOut):
    plan: str
    score_min: Decimal
    score_max: Decimal
    tie_rule: Tie
    max_entries: int
    team_size: int
    notice_workdays: int
    submitted_on: datetime.date | None
    approved_on: datetime.date | None
    decided_by: str
    return_reason: str
    cancel_reason: str
    notice_starts_on: datetime.date | None
    finalised_on: datetime.date | None
    stages: list[CompetitionStageOut]
    actions: list[str] = Field(description="调用者当前可做的步骤（主办工会的步骤，或上级工会的立项审批）")
    events: list[CompetitionEventOut]


class CompetitionPersonIn(StrictInput):
    """A registry member by `member_id`, or anyone by name and identity number."""

    member_id: Id | Omit = unset()
    name: Annotated[str, Field(max_length=50, pattern=PRINTABLE)] = ""
    id_type: Identity = IdType.RESIDENT
    id_number: Annotated[str, Field(max_length=40, pattern=PRINTABLE)] = ""
    is_leader: bool = False


class CompetitionEntryIn(StrictInput):
    """An individual (`person`) or a team (`team_name` and `members`), never both."""

    person: CompetitionPersonIn | Omit = unset()
    team_name: Short = ""
    members: Annotated[list[CompetitionPersonIn], Field(max_length=1000)] = []
    employer_id: Id | Omit = unset()
    employer_name: Short = ""
    trade: Annotated[str, Field(max_length=50, pattern=PRINTABLE)] = ""


class CompetitionParticipantOut(Schema):
    name: str
    id_masked: str
    member_id: int | None
    is_leader: bool


class CompetitionEntryOut(Schema):
    id: int
    seq: int
    is_team: bool
    name: str
    employer_name: str
    trade: str
    reached: int
    withdrawn: bool
    participants: list[CompetitionParticipantOut]
    award_id: int | None


class CompetitionEntryFilters(Schema):
    stage_id: Id | Omit = None
    unscored: bool = False
    withdrawn: bool = Field(False, description="包括已撤销参赛的")
    q: SearchText = ""


class CompetitionScoreRowIn(StrictInput):
    entry_id: Id
    score: Score
    tiebreak: Score | Omit = unset()


class CompetitionScoresIn(StrictInput):
    rows: Annotated[list[CompetitionScoreRowIn], Field(min_length=1, max_length=10_000)]


class CompetitionScoresOut(Schema):
    recorded: int


class CompetitionAdvanceOut(Schema):
    advanced: int


class CompetitionRankFilters(Schema):
    after: Annotated[str, Field(max_length=21, pattern=r"^(\d{1,9}\.\d{1,9})?$",
                                description="上一页返回的 next：取其后的一页（按名次和报名序号定位，不用偏移量）")] = ""
    before: Annotated[str, Field(max_length=21, pattern=r"^(\d{1,9}\.\d{1,9})?$",
                                 description="下一页返回的 previous：取其前的一页")] = ""
    per_page: Annotated[int, Field(ge=1, le=200)] = 50


class CompetitionRankRowOut(Schema):
    rank: int
    entry_id: int
    name: str
    employer_name: str
    score: Decimal
    tiebreak: Decimal | None
    advanced: bool


class CompetitionRankingOut(Schema):
    stage_id: int
    total: int
    page: int
    pages: int
    per_page: int
    next: str | None = Field(description="下一页的游标（作为 after 传入）；已是最后一页时为空")
    previous: str | None = Field(description="上一页的游标（作为 before 传入）；已是第一页时为空")
    rows: list[CompetitionRankRowOut]


class CompetitionAwardIn(StrictInput):
    entry_id: Id
    grade: Grade
    title: Annotated[str, Field(max_length=40, pattern=PRINTABLE)] = ""
    skill_level: Level | Omit = unset()
    note: Note = ""
    on: Day | Omit = unset()


class CompetitionAwardOut(Schema):
    id: int
    competition_id: int
    entry_id: int
    entry_name: str
    grade: Grade
    grade_label: str
    title: str
    skill_level: str
    rank: int | None
    score: Decimal | None
    awarded_on: datetime.date
    honour_nomination_id: int | None


class CompetitionAwardRemoveIn(StrictInput):
    reason: Reason


class CompetitionNominationIn(StrictInput):
    nomination_id: Annotated[int, Field(ge=1, le=2**62)]


class CompetitionSummaryIn(StrictInput):
    title: Title
    text: Annotated[str, Field(min_length=1, max_length=20000, pattern=PRINTABLE)]
    on: Day | Omit = unset()


class CompetitionCommendIn(CompetitionSummaryIn):
    year: Year
    entry_ids: Annotated[list[Id], Field(max_length=1000)] = []


class CompetitionReportOut(Schema):
    id: int
    kind: Report
    year: int
    title: str
    text: str
    written_on: datetime.date
    written_by: str
    commended: list[CompetitionRef]


class CompetitionFigureFilters(Schema):
    union_id: Id
    year: Year


class CompetitionKindLevelOut(Schema):
    kind: Kind
    level: int
    count: int


class CompetitionFiguresOut(Schema):
    year: int
    competitions: int
    by_kind_level: list[CompetitionKindLevelOut]
    budget: Decimal
    entries: int
    team_entries: int
    people: int
    awards_by_grade: dict[str, int]
    titles: int
    skill_levels_raised: int
