"""What the disbursement batch endpoints take and give: a batch and its steps, the workers added to it,
the rows reviewed, the duplicates set aside, the bank's result. Identity numbers, phones and bank
accounts only ever leave masked; money is 元 to the fen."""

import datetime
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema

from gonghui.aid.choices import BatchStatus, GrantStatus, RecipientGroup
from gonghui.aid.models import AidBatch
from gonghui.api.aid.schemas import Amount, Reason, Ref, Typed
from gonghui.api.common.schemas import (
    PRINTABLE,
    Day,
    ErrorOut,
    FieldErrorOut,
    Id,
    Omit,
    Patch,
    StrictInput,
    Text50,
    Text100,
    UnionRef,
    VersionedStepIn,
    label,
    unset,
    yuan,
)
from gonghui.core.idnumbers import IdType

# ---- input ----------------------------------------------------------------------------------------

class BatchFilters(Schema):
    status: BatchStatus | Omit = unset()
    campaign: Id | Omit = unset()


class BatchIn(StrictInput):
    campaign_id: Id
    union_id: Id = Field(description="发放工会：项目主办工会或其下级工会")
    title: Text100 = ""
    granted_on: Day | Omit = Field(None, description="发放日期；缺省为今天")  # type: ignore[assignment]


class RecipientIn(StrictInput):
    """A worker typed in by a cadre: 户外劳动者, 新就业形态劳动者 … (members or not; each grant is 1 人次)."""

    name: Text50
    id_type: IdType = IdType.RESIDENT
    id_number: Typed = ""
    phone: Typed = ""
    group: RecipientGroup = RecipientGroup.OTHER
    is_member: bool = False
    cash: Amount | Omit = Field(None, description="缺省为项目标准金额")  # type: ignore[assignment]
    goods_value: Amount | Omit = Field(None, description="缺省为项目标准物资折价")  # type: ignore[assignment]
    goods: Text100 = ""
    payee_name: Text50 = ""
    payee_account: Typed = ""
    student_name: Text50 = ""
    school: Text100 = ""
    grade: Annotated[str, Field(max_length=30, pattern=PRINTABLE)] = ""


class RecipientsIn(StrictInput):
    recipients: Annotated[list[RecipientIn], Field(min_length=1, max_length=5000)]


class FilesIn(StrictInput):
    file_ids: Annotated[list[Id], Field(min_length=1, max_length=200, description="困难职工档案（最多200户）")]


class RemoveIn(StrictInput):
    grant_ids: Annotated[list[Id], Field(min_length=1, max_length=10000)]
    reason: Annotated[str, Field(max_length=200, pattern=PRINTABLE)] = ""


class GrantAdjustIn(Patch):
    cash: Amount | Omit = unset()
    goods_value: Amount | Omit = unset()
    goods: Text100 | Omit = unset()
    payee_name: Text50 | Omit = unset()
    payee_account: Typed | Omit = unset()
    student_name: Text50 | Omit = unset()
    school: Text100 | Omit = unset()
    grade: Annotated[str, Field(max_length=30, pattern=PRINTABLE)] | Omit = unset()


class BatchReasonIn(VersionedStepIn):
    reason: Reason


class GrantFilters(Schema):
    status: GrantStatus | Omit = unset()


# ---- output ---------------------------------------------------------------------------------------

class BatchFields(Schema):
    id: int
    title: str
    status: str
    status_label: str
    programme: Ref
    campaign: Ref
    union: UnionRef
    granted_on: datetime.date
    prepared_by_id: int | None = Field(description="经办人")
    approved_by_id: int | None = Field(description="审批人")
    submitted_at: datetime.datetime | None
    approved_at: datetime.datetime | None
    paid_at: datetime.datetime | None
    cancelled_at: datetime.datetime | None
    cancel_reason: str
    committed: Decimal
    version: int


class BatchOut(BatchFields):
    rows: int = Field(description="发放对象（人次），不含已取消的")
    total: Decimal = Field(description="现金与物资折价合计（元），不含已取消的")

    @staticmethod
    def resolve_status_label(obj: AidBatch) -> str:
        return label(BatchStatus, obj.status)

    @staticmethod
    def resolve_programme(obj: AidBatch) -> dict[str, Any]:
        return {"id": obj.programme.pk, "name": obj.programme.name}

    @staticmethod
    def resolve_campaign(obj: AidBatch) -> dict[str, Any]:
        return {"id": obj.campaign.pk, "name": obj.campaign.name}

    @staticmethod
    def resolve_total(obj: AidBatch) -> Decimal:
        return yuan(getattr(obj, "total", None))


class StatusTotal(Schema):
    rows: int
    amount: Decimal


class TotalsOut(Schema):
    rows: int
    cash: Decimal
    goods: Decimal
    amount: Decimal
    members: int = Field(description="会员人次")
    non_members: int = Field(description="非会员人次")
    by_status: dict[str, StatusTotal]


class BatchEventOut(Schema):
    action: str
    old_status: str
    new_status: str
    actor: str
    note: str
    detail: dict[str, Any]
    at: datetime.datetime


class BatchDetailOut(BatchFields):
    prepared_by: str
    approved_by: str
    totals: TotalsOut
    events: list[BatchEventOut]
    actions: list[str] = Field(description="您现在可以对本批次执行的操作（select 为 /select、/files、/recipients、"
                                           "/grants；review 为 /remove 和调整记录；bank_result 为 /bank-export 和 "
                                           "/bank-result；mark_paid 为 /mark-paid）")


class EarlierOut(Schema):
    """The earlier grant of a refused recipient, as far as the caller may see it."""

    other_union: bool = Field(description="true：由您查看范围以外的工会发放，只说明本周期已领取，不显示工会和日期")
    grant: int | None
    union: str | None
    batch: int | None
    batch_title: str
    date: str


class SetAsideOut(Schema):
    name: str
    reason: str = Field(description="already_aided 本周期已领取，listed_twice 名单内重复，not_member 项目仅限会员")
    earlier: EarlierOut | None


class SelectionOut(Schema):
    added: int
    set_aside: list[SetAsideOut]


class RemovedOut(Schema):
    removed: int


class BankResultOut(Schema):
    paid: int
    failed: int
    status: str


class DuplicateErrorOut(ErrorOut):
    """409: besides the usual shape, `earlier` names the grant that already holds the place."""

    earlier: list[EarlierOut | None] | None = None


class RowErrorOut(Schema):
    row: int | None = None
    code: str | None = None
    field: str | None = None
    message: str
    message_zh: str
    message_en: str


class FileErrorOut(FieldErrorOut):
    """400 for an uploaded file: `errors` names each wrong row (`row`) or field, nothing applied."""

    errors: list[RowErrorOut] | None = None
