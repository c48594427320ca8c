"""What the 民主管理 endpoints take and give. Every value is checked again by the democracy services,
which name the field they refuse; a choice is one of the codes the document lists."""

import datetime
from typing import Annotated

from ninja import Field, Schema

from gonghui.api.common.schemas import (
    PRINTABLE,
    Day,
    HeadCount,
    Id,
    Omit,
    SearchText,
    StrictInput,
    Version,
    named_choices,
    unset,
)
from gonghui.democracy.choices import (
    AgendaKind,
    CongressForm,
    DelegateCategory,
    DisclosureCategory,
    DisclosureChannel,
    ProposalStatus,
    Rating,
    SeatKind,
)

Title = Annotated[str, Field(min_length=1, max_length=120, pattern=PRINTABLE)]
Note = Annotated[str, Field(max_length=500, pattern=PRINTABLE)]
RatingNote = Annotated[str, Field(max_length=300, pattern=PRINTABLE)]
Long = Annotated[str, Field(min_length=1, max_length=5000, pattern=PRINTABLE)]
Year = Annotated[int, Field(ge=2000, le=2100)]
ProposalRating = Annotated[Rating, named_choices(Rating, "ProposalRating")]  # cases has a Rating of its own


class DemocracyRef(Schema):
    id: int
    name: str


# --- congresses, terms, delegates ---------------------------------------------------------------

class CongressFilters(Schema):
    q: SearchText = ""


class CongressIn(StrictInput):
    employer_id: Id
    form: CongressForm
    established_on: Day


class CongressTermOut(Schema):
    id: int
    number: int
    starts_on: datetime.date
    ends_on: datetime.date
    workforce: int
    women_workforce: int
    dispatched_workforce: int


class SessionListOut(Schema):
    id: int
    term_id: int
    number: int
    held_on: datetime.date
    title: str


class OpennessAssessmentOut(Schema):
    year: int
    satisfied: int
    basic: int
    dissatisfied: int


class CongressOut(Schema):
    id: int
    employer: DemocracyRef
    form: CongressForm
    form_label: str
    established_on: datetime.date


class GuidanceOut(Schema):
    actor: str
    note: str
    at: datetime.datetime


class CongressDetailOut(CongressOut):
    terms: list[CongressTermOut]
    sessions: list[SessionListOut]
    assessments: list[OpennessAssessmentOut]
    guidance: list[GuidanceOut]
    # "manage": the viewer holds the employer's union and records its 民主管理; "guide": a union
    # above, which reads it and records 指导意见.
    actions: list[str]


class CongressGuidanceIn(StrictInput):
    note: Annotated[str, Field(min_length=1, max_length=1000, pattern=PRINTABLE)]


class TermIn(StrictInput):
    starts_on: Day
    ends_on: Day
    workforce: Annotated[int, Field(ge=1, le=10_000_000)]
    women_workforce: HeadCount = 0
    dispatched_workforce: HeadCount = 0


class DelegateIn(StrictInput):
    name: Annotated[str, Field(min_length=1, max_length=50, pattern=PRINTABLE)]
    constituency: Annotated[str, Field(min_length=1, max_length=50, pattern=PRINTABLE)]
    category: DelegateCategory
    is_woman: bool = False
    is_dispatched: bool = False
    member_id: Id | Omit = unset()


class RosterIn(StrictInput):
    delegates: Annotated[list[DelegateIn], Field(max_length=2000)]


class DelegateOut(Schema):
    id: int
    name: str
    constituency: str
    category: DelegateCategory
    is_woman: bool
    is_dispatched: bool
    member_id: int | None


class CompositionCheckOut(Schema):
    key: str
    rule: str
    required: str
    actual: str
    ok: bool


class TermDetailOut(CongressTermOut):
    congress_id: int
    delegates: list[DelegateOut]
    composition: list[CompositionCheckOut]


# --- sessions, agenda items, votes, resolutions ------------------------------------------------

class SessionIn(StrictInput):
    held_on: Day
    title: Annotated[str, Field(min_length=1, max_length=100, pattern=PRINTABLE)]


class ItemIn(StrictInput):
    kind: AgendaKind
    title: Title


class AgendaVoteIn(StrictInput):
    present: HeadCount
    in_favour: HeadCount
    against: HeadCount = 0
    abstained: HeadCount = 0


class ResolutionIn(StrictInput):
    resolution: Long


