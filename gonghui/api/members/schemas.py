"""What the member endpoints take and give. Identity numbers and phones only ever leave masked;
the one exception is POST /members/{id}/reveal, which the service logs."""

import datetime
from typing import Annotated, Any, ClassVar, Literal

from ninja import Field, Schema

from gonghui.api.common.schemas import (
    PRINTABLE,
    ErrorOut,
    Id,
    Input,
    Name,
    Omit,
    Patch,
    SearchText,
    Text30,
    Text50,
    Text200,
    UnionRef,
    Version,
    unset,
)
from gonghui.core.idnumbers import IdType
from gonghui.members.choices import (
    Education,
    EmploymentForm,
    Gender,
    Household,
    JoinChannel,
    MembershipStatus,
    NewFormGroup,
    PoliticalStatus,
    RetainReason,
    SkillLevel,
)
from gonghui.members.models import Member, MemberCard, Membership, Transfer
from gonghui.members.selectors import MemberHistory

# Typed as people type them (spaces, a lowercase x, full-width digits); members.cleaning judges.
IdNumber = Annotated[str, Field(min_length=1, max_length=40, pattern=PRINTABLE, description="证件号码")]
Ethnicity = Annotated[str, Field(pattern=r"^[0-9]{2}$", description="GB/T 3304 民族代码，01 为汉族")]
Note = Annotated[str, Field(min_length=1, max_length=200, pattern=PRINTABLE)]
# Channels a union records itself; 接转 only ever arrives through a transfer.
AdmitChannel = Literal["console", "stall", "online", "qr", "roster"]
StatusFilter = Literal["live", "all", "active", "retained", "left", "transferred", "deceased"]


def label(enum: Any, value: str) -> str:
    return str(enum(value).label) if value else ""


class EmployerRef(Schema):
    id: int
    name: str


class MemberRef(Schema):
    id: int
    name: str
    id_number_masked: str

    @staticmethod
    def resolve_id_number_masked(obj: Member) -> str:
        return obj.id_masked


class MemberListFields(Schema):
    id: int
    name: str
    gender: str
    gender_label: str
    id_type: str
    id_number_masked: str
    phone_masked: str
    union: UnionRef | None
    status: str
    status_label: str
    employment_form: str
    employment_form_label: str
    new_form_group: str
    new_form_group_label: str
    migrant: bool
    version: int


class MemberOut(MemberListFields):
    @staticmethod
    def resolve_gender_label(obj: Member) -> str:
        return label(Gender, obj.gender)

    @staticmethod
    def resolve_id_number_masked(obj: Member) -> str:
        return obj.id_masked

    @staticmethod
    def resolve_status_label(obj: Member) -> str:
        return label(MembershipStatus, obj.status)

    @staticmethod
    def resolve_employment_form_label(obj: Member) -> str:
        return label(EmploymentForm, obj.employment_form)

    @staticmethod
    def resolve_new_form_group_label(obj: Member) -> str:
        return label(NewFormGroup, obj.new_form_group)

    @staticmethod
    def resolve_migrant(obj: Member) -> bool:
        return obj.is_migrant


class MembershipOut(Schema):
    id: int
    union: UnionRef
    status: str
    status_label: str
    join_date: datetime.date
    channel: str
    channel_label: str
    retain_reason: str
    ended_on: datetime.date | None
    end_note: str

    @staticmethod
    def resolve_status_label(obj: Membership) -> str:
        return label(MembershipStatus, obj.status)

    @staticmethod
    def resolve_channel_label(obj: Membership) -> str:
        return label(JoinChannel, obj.channel)


class CardOut(Schema):
    number: str
    issued_on: datetime.date
    status: str
    status_label: str

    @staticmethod
    def resolve_status_label(obj: MemberCard) -> str:
        return str(obj.get_status_display())


class TransferOut(Schema):
    id: int
    member: MemberRef | None = Field(description="本人确认前为 null：接收工会看不到此人是谁")
    from_union: UnionRef | None = Field(description="本人确认前为 null：接收工会看不到此人现在的工会")
    to_union: UnionRef
    origin: str
    origin_label: str
    status: str
    status_label: str = Field(description="awaiting（待本人确认：已向此人会籍记录上的手机号发送确认短信）、"
                                          "requested、released、accepted、refused、cancelled、declined、lapsed")
    worker_agreed: bool
    reason: str
    note: str
    confirm_due_at: datetime.datetime | None
    release_due_at: datetime.datetime | None
    released_at: datetime.datetime | None
    released_automatically: bool
    decided_at: datetime.datetime | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_member(obj: Transfer) -> Member | None:
        return obj.member if obj.worker_agreed else None

    @staticmethod
    def resolve_from_union(obj: Transfer) -> Any:
        return obj.from_union if obj.worker_agreed else None

    @staticmethod
    def resolve_origin_label(obj: Transfer) -> str:
        return str(obj.get_origin_display())

    @staticmethod
    def resolve_status_label(obj: Transfer) -> str:
        return str(obj.get_status_display())


