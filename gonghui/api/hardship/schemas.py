"""What the hardship registry endpoints take and give.

Identity numbers and phones only ever leave masked, health notes not at all, and each household
member's income only to a cadre who may reveal the household's data over the file's union: the one
way to the full values is POST /hardship/files/{id}/reveal, which the service writes to the access
log. Household rows are taken as people type them and judged by the registry's services, which
name the row and field of every mistake (household.2.id_number) in both languages.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import AwareDatetime

from gonghui.api.common.schemas import (
    PRINTABLE,
    Day,
    Id,
    Omit,
    SearchText,
    StrictInput,
    Text20,
    Text50,
    Text100,
    Text200,
    Text500,
    UnionRef,
    VersionedStepIn,
    label,
    unset,
)
from gonghui.assistance.choices import Cause, ExitReason, HardshipClass, RecheckResult, Status
from gonghui.assistance.models import AssessmentRule, HardshipFile
from gonghui.core.idnumbers import IdType

# Dates and moments a person could mean; beyond them the arithmetic of the services (a watch that
# ends a year later, a period's last day) would leave the calendar.
Moment = Annotated[AwareDatetime, Field(ge=datetime.datetime(1900, 1, 2, tzinfo=datetime.UTC),
                                        le=datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC),
                                        description="带时区的时间，如 2026-01-05T10:00:00+08:00")]
# 元, to the fen. Sent as a JSON number or a string ("1200.50"); the services check it again.
Money = Annotated[Decimal, Field(ge=0, le=Decimal("9999999999"), max_digits=14, decimal_places=2)]
Required500 = Annotated[str, Field(min_length=1, max_length=500, pattern=PRINTABLE)]
Typed = Annotated[str, Field(max_length=40, pattern=PRINTABLE)]
AdCodeOrBlank = Annotated[str, Field(pattern=r"^([0-9]{6})?$", description="GB/T 2260 行政区划代码；空则取工会所在地")]
StatusFilter = Literal["surveyed", "applied", "reviewed", "approved", "filed", "aided", "watched", "closed",
                       "relapsed", "rejected", "withdrawn", "open"]


def bilingual(message: Any) -> dict[str, str]:
    from django.utils import translation

    with translation.override("zh-hans"):
        zh = str(message)
    with translation.override("en"):
        en = str(message)
    return {"zh": zh, "en": en}


# ---- input ----------------------------------------------------------------------------------------

class HardshipNoteIn(VersionedStepIn):
    note: Text500 = ""


class HardshipReasonIn(VersionedStepIn):
    reason: Required500


class WorkerIn(StrictInput):
    """The worker, when not linked to a member of the registry (a member's own details are used)."""

    name: Text50 = ""
    id_type: IdType = IdType.RESIDENT
    id_number: Annotated[str, Field(max_length=40, pattern=PRINTABLE,
                                    description="证件号码（居民身份证可含小写 x、空格或全角数字）")] = ""
    phone: Typed = ""
    employer_name: Text100 = ""
    address: Text200 = ""


class HouseholdMemberIn(StrictInput):
    relation: Typed = Field(description="与职工关系：self 本人、spouse 配偶、child 子女、parent 父母、"
                                        "parent_in_law 岳父母/公婆、grandchild 孙子女、sibling 兄弟姐妹、other 其他")
    name: Text50 = ""
    id_type: IdType = IdType.RESIDENT
    id_number: Typed = Field("", description="尚未办理证件的（如新生儿）可空")
    annual_income: Money = Field(Decimal(0), description="年收入（元）")
    health_notes: Text500 = Field("", description="健康或残疾情况：须先登记本人对敏感个人信息的单独同意")


class ConsentIn(StrictInput):
    signer: Text50 = Field(description="同意人")
    text_version: Text20 = Field(description="同意书版本")
    at: Moment | Omit = unset()


Household = Annotated[list[HouseholdMemberIn], Field(max_length=50, description="家庭成员，本人在内，最多20人")]
Causes = Annotated[list[Cause], Field(max_length=len(Cause.values))]


class SurveyIn(StrictInput):
    union_id: Id = Field(description="建档工会（须有困难职工档案编辑权限）")
    member_id: Id | Omit = Field(None, description="会员库中的会员；填写时职工信息取自会员库")  # type: ignore[assignment]
    worker: WorkerIn = WorkerIn()
    household: Household = []
    causes: Causes = []
    rigid_expenses: Money = Field(Decimal(0), description="刚性支出（元/年）：医疗、教育等")
    adcode: AdCodeOrBlank = ""
    survey_note: Text500 = ""
    consent: ConsentIn | Omit = unset()


class HouseholdSetIn(VersionedStepIn):
    household: Household
    causes: Causes
    rigid_expenses: Money = Decimal(0)
    adcode: AdCodeOrBlank | Omit = unset()
    note: Text500 = ""


class CausesIn(VersionedStepIn):
    causes: Causes


class ConsentRecordIn(VersionedStepIn):
    signer: Text50
    text_version: Text20
    at: Moment | Omit = unset()


class RecheckIn(HardshipNoteIn):
    result: RecheckResult = Field(description="continue 维持帮扶、reclassify 调整困难类别、exit 建议解困脱困、"
                                              "no_relapse 监测：未返困（已解困脱困的档案）")


class ExitIn(HardshipNoteIn):
    reason: ExitReason = Field(description="解困脱困原因；other 时须填写说明")


class RelapseIn(VersionedStepIn):
    note: Required500
    causes: Causes | Omit = unset()


class HardshipRevealIn(StrictInput):
    field: Literal["worker_id_number", "worker_phone", "id_number", "health_notes"] = Field(
        description="worker_id_number、worker_phone 为职工本人；id_number、health_notes 须同时给出 household_member_id")
    household_member_id: Id | Omit = unset()
    reason: Annotated[str, Field(min_length=1, max_length=200, pattern=PRINTABLE)]


class FileFilters(Schema):
    status: StatusFilter | Omit = Field(None, description="open 为所有在办档案（含监测中）")  # type: ignore[assignment]
    hardship_class: HardshipClass | Omit = unset()
    cause: Cause | Omit = unset()
    due_recheck: bool = Field(False, description="只列回头看已到期的档案")
    union: Id | Omit = Field(None, description="只列该工会及其下级工会的档案")  # type: ignore[assignment]
    q: SearchText | Omit = Field(None, description="姓名、档案编号、完整证件号码或手机号")  # type: ignore[assignment]


class RuleIn(StrictInput):
    adcode: Annotated[str, Field(pattern=r"^[0-9]{6}$", description="适用地区的行政区划代码（市或省）")]
    area_name: Annotated[str, Field(min_length=1, max_length=60, pattern=PRINTABLE)]
    min_living_monthly: Annotated[Decimal, Field(gt=0, le=Decimal("99999"), max_digits=8, decimal_places=2,
                                                 description="城市居民最低生活保障标准（元/人·月）")]
    deep_factor: Annotated[Decimal, Field(gt=0, le=10, max_digits=4, decimal_places=2)]
    relative_factor: Annotated[Decimal, Field(gt=0, le=10, max_digits=4, decimal_places=2)]
    accident_factor: Annotated[Decimal, Field(gt=0, le=10, max_digits=4, decimal_places=2)]
    effective_from: Day
    effective_to: Day | Omit = unset()
    source: Annotated[str, Field(min_length=1, max_length=200, pattern=PRINTABLE, description="依据（文件名称和文号）")]


class AssessmentIn(StrictInput):
    adcode: Annotated[str, Field(pattern=r"^[0-9]{6}$")]
    incomes: Annotated[list[Money], Field(max_length=20, description="每位家庭成员的年收入（元）")]
    causes: Causes
    rigid_expenses: Money = Decimal(0)
    on: Day | Omit = Field(None, description="按该日有效的标准测算；缺省为今天")  # type: ignore[assignment]


class RuleFilters(Schema):
    adcode: Annotated[str, Field(pattern=r"^[0-9]{6}$")] | Omit = unset()


class DueFilters(Schema):
    within_days: Annotated[int, Field(ge=0, le=366)] = Field(0, description="今天起若干天内到期的也列出")


class HardshipFiguresFilters(Schema):
    union: Id | Omit = unset()
    start: Day = Field(description="含当日")
    end: Day = Field(description="含当日")


# ---- output ---------------------------------------------------------------------------------------

class RuleOut(Schema):
    id: int
    adcode: str
    area_name: str
    version: int
    min_living_monthly: Decimal
    deep_factor: Decimal
    relative_factor: Decimal
    accident_factor: Decimal
    effective_from: datetime.date
    effective_to: datetime.date | None
    source: str
    approved_by: str

    @staticmethod
    def resolve_approved_by(obj: AssessmentRule) -> str:
        return obj.approved_by_label


class RuleRef(Schema):
    id: int
    area_name: str
    version: int


class Reason(Schema):
    zh: str
    en: str


class FileFields(Schema):
    id: int
    number: str
    status: str
    status_label: str
    worker_name: str
    worker_id_masked: str
    worker_phone_masked: str
    union: UnionRef
    hardship_class: str
    hardship_class_label: str
    suggested_class: str
    causes: list[str]
    household_size: int
    income_per_head: Decimal
    next_recheck_on: datetime.date | None
    recheck_overdue: bool
    is_relapse: bool
    surveyed_at: datetime.datetime
    filed_at: datetime.datetime | None
    version: int


class FileListOut(FileFields):
    @staticmethod
    def resolve_status_label(obj: HardshipFile) -> str:
        return label(Status, obj.status)

    @staticmethod
    def resolve_hardship_class_label(obj: HardshipFile) -> str:
        return label(HardshipClass, obj.hardship_class)

    @staticmethod
    def resolve_causes(obj: HardshipFile) -> list[str]:
        # Prefetched by the list selector; the detail passes its own.
        return [c.cause for c in obj.causes.all()]


class HouseholdMemberOut(Schema):
    id: int
    relation: str
    relation_label: str
    name: str
    id_type: str
    id_masked: str
    annual_income: Decimal | None = Field(description="无查看完整信息权限时为 null")
    has_health_notes: bool


class ConsentOut(Schema):
    signer: str
    text_version: str
    at: datetime.datetime


class HardshipEventOut(Schema):
    action: str
    action_label: str
    old_status: str
    new_status: str
    actor: str
    note: str
    at: datetime.datetime


class DocumentOut(Schema):
    id: int
    kind: str
    kind_label: str
    name: str
    content_type: str
    size: int
    sha256: str
    uploaded_by: str
    at: datetime.datetime


class RecheckOut(Schema):
    due_on: datetime.date | None
    done_at: datetime.datetime
    on_time: bool
    result: str
    result_label: str
    income_per_head: Decimal
    suggested_class: str
    note: str
    actor: str


class ChainOut(Schema):
    """Another file of the same worker; one held outside the caller's view shows only its status and date."""

    id: int | None
    number: str
    status: str
    status_label: str
    union: UnionRef | None = Field(description="不在您查看范围内的工会为 null")
    surveyed_at: datetime.datetime
    is_relapse: bool


class FileOut(FileFields):
    member_id: int | None
    employer_name: str
    address: str
    adcode: str
    survey_note: str
    household_income: Decimal | None = Field(description="无查看完整信息权限时为 null")
    rigid_expenses: Decimal
    suggested_class_label: str
    suggested_rule: RuleRef | None
    assessment_reasons: list[Reason]
    rule: RuleRef | None
    consent: ConsentOut | None
    applied_at: datetime.datetime | None
    reviewed_at: datetime.datetime | None
    approved_at: datetime.datetime | None
    aided_at: datetime.datetime | None
    last_recheck_at: datetime.datetime | None
    exited_at: datetime.datetime | None
    exit_reason: str
    exit_note: str
    watch_until: datetime.date | None
    closed_at: datetime.datetime | None
    reject_reason: str
    previous_file_id: int | None
    incomes_shown: bool = Field(description="是否显示了收入（须有查看完整信息权限）")
    actions: list[str] = Field(description="您现在可以对本档案执行的操作（与同名端点对应；edit 为 /household 和 "
                                           "/causes，consent 为 /consent，attach 为 /documents，file_open 为 /open）")
    household: list[HouseholdMemberOut]
    events: list[HardshipEventOut]
    documents: list[DocumentOut]
    rechecks: list[RecheckOut]
    chain: list[ChainOut] = Field(description="同一职工的历次档案（返困、重新摸底），由早到晚")


class HardshipRevealOut(Schema):
    field: str
    value: str


class AssessmentOut(Schema):
    hardship_class: str | None
    hardship_class_label: str
    eligible: bool
    income_per_head: Decimal
    line: Decimal
    reasons: list[Reason]
    rule: RuleRef | None


class HardshipFiguresOut(Schema):
    in_file: int
    in_file_by_class: dict[str, int]
    in_file_by_cause: dict[str, int]
    new_files: int
    new_files_by_class: dict[str, int]
    exits: int
    returns: int
    rechecks_done: int
    rechecks_on_time: int
    rechecks_overdue_now: int
    recheck_on_time_rate: float | None
