"""会员普惠: partner merchants signed by a union, their offers for the members of a subtree, and the
vouchers issued to members and redeemed by the merchant through the partner verification API.

Every table carries the org path it is scoped by: a merchant its owning union's, an offer the path
of the subtree whose members may use it, a voucher its member's union at issue.
"""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.benefits.choices import MerchantStatus, OfferKind, OfferStatus, VoucherChannel, VoucherStatus
from gonghui.members.models import Member, Partner
from gonghui.orgs.models import PREFIX_OPS, Region, TradeUnion
from gonghui.orgs.scope import ScopedQuerySet


class MerchantQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class Merchant(models.Model):
    name = models.CharField(_("商户名称"), max_length=100)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    region = models.ForeignKey(Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="+")
    address = models.CharField(_("地址"), max_length=200, blank=True)
    union = models.ForeignKey(TradeUnion, verbose_name=_("签约工会"), on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, editable=False)
    status = models.CharField(_("状态"), max_length=10, choices=MerchantStatus.choices, default=MerchantStatus.ACTIVE)
    agreement_from = models.DateField(_("协议开始日期"))
    agreement_to = models.DateField(_("协议截止日期"))
    # The merchant redeems vouchers with this partner key (docs/decisions.md: one key, one merchant).
    partner = models.OneToOneField(Partner, verbose_name=_("合作方密钥"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="merchant")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    objects = MerchantQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["org_path", "status"], name="benefit_merchant_subtree",
                                opclasses=[PREFIX_OPS, PREFIX_OPS]),
                   models.Index(fields=["agreement_to"], name="benefit_merchant_agreement")]
        constraints = [
            models.UniqueConstraint(fields=["credit_code"], name="benefit_merchant_credit_code_unique"),
            models.CheckConstraint(condition=Q(agreement_to__gte=F("agreement_from")),
                                   name="benefit_merchant_agreement_order"),
        ]

    def __str__(self) -> str:
        return self.name


class OfferQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class Offer(models.Model):
    merchant = models.ForeignKey(Merchant, verbose_name=_("商户"), on_delete=models.PROTECT, related_name="offers")
    kind = models.CharField(_("优惠类型"), max_length=10, choices=OfferKind.choices)
    title = models.CharField(_("优惠名称"), max_length=100)
    terms = models.TextField(_("使用规则"), blank=True)
    valid_from = models.DateField(_("有效期开始"))
    valid_to = models.DateField(_("有效期截止"))
    # Whose members may use it: this union's subtree.
    union = models.ForeignKey(TradeUnion, verbose_name=_("适用范围"), on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, editable=False)
    per_person_limit = models.PositiveSmallIntegerField(_("每人限领"), default=1)
    quantity = models.PositiveIntegerField(_("发放总量"), null=True, blank=True)  # None: unlimited
    # Vouchers out (void ones given back): raised only by a conditional UPDATE, so never past `quantity`.
    issued = models.PositiveIntegerField(default=0)
    status = models.CharField(_("状态"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "-pk"]
        indexes = [models.Index(fields=["org_path", "status"], name="benefit_offer_subtree",
                                opclasses=[PREFIX_OPS, PREFIX_OPS]),
                   models.Index(fields=["status", "valid_to"], name="benefit_offer_ending")]
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__gte=F("valid_from")), name="benefit_offer_validity_order"),
            models.CheckConstraint(condition=Q(quantity__isnull=True) | Q(issued__lte=F("quantity")),
                                   name="benefit_offer_issued_within_quantity"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def remaining(self) -> int | None:
        return None if self.quantity is None else max(0, self.quantity - self.issued)


class VoucherQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class Voucher(models.Model):
    offer = models.ForeignKey(Offer, verbose_name=_("优惠"), on_delete=models.PROTECT, related_name="vouchers")
    member = models.ForeignKey(Member, verbose_name=_("会员"), on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, editable=False)
    # Random, from secrets: knowing one code tells nothing of another.
    code = models.CharField(_("券码"), max_length=20, unique=True)
    channel = models.CharField(_("来源"), max_length=6, choices=VoucherChannel.choices)
    issued_at = models.DateTimeField(_("发放时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("到期时间"))
    status = models.CharField(_("状态"), max_length=10, choices=VoucherStatus.choices, default=VoucherStatus.UNUSED)
    redeemed_at = models.DateTimeField(_("核销时间"), null=True, blank=True)
    redeemed_merchant = models.ForeignKey(Merchant, verbose_name=_("核销商户"), null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+")
    redeemed_partner = models.ForeignKey(Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    voided_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.CharField(_("作废原因"), max_length=200, blank=True)
    issued_by = models.CharField(max_length=150, blank=True)

    objects = VoucherQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        indexes = [models.Index(fields=["org_path", "status"], name="benefit_voucher_subtree",
                                opclasses=[PREFIX_OPS, PREFIX_OPS]),
                   models.Index(fields=["offer", "member"], name="benefit_voucher_offer_member"),
                   # The expiry sweep reads unused vouchers past their date, and nothing else.
                   models.Index(fields=["expires_at"], name="benefit_voucher_due",
                                condition=Q(status=VoucherStatus.UNUSED))]
        constraints = [models.CheckConstraint(
            condition=Q(status=VoucherStatus.REDEEMED, redeemed_at__isnull=False)
            | (~Q(status=VoucherStatus.REDEEMED) & Q(redeemed_at__isnull=True)),
            name="benefit_voucher_redeemed_once")]

    def __str__(self) -> str:
        return self.masked_code

    @property
    def masked_code(self) -> str:
        return self.code[:4] + "****" + self.code[-2:]


class BenefitEvent(models.Model):
    """The timeline of a merchant, an offer or a voucher: who did what, when."""

    merchant = models.ForeignKey(Merchant, null=True, on_delete=models.CASCADE, related_name="events")
    offer = models.ForeignKey(Offer, null=True, on_delete=models.CASCADE, related_name="events")
    voucher = models.ForeignKey(Voucher, null=True, on_delete=models.CASCADE, related_name="events")
    org_path = models.CharField(max_length=255, editable=False)
    action = models.CharField(max_length=20)
    old_status = models.CharField(max_length=10, blank=True)
    new_status = models.CharField(max_length=10, blank=True)
    actor_id = models.IntegerField(null=True)
    actor_label = models.CharField(max_length=150)
    note = models.CharField(max_length=1000, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d %H:%M}"
