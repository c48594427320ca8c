"""What the 工会活动 endpoints take and give. The activities services check every value again and name
the field they refuse. Every component is named Activity…, so none overwrites another domain's."""

import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema

from gonghui.activities.choices import ActivityKind, ActivityStatus, Audience, SignUpStatus
from gonghui.api.common.schemas import PRINTABLE, AdCode, Day, Id, Omit, SearchText, StrictInput, UnionRef, unset

Kind = Annotated[ActivityKind, Field(json_schema_extra={"title": "ActivityKind"})]
State = Annotated[ActivityStatus, Field(json_schema_extra={"title": "ActivityStatus"})]
Moment = Annotated[datetime.datetime, Field(ge=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC),
                                             le=datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC))]
Fee = Annotated[Decimal, Field(ge=0, le=Decimal("99999.99"), max_digits=7, decimal_places=2,
                               description="费用（元），免费为0")]


class ActivityFilters(Schema):
    kind: ActivityKind | None = None
    status: ActivityStatus | None = None
    q: SearchText | None = None


class ActivityIn(StrictInput):
    union_id: Id = Field(description="主办工会")
    kind: ActivityKind
    title: Annotated[str, Field(min_length=1, max_length=120, pattern=PRINTABLE)]
    description: Annotated[str, Field(max_length=4000)] = ""
    audience: Audience = Audience.SUBTREE
    audience_union_id: Id | Omit = unset()
    capacity: Annotated[int, Field(ge=1, le=100000)]
    signup_opens_at: Moment
    signup_closes_at: Moment
    starts_at: Moment
    ends_at: Moment
    fee: Fee = Decimal(0)
    adcode: AdCode
    address: Annotated[str, Field(min_length=1, max_length=200, pattern=PRINTABLE)]


class ActivityEditIn(ActivityIn):
    version: Annotated[int, Field(ge=1, le=2**31 - 1)] | Omit = unset()


class ActivityCancelIn(StrictInput):
    reason: Annotated[str, Field(min_length=1, max_length=200, pattern=PRINTABLE)]


class ActivityOut(Schema):
    id: int
    organiser: UnionRef
    kind: str
    title: str
    description: str
    audience: str
    audience_union: UnionRef | None
    capacity: int
    taken: int
    waiting: int
    checked_in: int
    no_shows: int
    signup_opens_at: datetime.datetime
    signup_closes_at: datetime.datetime
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    fee: Decimal
    adcode: str
    address: str
    status: str
    status_label: str
    cancel_reason: str
    version: int


class ActivityCheckinOut(Schema):
    activity_id: int
    url: str = Field(description="现场签到码指向的网址（打印成二维码张贴在入口）")


class ActivitySignUpOut(Schema):
    id: int
    name: str
    phone_masked: str
    member: bool
    status: SignUpStatus
    waiting_place: int | None
    walk_in: bool
    signed_up_at: datetime.datetime
    checked_in_at: datetime.datetime | None


class ActivityFiguresFilters(Schema):
    union_id: Id
    kind: ActivityKind | None = None
    start: Day | None = None
    end: Day | None = None


class ActivityFigureRow(Schema):
    key: str
    label: str
    sessions: int
    attendances: int
    members: int


class ActivityFiguresOut(Schema):
    total: ActivityFigureRow
    by_kind: list[ActivityFigureRow]
    by_branch: list[ActivityFigureRow]
