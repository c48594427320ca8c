"""The statuses and kinds of 会员普惠: a merchant's agreement, an offer's life, a voucher's life."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MerchantStatus(models.TextChoices):
    ACTIVE = "active", _("合作中")
    SUSPENDED = "suspended", _("已暂停")


class OfferKind(models.TextChoices):
    DISCOUNT = "discount", _("折扣")
    VOUCHER = "voucher", _("代金券")
    FREE = "free", _("免费服务")


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已下架")


class VoucherStatus(models.TextChoices):
    UNUSED = "unused", _("未使用")
    REDEEMED = "redeemed", _("已核销")
    EXPIRED = "expired", _("已过期")
    VOID = "void", _("已作废")


class VoucherChannel(models.TextChoices):
    CLAIM = "claim", _("会员领取")
    ISSUE = "issue", _("工会发放")