class ItemOut(Schema):
    id: int
    session_id: int
    kind: AgendaKind
    title: str
    voted_at: datetime.datetime | None
    entitled: int | None
    present: int | None
    in_favour: int | None
    against: int | None
    abstained: int | None
    passed: bool | None
    outcome_note: str
    resolution: str
    resolved_at: datetime.datetime | None


class SessionOut(SessionListOut):
    congress_id: int
    items: list[ItemOut]


# --- proposals ----------------------------------------------------------------------------------

class ProposalFilters(Schema):
    status: ProposalStatus | Omit = unset()
    q: SearchText = ""
    overdue: bool = False


class ProposalIn(StrictInput):
    submitter_id: Id
    cosigner_ids: Annotated[list[Id], Field(max_length=500)] = []
    session_id: Id | Omit = unset()
    title: Title
    content: Long


class ProposalListOut(Schema):
    id: int
    number: str
    title: str
    congress_id: int
    employer: DemocracyRef
    submitter: DemocracyRef
    status: ProposalStatus
    status_label: str
    department: str
    due_at: datetime.datetime | None
    rating: str
    version: int


class ProposalEventOut(Schema):
    action: str
    old_status: str
    new_status: str
    actor: str
    note: str
    at: datetime.datetime


class ProposalOut(ProposalListOut):
    content: str
    cosigners: list[DemocracyRef]
    committee_note: str
    answer: str
    rating_note: str
    submitted_at: datetime.datetime
    answered_at: datetime.datetime | None
    published_at: datetime.datetime | None
    actions: list[str]
    events: list[ProposalEventOut]


class StepIn(StrictInput):
    version: Version | Omit = unset()
    note: Note = ""


class ConvertIn(StrictInput):
    version: Version | Omit = unset()
    reason: Annotated[str, Field(min_length=1, max_length=500, pattern=PRINTABLE)]


class ProposalAssignIn(StrictInput):
    version: Version | Omit = unset()
    department: Annotated[str, Field(min_length=1, max_length=60, pattern=PRINTABLE)]


class ProposalAnswerIn(StrictInput):
    version: Version | Omit = unset()
    answer: Long


class RateIn(StrictInput):
    version: Version | Omit = unset()
    rating: ProposalRating
    note: RatingNote = ""


# --- 厂务公开, assessments, seats, figures ----------------------------------------------------------

class DisclosureFilters(Schema):
    employer_id: Id | Omit = unset()
    category: DisclosureCategory | Omit = unset()
    published: bool | Omit = unset()
    q: SearchText = ""


class DisclosureIn(StrictInput):
    employer_id: Id
    category: DisclosureCategory
    channel: DisclosureChannel
    title: Title
    content: Annotated[str, Field(min_length=1, max_length=10000, pattern=PRINTABLE)]
    period_start: Day
    period_end: Day
    publish: bool = False


class DisclosureOut(Schema):
    id: int
    employer: DemocracyRef
    category: DisclosureCategory
    channel: DisclosureChannel
    title: str
    content: str
    period_start: datetime.date
    period_end: datetime.date
    published_at: datetime.datetime | None
    read_count: int


class OpennessAssessmentIn(StrictInput):
    satisfied: HeadCount
    basic: HeadCount
    dissatisfied: HeadCount


class SeatFilters(Schema):
    kind: SeatKind | Omit = unset()
    current: bool = True


class SeatIn(StrictInput):
    employer_id: Id
    kind: SeatKind
    holder_name: Annotated[str, Field(min_length=1, max_length=50, pattern=PRINTABLE)]
    elected_by: Id
    starts_on: Day
    ends_on: Day


class SeatEndIn(StrictInput):
    ended_on: Day


class SeatOut(Schema):
    id: int
    employer: DemocracyRef
    kind: SeatKind
    holder_name: str
    elected_by: int
    starts_on: datetime.date
    ends_on: datetime.date
    ended_on: datetime.date | None


class MissingDirectorOut(Schema):
    id: int
    name: str
    credit_code: str
    ownership: str
    employee_count: int


class DemocracyFiguresFilters(Schema):
    start: Day
    end: Day


class DemocracyFiguresOut(Schema):
    unionised_employers: int
    with_congress: int
    establishment_rate: float | None
    sessions_held: int
    delegates: int
    by_category: dict[str, int]
    women_delegates: int
    dispatched_delegates: int
    proposals_submitted: int
    proposals_accepted: int
    proposals_answered: int
    proposals_satisfied: int
    disclosures: int
    directors: int
    supervisors: int
