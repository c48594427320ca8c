"""The real-name registry: a person (Member), their memberships over time, applications,
transfers and cards. Identity numbers and phones are encrypted; look-ups go through blind indexes."""

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.crypto import BlindIndexes, EncryptedTextField, reindex
from gonghui.core.idnumbers import IdType
from gonghui.core.models import TimeStampedModel
from gonghui.members.choices import (
    ETHNICITY_CHOICES,
    LIVE_STATUSES,
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
from gonghui.members.partner_models import Partner, PartnerPurpose, PartnerWindow  # noqa: F401  (models of this app)
from gonghui.members.rights_models import PersonalDataRequest  # noqa: F401  (models of this app)
from gonghui.members.roster_models import RosterImport, RosterImportIssue  # noqa: F401  (models of this app)
from gonghui.orgs.models import PREFIX_OPS, Employer, TradeUnion
from gonghui.orgs.scope import ScopedQuerySet


class MemberQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class Member(TimeStampedModel):
    """One person, once in the whole deployment (unique blind index of the identity document)."""

    name = models.CharField(_("姓名"), max_length=50)
    name_initials = models.CharField(max_length=20, editable=False)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    ethnicity = models.CharField(_("民族"), max_length=2, choices=ETHNICITY_CHOICES, default="01")
    id_type = models.CharField(_("证件类型"), max_length=12, choices=IdType.choices, default=IdType.RESIDENT)
    id_number = EncryptedTextField(_("证件号码"))
    id_index = models.CharField(max_length=64, editable=False)
    id_masked = models.CharField(max_length=24, editable=False)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    phone = EncryptedTextField(_("手机号码"), blank=True, default="")
    phone_index = models.CharField(max_length=64, blank=True, editable=False)
    phone_masked = models.CharField(max_length=16, blank=True, editable=False)
    # How a key rotation recomputes the blind indexes (gonghui.core.key_rotation).
    blind_indexes: ClassVar[BlindIndexes] = {
        "id_index": lambda m: reindex(m.id_type, m.id_number),
        "phone_index": lambda m: reindex(m.phone),
    }
    education = models.CharField(_("学历"), max_length=10, choices=Education.choices, blank=True)
    political_status = models.CharField(_("政治面貌"), max_length=14, choices=PoliticalStatus.choices, blank=True)
    household = models.CharField(_("户籍类型"), max_length=6, choices=Household.choices, blank=True)
    employment_form = models.CharField(_("用工形式"), max_length=10, choices=EmploymentForm.choices,
                                       default=EmploymentForm.REGULAR)
    new_form_group = models.CharField(_("新就业形态群体"), max_length=20, choices=NewFormGroup.choices, blank=True)
    employer = models.ForeignKey(Employer, verbose_name=_("工作单位"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="members")
    job = models.CharField(_("岗位/工种"), max_length=50, blank=True)
    skill_level = models.CharField(_("技能等级"), max_length=8, choices=SkillLevel.choices, blank=True)
    honours = models.CharField(_("所获荣誉"), max_length=200, blank=True)
    # The union of the current (or, after leaving, the last) membership, copied for scoped lists.
    union = models.ForeignKey(TradeUnion, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, blank=True, editable=False)
    status = models.CharField(_("会籍状态"), max_length=12, choices=MembershipStatus.choices, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        # The console lists a subtree by name: at a province's root the first page is then read in
        # index order, not sorted out of a million rows.
        # No twin indexes (see orgs.models): the blind indexes are looked up by equality only, the
        # org path by prefix (with the status, for the live members of a subtree).
        indexes = [
            models.Index(fields=["org_path", "status"], name="member_subtree", opclasses=[PREFIX_OPS, PREFIX_OPS]),
            models.Index(fields=["name", "id"], name="member_name_order"),
            models.Index(fields=["phone_index"], name="member_phone_index"),
            models.Index(fields=["name_initials"], name="member_initials_prefix", opclasses=[PREFIX_OPS]),
        ]
        constraints = [models.UniqueConstraint(fields=["id_index"], name="member_one_person_one_identity")]

    def __str__(self) -> str:
        return f"{self.name}（{self.id_masked}）"

    @property
    def is_migrant(self) -> bool:
        """农民工: a worker with a rural household registration."""
        return self.household == Household.RURAL


class MembershipQuerySet(ScopedQuerySet):
    scope_field = "org_path"

    def live(self) -> "MembershipQuerySet":
        return self.filter(status__in=LIVE_STATUSES)


class Membership(models.Model):
    """A period of membership in one union. History rows stay when the member moves on."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="memberships")
    union = models.ForeignKey(TradeUnion, on_delete=models.PROTECT, related_name="memberships")
    org_path = models.CharField(max_length=255, editable=False)
    status = models.CharField(max_length=12, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE)
    join_date = models.DateField(_("入会日期"))
    channel = models.CharField(_("入会方式"), max_length=10, choices=JoinChannel.choices)
    retain_reason = models.CharField(max_length=12, choices=RetainReason.choices, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-join_date", "-id"]
        indexes = [models.Index(fields=["org_path"], name="membership_subtree", opclasses=[PREFIX_OPS])]
        constraints = [
            # One person, one live membership, in the whole deployment, whatever races happen.
            models.UniqueConstraint(fields=["member"], condition=Q(status__in=LIVE_STATUSES),
                                    name="one_live_membership_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id}@{self.union_id} {self.status}"


class MembershipEvent(models.Model):
    """Every change of a person's membership: who, when, from what to what, and why."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="events")
    membership = models.ForeignKey(Membership, null=True, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=24)
    old_status = models.CharField(max_length=12, blank=True)
    new_status = models.CharField(max_length=12, blank=True)
    union = models.ForeignKey(TradeUnion, null=True, on_delete=models.PROTECT, related_name="+")
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=150)
    note = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.old_status}->{self.new_status}"


class MemberCard(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("有效")
        REVOKED = "revoked", _("已注销")

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="cards")
    number = models.CharField(_("会员卡号"), max_length=20, unique=True)
    issued_on = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member"], condition=Q(status="active"),
                                               name="one_active_card_per_member")]

    def __str__(self) -> str:
        return self.number


class JoinApplicationQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class JoinApplication(TimeStampedModel):
    """A worker's own application (网上/扫码入会), reviewed by the union it names."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        APPROVED = "approved", _("已通过")
        REJECTED = "rejected", _("未通过")
        WITHDRAWN = "withdrawn", _("已撤回")
        TRANSFER = "transfer", _("转为接转")

    union = models.ForeignKey(TradeUnion, on_delete=models.PROTECT, related_name="join_applications")
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    channel = models.CharField(max_length=10, choices=JoinChannel.choices, default=JoinChannel.ONLINE)
    # The form as the worker filled it; identity and phone encrypted like the registry's.
    name = models.CharField(_("姓名"), max_length=50)
    id_type = models.CharField(max_length=12, choices=IdType.choices, default=IdType.RESIDENT)
    id_number = EncryptedTextField()
    id_index = models.CharField(max_length=64, db_index=True)
    id_masked = models.CharField(max_length=24)
    phone = EncryptedTextField()
    phone_index = models.CharField(max_length=64, db_index=True)
    phone_masked = models.CharField(max_length=16)
    # How a key rotation recomputes the blind indexes (gonghui.core.key_rotation).
    blind_indexes: ClassVar[BlindIndexes] = {
        "id_index": lambda m: reindex(m.id_type, m.id_number),
        "phone_index": lambda m: reindex(m.phone),
    }
    details = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(_("不通过原因"), max_length=200, blank=True)
    reviewed_by_id = models.BigIntegerField(null=True)
    reviewed_at = models.DateTimeField(null=True)
    member = models.ForeignKey(Member, null=True, on_delete=models.PROTECT, related_name="applications")

    objects = JoinApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["id_index"], condition=Q(status="pending"),
                                               name="one_pending_application_per_person")]

    def __str__(self) -> str:
        return f"{self.name} → {self.union_id} ({self.status})"

    @property
    def employment_form_label(self) -> str:
        value = self.details.get("employment_form", "")
        return str(EmploymentForm(value).label) if value in EmploymentForm.values else ""

    @property
    def new_form_group_label(self) -> str:
        value = self.details.get("new_form_group", "")
        return str(NewFormGroup(value).label) if value in NewFormGroup.values else ""


UNCONFIRMED = ("awaiting", "declined", "lapsed")  # requests the worker never agreed to


class TransferQuerySet(ScopedQuerySet):
    """A transfer is visible at both ends: to the receiving union's cadres, and to the sending
    union's once the worker has agreed (what the worker never agreed to is not the sender's business)."""

    def visible_to(self, scope):  # type: ignore[no-untyped-def,override]
        return self.filter(scope.q("to_path") | (scope.q("from_path") & ~Q(status__in=UNCONFIRMED)))


class Transfer(TimeStampedModel):
    """会籍接转: the membership follows the worker from one union to another."""

    class Status(models.TextChoices):
        AWAITING = "awaiting", _("待本人确认")
        REQUESTED = "requested", _("待转出")
        RELEASED = "released", _("待接收")
        ACCEPTED = "accepted", _("已接收")
        REFUSED = "refused", _("已拒绝")
        CANCELLED = "cancelled", _("已撤回")
        DECLINED = "declined", _("本人不同意")
        LAPSED = "lapsed", _("本人未确认，已失效")

    class Origin(models.TextChoices):
        MEMBER = "member", _("会员申请")
        RECEIVING = "receiving", _("接收工会发起")
        ROSTER = "roster", _("集体登记发现")
        APPLICATION = "application", _("入会申请发现")

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="transfers")
    from_membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="transfers_out")
    from_union = models.ForeignKey(TradeUnion, on_delete=models.PROTECT, related_name="transfers_out")
    from_path = models.CharField(max_length=255, db_index=True, editable=False)
    to_union = models.ForeignKey(TradeUnion, on_delete=models.PROTECT, related_name="transfers_in")
    to_path = models.CharField(max_length=255, db_index=True, editable=False)
    origin = models.CharField(max_length=12, choices=Origin.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    reason = models.CharField(_("接转原因"), max_length=200, blank=True)
    note = models.CharField(_("处理意见"), max_length=200, blank=True)
    # Set when the worker has agreed (at once when the worker asked); until then the name and the
    # current union are not shown to the receiving union, and the release period has not begun.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_how = models.CharField(max_length=12, blank=True)  # own_request, sms_code, portal
    confirm_due_at = models.DateTimeField(null=True, blank=True)
    release_due_at = models.DateTimeField(null=True, db_index=True)
    released_at = models.DateTimeField(null=True)
    released_automatically = models.BooleanField(default=False)
    decided_at = models.DateTimeField(null=True)
    to_membership = models.ForeignKey(Membership, null=True, on_delete=models.PROTECT, related_name="transfer_in")

    objects = TransferQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        # An unconfirmed request holds the place too, so the worker's one code answers one request.
        constraints = [models.UniqueConstraint(fields=["member"],
                                               condition=Q(status__in=["awaiting", "requested", "released"]),
                                               name="one_open_transfer_per_member")]
        indexes = [models.Index(fields=["status", "release_due_at"]),
                   models.Index(fields=["status", "confirm_due_at"], name="transfer_confirm_due")]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.from_union_id} → {self.to_union_id} ({self.status})"

    @property
    def worker_agreed(self) -> bool:
        """The worker asked or confirmed: only then may the receiving union see who and from where."""
        return self.confirmed_at is not None


class PersonalDataAccess(models.Model):
    """Each time a full identity number or phone is shown, with the stated reason (PIPL)."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="accesses")
    field = models.CharField(max_length=20)
    reason = models.CharField(max_length=200)
    actor_id = models.BigIntegerField()
    actor_label = models.CharField(max_length=150)
    org_path = models.CharField(max_length=255, db_index=True)
    ip = models.CharField(max_length=45, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.field} {self.member_id}"