class MemberDetailOut(MemberListFields):
    ethnicity: str
    ethnicity_label: str
    birth_month: str | None = Field(description="出生年月 YYYY-MM（完整日期不显示）")
    education: str
    political_status: str
    household: str
    job: str
    skill_level: str
    honours: str
    employer: EmployerRef | None
    memberships: list[MembershipOut]
    cards: list[CardOut]
    transfers: list[TransferOut]

    @classmethod
    def of(cls, member: Member, history: MemberHistory) -> dict[str, Any]:
        return {
            **MemberOut.from_orm(member).model_dump(),
            "ethnicity": member.ethnicity, "ethnicity_label": str(member.get_ethnicity_display()),
            "birth_month": member.birth_date.strftime("%Y-%m") if member.birth_date else None,
            "education": member.education, "political_status": member.political_status,
            "household": member.household, "job": member.job, "skill_level": member.skill_level,
            "honours": member.honours, "employer": member.employer,
            "memberships": history.memberships, "cards": history.cards, "transfers": history.transfers,
        }


class MemberFilters(Schema):
    q: SearchText = Field("", description="姓名、拼音首字母、完整手机号、证件号码或会员卡号")
    union: Id | None = Field(None, description="只看该工会及其下级")
    status: StatusFilter = Field("live", description="live：在册（正常及保留会籍）；all：全部")
    employment_form: EmploymentForm | None = None
    new_form_group: NewFormGroup | None = None
    migrant: bool | None = Field(None, description="true：农民工（农村户籍）；false：非农民工")

    def selector_kwargs(self) -> dict[str, Any]:
        return {"query": self.q, "status": "" if self.status == "all" else self.status,
                "employment_form": self.employment_form or "", "new_form_group": self.new_form_group or "",
                "migrant": self.migrant}


class ExportOptions(Schema):
    full: bool = Field(False, description="true：导出完整证件号码和手机号码（须有查看完整信息的权限）")
    reason: Text200 = Field("", description="full=true 时必填：导出完整号码的理由，记入每位会员的查看记录")


class MemberFields(Input):
    name: Name
    id_type: IdType = IdType.RESIDENT
    id_number: IdNumber
    gender: Gender | None = Field(None, description="居民身份证可不填，按证件号码识别")
    ethnicity: Ethnicity = "01"
    phone: Text30 = ""
    education: Education | None = None
    political_status: PoliticalStatus | None = None
    household: Household | None = Field(None, description="rural（农村户籍）即农民工")
    employment_form: EmploymentForm = EmploymentForm.REGULAR
    new_form_group: NewFormGroup | None = None
    job: Text50 = ""
    skill_level: SkillLevel | None = None
    honours: Text200 = ""


class MemberCreateIn(MemberFields):
    union_id: Id
    channel: AdmitChannel = "console"
    join_date: datetime.date | None = Field(None, description="默认今天")


class MemberUpdateIn(Patch):
    """The identity document cannot change: a wrong one is another person."""

    nullable: ClassVar[frozenset[str]] = frozenset({"gender", "education", "political_status", "household",
                                                     "new_form_group", "skill_level"})

    version: Version
    name: Name | Omit = unset()
    gender: Gender | None = unset()
    ethnicity: Ethnicity | Omit = unset()
    phone: Text30 | Omit = unset()
    education: Education | None = unset()
    political_status: PoliticalStatus | None = unset()
    household: Household | None = unset()
    employment_form: EmploymentForm | Omit = unset()
    new_form_group: NewFormGroup | None = unset()
    job: Text50 | Omit = unset()
    skill_level: SkillLevel | None = unset()
    honours: Text200 | Omit = unset()


class AdmitErrorOut(ErrorOut):
    hint: str | None = Field(None, description="code 为 already_member 且此人是其他工会会员时为 transfer_request："
                                               "可用 POST /member-transfers 按证件号码申请会籍接转")


class OnDateIn(Input):
    on: datetime.date | None = Field(None, description="生效日期，默认今天")


class LeaveIn(OnDateIn):
    note: Note


class RetainIn(OnDateIn):
    reason: RetainReason


class ReinstateIn(OnDateIn):
    union_id: Id | None = Field(None, description="已退会者重新入会的工会，默认原工会")


class RevealIn(Input):
    field: Literal["id_number", "phone"]
    reason: Note


class RevealOut(Schema):
    field: str
    value: str


class ApplicationOut(Schema):
    id: int
    union: UnionRef
    channel: str
    channel_label: str
    name: str
    id_type: str
    id_number_masked: str
    phone_masked: str
    status: str
    status_label: str
    reason: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_channel_label(obj: Any) -> str:
        return label(JoinChannel, obj.channel)

    @staticmethod
    def resolve_id_number_masked(obj: Any) -> str:
        return str(obj.id_masked)

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return str(obj.get_status_display())


class ApproveIn(Input):
    join_date: datetime.date | None = Field(None, description="默认今天")


class ApprovalOut(Schema):
    outcome: Literal["admitted", "transfer"] = Field(description="transfer：申请人已是其他工会会员，已转为会籍接转")
    member_id: int
    transfer_id: int | None


class RejectIn(Input):
    reason: Note


class TransferFilters(Schema):
    box: Literal["in", "out"] = Field("in", description="in：待本方接收；out：待本方转出")


class TransferCreateIn(Input):
    to_union_id: Id
    id_type: IdType = IdType.RESIDENT
    id_number: IdNumber
    reason: Text200 = ""


class TransferConfirmIn(Input):
    code: str = Field(max_length=10, description="此人会籍记录上的手机号收到的6位验证码，由本人告知经办人")


class TransferNoteIn(Input):
    note: Text200 = ""


class TransferRefuseIn(Input):
    note: Note


class TransferAcceptIn(OnDateIn):
    pass
