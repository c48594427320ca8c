"""The partner verification answer: whether someone is a member, and of which union level. Nothing else."""

from typing import Annotated, Literal

from ninja import Field, Schema

from gonghui.api.common.schemas import PRINTABLE, Input
from gonghui.core.idnumbers import IdType

UnionLevel = Literal["national", "province", "city", "county", "township", "grassroots", "branch", "group"]


class CardTokenIn(Input):
    token: Annotated[str, Field(min_length=1, max_length=200, pattern=PRINTABLE,
                                description="会员卡二维码中的签名令牌（有时效）")]


class IdentityIn(Input):
    id_type: IdType = IdType.RESIDENT
    id_number: Annotated[str, Field(min_length=1, max_length=40, pattern=PRINTABLE)]


class VerifyOut(Schema):
    member: bool = Field(description="是否为在册会员（正常或保留会籍）")
    union_level: UnionLevel | None = Field(description="所在工会的层级；非会员时为 null")


class VoucherRedeemIn(Input):
    code: Annotated[str, Field(min_length=1, max_length=20, pattern=PRINTABLE, description="会员出示的券码")]
    card_token: Annotated[str, Field(min_length=1, max_length=200, pattern=PRINTABLE,
                                     description="会员卡二维码中的签名令牌，须与券的持有人一致")]


class VoucherRedeemOut(Schema):
    code: str = Field(description="已核销的券码（脱敏）")
    offer_title: str
    offer_kind: Literal["discount", "voucher", "free"]
    redeemed_at: str
