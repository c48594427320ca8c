"""What the 会员普惠 endpoints take and give. The benefits services check every value again and name
the field they refuse. Every component is named Benefit…, so none overwrites another domain's."""

from typing import Annotated

from ninja import Field, Schema

from gonghui.api.common.schemas import (
    PRINTABLE,
    AdCode,
    CreditCode,
    Day,
    Id,
    Name,
    StrictInput,
    Text30,
    Text50,
    Text200,
    Version,
    named_choices,
)
from gonghui.benefits.choices import MerchantStatus, OfferKind, OfferStatus, VoucherStatus

BenefitMerchantStatus = Annotated[MerchantStatus, named_choices(MerchantStatus, "BenefitMerchantStatus")]
BenefitOfferKind = Annotated[OfferKind, named_choices(OfferKind, "BenefitOfferKind")]
BenefitOfferStatus = Annotated[OfferStatus, named_choices(OfferStatus, "BenefitOfferStatus")]
BenefitVoucherStatus = Annotated[VoucherStatus, named_choices(VoucherStatus, "BenefitVoucherStatus")]
Reason = Annotated[str, Field(min_length=1, max_length=200, pattern=PRINTABLE)]
Title = Annotated[str, Field(min_length=1, max_length=100, pattern=PRINTABLE)]
Terms = Annotated[str, Field(max_length=2000, pattern=PRINTABLE)]
CardNumber = Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[0-9 ]+$")]


class BenefitRef(Schema):
    id: int
    name: str


class BenefitMerchantIn(StrictInput):
    union_id: Id
    name: Name
    credit_code: CreditCode
    region: AdCode
    address: Text200 = ""
    contact_name: Text50 = ""
    contact_phone: Text30 = ""
    agreement_from: Day
    agreement_to: Day


class BenefitMerchantEditIn(StrictInput):
    name: Name
    credit_code: CreditCode
    region: AdCode
    address: Text200 = ""
    contact_name: Text50 = ""
    contact_phone: Text30 = ""
    agreement_from: Day
    agreement_to: Day
    version: Version


class BenefitMerchantOut(Schema):
    id: int
    name: str
    credit_code: str
    union: BenefitRef
    region: str
    address: str
    contact_name: str
    contact_phone: str
    status: BenefitMerchantStatus
    agreement_from: Day
    agreement_to: Day
    partner_key_prefix: str | None
    version: int


class BenefitMerchantFilters(Schema):
    status: BenefitMerchantStatus | None = None
    ending: bool = False


class BenefitReasonIn(StrictInput):
    reason: Reason


class BenefitPartnerIn(StrictInput):
    partner_id: Id | None = Field(None, description="合作方密钥的编号；null 解除绑定")


class BenefitOfferIn(StrictInput):
    merchant_id: Id
    union_id: Id = Field(description="适用范围：该工会及其下级工会的会员可用")
    kind: BenefitOfferKind
    title: Title
    terms: Terms = ""
    valid_from: Day
    valid_to: Day
    per_person_limit: Annotated[int, Field(ge=1, le=100)] = 1
    quantity: Annotated[int, Field(ge=1, le=10_000_000)] | None = Field(None, description="发放总量；null 不限")


class BenefitOfferEditIn(BenefitOfferIn):
    version: Version


class BenefitOfferOut(Schema):
    id: int
    merchant: BenefitRef
    union: BenefitRef
    kind: BenefitOfferKind
    title: str
    terms: str
    valid_from: Day
    valid_to: Day
    per_person_limit: int
    quantity: int | None
    issued: int | None = Field(description="已发放张数；上级工会发布的优惠不给出（由发布单位掌握）")
    status: BenefitOfferStatus
    version: int
    from_above: bool = Field(description="上级工会发布、对本级会员开放的优惠：只读，不能修改、发布、下架或发券")


class BenefitOfferFilters(Schema):
    status: BenefitOfferStatus | None = None
    merchant_id: Id | None = None
    ending: bool = False


class BenefitIssueIn(StrictInput):
    union_id: Id | None = Field(None, description="向该工会及下级工会的全部在册会员各发一张")
    card_numbers: list[CardNumber] = Field([], max_length=5000, description="或向这些会员卡号的持有人各发一张")


class BenefitRefusalOut(Schema):
    who: str
    reason: str


class BenefitIssueOut(Schema):
    issued: int
    refused: list[BenefitRefusalOut]


class BenefitVoucherOut(Schema):
    id: int
    code: str = Field(description="券码（脱敏）")
    offer: BenefitRef
    member: str = Field(description="持券人（脱敏姓名）")
    status: BenefitVoucherStatus
    issued_at: str
    expires_at: str
    redeemed_at: str | None


class BenefitVoucherFilters(Schema):
    offer_id: Id | None = None
    status: BenefitVoucherStatus | None = None


class BenefitFigureOut(Schema):
    offer: BenefitRef
    merchant: str
    issued: int
    redeemed: int
    rate: float | None = Field(description="核销率（%）")


class BenefitFiguresOut(Schema):
    issued: int
    redeemed: int
    rate: float | None
    offers: list[BenefitFigureOut]


class BenefitFigureFilters(Schema):
    start: Day
    end: Day
    union_id: Id | None = None
