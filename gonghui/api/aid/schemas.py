"""What the aid endpoints take and give: programmes and budgets, campaigns, grants as someone's history,
and the figures (a batch and its steps are in aid_batch_schemas.py). Money is 元 to the fen (a JSON
string like "1200.50", or a number); identity numbers, phones and bank accounts only leave masked."""

import datetime
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema

from gonghui.aid.choices import (
    Cycle,
    FundSource,
    GrantStatus,
    ProgrammeKind,
    RecipientGroup,
)
from gonghui.aid.models import AidCampaign, AidGrant, AidProgramme
from gonghui.api.common.schemas import (
    PRINTABLE,
    Day,
    Id,
    Name,
    Omit,
    StrictInput,
    Text20,
    Text100,
    UnionRef,
    label,
    unset,
)
from gonghui.assistance.choices import HardshipClass
from gonghui.core.idnumbers import IdType

Amount = Annotated[Decimal, Field(ge=0, le=Decimal("1000000"), max_digits=9, decimal_places=2,
                                  description="元，最多两位小数；单笔不超过100万元")]
Budget = Annotated[Decimal, Field(ge=0, le=Decimal("1000000000000"), max_digits=15, decimal_places=2,
                                  description="元，最多两位小数")]
Year = Annotated[int, Field(ge=2000, le=2100)]
Typed = Annotated[str, Field(max_length=40, pattern=PRINTABLE)]
Reason = Annotated[str, Field(min_length=1, max_length=200, pattern=PRINTABLE)]


# ---- input ----------------------------------------------------------------------------------------

class ProgrammeFilters(Schema):
    kind: ProgrammeKind | Omit = unset()
    usable: bool = Field(False, description="true：列出本人可以发放的项目，含上级工会主办、由本级发放的项目")
    active_only: bool = True


class ProgrammeIn(StrictInput):
    union_id: Id = Field(description="主办工会（须有帮扶项目管理权限）")
    kind: ProgrammeKind
    name: Name
    fund_source: FundSource
    budget: Budget
    standard_amount: Amount = Decimal(0)
    standard_goods_value: Amount = Decimal(0)
    cycle: Cycle = Cycle.YEARLY
    hardship_classes: Annotated[list[HardshipClass], Field(max_length=3,
                                                           description="可选取的困难类别；空为全部在档户")] = []
    members_only: bool | Omit = Field(None, description="缺省：送温暖、夏送清凉不限会员，其他项目仅限会员")  # type: ignore[assignment]
    once_per_household: bool | Omit = Field(None, description="缺省：金秋助学按学生，其他项目每户一次")  # type: ignore[assignment]


class BudgetIn(StrictInput):
    budget: Budget


class CampaignFilters(Schema):
    year: Year | Omit = unset()
    programme: Id | Omit = unset()
    usable: bool = Field(False, description="true：列出本人可以在其下新建发放批次的活动，含上级工会主办的")


class CampaignIn(StrictInput):
    programme_id: Id
    year: Year
    starts_on: Day
    ends_on: Day
    name: Text100 = ""
    period: Text20 = Field("", description="期次（如 春节、中秋）；项目周期为“每期活动一次”时必填")


class PersonIn(StrictInput):
    id_type: IdType = IdType.RESIDENT
    id_number: Typed = Field("", description="证件号码；没有时填手机号码")
    phone: Typed = ""


class AidFiguresFilters(Schema):
    union: Id | Omit = Field(None, description="缺省为本人查看范围的最上级工会")  # type: ignore[assignment]
    start: Day = Field(description="到账日期，含当日")
    end: Day = Field(description="到账日期，含当日")


# ---- output ---------------------------------------------------------------------------------------

class Ref(Schema):
    id: int
    name: str


class ProgrammeOut(Schema):
    id: int
    kind: str
    kind_label: str
    name: str
    union: UnionRef
    fund_source: str
    fund_source_label: str
    cycle: str
    hardship_classes: list[str]
    members_only: bool
    once_per_household: bool
    standard_amount: Decimal
    standard_goods_value: Decimal
    budget: Decimal
    committed: Decimal
    paid: Decimal
    available: Decimal
    is_active: bool
    version: int

    @staticmethod
    def resolve_kind_label(obj: AidProgramme) -> str:
        return label(ProgrammeKind, obj.kind)

    @staticmethod
    def resolve_fund_source_label(obj: AidProgramme) -> str:
        return label(FundSource, obj.fund_source)


class CampaignOut(Schema):
    id: int
    programme: Ref
    name: str
    year: int
    period: str
    starts_on: datetime.date
    ends_on: datetime.date
    cycle_key: str

    @staticmethod
    def resolve_programme(obj: AidCampaign) -> dict[str, Any]:
        return {"id": obj.programme.pk, "name": obj.programme.name}


class GrantOut(Schema):
    id: int
    batch_id: int
    programme_id: int
    campaign_id: int
    union_id: int
    hardship_file_id: int | None
    name: str
    group: str
    group_label: str
    is_member: bool
    id_masked: str
    phone_masked: str
    student_name: str
    school: str
    grade: str
    cash: Decimal
    goods_value: Decimal
    goods: str
    fund_source: str
    payee_name: str
    payee_account_masked: str
    granted_on: datetime.date
    status: str
    status_label: str
    failure_reason: str
    paid_on: datetime.date | None

    @staticmethod
    def resolve_group_label(obj: AidGrant) -> str:
        return label(RecipientGroup, obj.group)

    @staticmethod
    def resolve_status_label(obj: AidGrant) -> str:
        return label(GrantStatus, obj.status)


class GrantHistoryOut(GrantOut):
    """A grant in someone's history, with the names of what it came from."""

    programme_name: str
    campaign_name: str
    union_name: str

    @staticmethod
    def resolve_programme_name(obj: AidGrant) -> str:
        return obj.programme.name

    @staticmethod
    def resolve_campaign_name(obj: AidGrant) -> str:
        return obj.campaign.name

    @staticmethod
    def resolve_union_name(obj: AidGrant) -> str:
        return obj.union.name


class CountsOut(Schema):
    people: int = Field(description="人")
    times: int = Field(description="人次")
    households: int = Field(description="户")
    events: int = Field(description="场次（发放批次）")
    cash: Decimal
    goods: Decimal
    amount: Decimal
    amount_wan: Decimal = Field(description="万元")


class ProgrammeFiguresOut(Schema):
    key: str
    label: str
    counts: CountsOut
    members: CountsOut | None
    non_members: CountsOut | None
    budget: Decimal
    committed: Decimal
    paid: Decimal
    budget_used_rate: Decimal | None


class AidFiguresOut(Schema):
    start: datetime.date
    end: datetime.date
    programmes: list[ProgrammeFiguresOut]
    total: CountsOut
