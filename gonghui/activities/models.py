"""工会活动: an activity a union organises, the people who sign up for it (with a waiting list) and who
checked in at the door, and the timeline of every step."""

import secrets
from decimal import Decimal
from typing import ClassVar

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.activities.choices import ActivityKind, ActivityStatus, Audience, EventAction, SignUpStatus
from gonghui.core.crypto import BlindIndexes, EncryptedTextField, reindex
from gonghui.orgs.models import PREFIX_OPS, Region, TradeUnion
from gonghui.orgs.scope import ScopedQuerySet


def new_checkin_key() -> str:
    return secrets.token_urlsafe(16)


class ActivityQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class Activity(models.Model):
    organiser = models.ForeignKey(TradeUnion, verbose_name=_("主办工会"), on_delete=models.PROTECT,
                                  related_name="activities")
    org_path = models.CharField(max_length=255, editable=False)
    kind = models.CharField(_("活动类型"), max_length=16, choices=ActivityKind.choices)
    title = models.CharField(_("活动名称"), max_length=120)
    description = models.TextField(_("活动内容"), blank=True)
    audience = models.CharField(_("报名范围"), max_length=10, choices=Audience.choices, default=Audience.SUBTREE)
    # The union whose subtree's members may sign up: the organiser or one of its descendants (null when public).
    audience_union = models.ForeignKey(TradeUnion, verbose_name=_("面向工会"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    audience_path = models.CharField(max_length=255, blank=True, editable=False)
    capacity = models.PositiveIntegerField(_("名额"), validators=[MinValueValidator(1)])
    signup_opens_at = models.DateTimeField(_("报名开始时间"))
    signup_closes_at = models.DateTimeField(_("报名截止时间"))
    starts_at = models.DateTimeField(_("活动开始时间"))
    ends_at = models.DateTimeField(_("活动结束时间"))
    fee = models.DecimalField(_("费用（元）"), max_digits=8, decimal_places=2, default=Decimal("0"))
    region = models.ForeignKey(Region, verbose_name=_("所在地区"), on_delete=models.PROTECT, related_name="+")
    address = models.CharField(_("活动地点"), max_length=200)
    # Held at a service position: `position = models.ForeignKey("positions.ServicePosition", null=True,
    # blank=True, on_delete=models.PROTECT, related_name="activities")` is to be added once the positions
    # app has its model (the layers already allow activities -> positions); the address stays the fallback.
    status = models.CharField(_("状态"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.DRAFT)
    # The secret behind the door QR code; replaced (新签到码) when a printed code has leaked.
    checkin_key = models.CharField(max_length=32, default=new_checkin_key, editable=False)
    no_shows = models.PositiveIntegerField(_("未到人数"), default=0)
    cancel_reason = models.CharField(_("取消原因"), max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["org_path", "starts_at"], name="activity_subtree",
                         opclasses=[PREFIX_OPS, "timestamptz_ops"]),
            models.Index(fields=["status", "signup_closes_at"], name="activity_status_closes"),
            models.Index(fields=["audience_path"], name="activity_audience", opclasses=[PREFIX_OPS]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="activity_ends_after_start"),
            models.CheckConstraint(condition=Q(signup_closes_at__gt=F("signup_opens_at")),
                                   name="activity_window_forward"),
            models.CheckConstraint(condition=Q(signup_closes_at__lte=F("ends_at")), name="activity_window_before_end"),
            models.CheckConstraint(condition=Q(fee__gte=0), name="activity_fee_not_negative"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="activity_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_free(self) -> bool:
        return self.fee == 0


class SignUpQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class SignUp(models.Model):
    """One person on one activity. The person is a member, or (public activities only) a guest known by
    the phone proved by SMS; `person_key` names either, so the database holds one row per person."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="signups")
    org_path = models.CharField(max_length=255, editable=False)
    member = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    person_key = models.CharField(max_length=80, editable=False)
    name = models.CharField(_("姓名"), max_length=50)
    phone = EncryptedTextField(_("手机号码"))
    phone_index = models.CharField(max_length=64, editable=False)
    phone_masked = models.CharField(max_length=16, editable=False)
    # How a key rotation recomputes the blind indexes (gonghui.core.key_rotation).
    blind_indexes: ClassVar[BlindIndexes] = {
        "phone_index": lambda m: reindex(m.phone),
        # "m<member id>" names a member; "p<index>" a worker known only by the phone.
        "person_key": lambda m: None if m.person_key.startswith("m") else "p" + (reindex(m.phone) or ""),
    }
    status = models.CharField(_("状态"), max_length=12, choices=SignUpStatus.choices)
    # A ticket taken when joining the waiting list: the lowest waiting ticket is first in line.
    waiting_ticket = models.PositiveIntegerField(null=True, blank=True)
    walk_in = models.BooleanField(_("现场签到"), default=False)
    signed_up_at = models.DateTimeField(default=timezone.now)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)

    objects = SignUpQuerySet.as_manager()

    class Meta:
        ordering = ["signed_up_at", "id"]
        indexes = [
            models.Index(fields=["activity", "status", "waiting_ticket"], name="signup_activity_status"),
            models.Index(fields=["phone_index", "status"], name="signup_phone"),
            models.Index(fields=["member", "status"], name="signup_member"),
            models.Index(fields=["org_path", "status"], name="signup_subtree", opclasses=[PREFIX_OPS, PREFIX_OPS]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["activity", "person_key"], name="signup_one_per_person"),
            models.CheckConstraint(condition=Q(status=SignUpStatus.WAITING, waiting_ticket__isnull=False)
                                   | ~Q(status=SignUpStatus.WAITING), name="signup_waiting_has_ticket"),
            models.CheckConstraint(condition=Q(status=SignUpStatus.CHECKED_IN, checked_in_at__isnull=False)
                                   | ~Q(status=SignUpStatus.CHECKED_IN), name="signup_checked_in_has_time"),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.name}"


class ActivityEvent(models.Model):
    """The timeline of an activity and its sign-ups."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="events")
    signup = models.ForeignKey(SignUp, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=EventAction.choices)
    old_status = models.CharField(max_length=12, blank=True)
    new_status = models.CharField(max_length=12, blank=True)
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=150)
    note = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["activity", "at"], name="activity_event_at")]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.action}"
