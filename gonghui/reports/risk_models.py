"""The employer risk radar's tables: its rules (data an administrator changes), one stored score per
employer written by the refresh, and the alerts raised when an employer crosses the threshold."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.models import PREFIX_OPS, Employer, TradeUnion
from gonghui.orgs.scope import ScopedQuerySet
from gonghui.reports.risk.choices import AlertStatus, RuleCode


class RiskRule(models.Model):
    """One number of the radar's rules (a weight, a cap, the threshold or the window)."""

    code = models.CharField(_("规则"), max_length=32, choices=RuleCode.choices, unique=True)
    value = models.PositiveIntegerField(_("数值"))
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.code}={self.value}"


class ScoreQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class EmployerRiskScore(models.Model):
    """An employer's score at the last refresh, with each component's value, points and detail."""

    employer = models.OneToOneField(Employer, primary_key=True, on_delete=models.CASCADE, related_name="+")
    # Copy of employer.org_path (orgs.paths follows it): the radar of a subtree is one prefix range.
    org_path = models.CharField(max_length=255, editable=False)
    score = models.PositiveIntegerField(_("风险分"), default=0)
    # {component: {"value": n, "points": p, ...}}; the sentence is written at display (risk.explain)
    # so it reads in the viewer's language.
    components = models.JSONField(default=dict)
    computed_at = models.DateTimeField(_("数据截至"))

    objects = ScoreQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "employer_id"]
        indexes = [models.Index(fields=["org_path", "score"], name="risk_score_subtree",
                                opclasses=[PREFIX_OPS, "int4_ops"]),
                   # The ranked list of a big subtree (a province, a city) walks this in order and stops
                   # at a page, instead of sorting every score of the subtree.
                   models.Index(F("score").desc(), F("employer_id").asc(), name="risk_score_rank")]

    def __str__(self) -> str:
        return f"{self.employer_id}: {self.score}"


class AlertQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class RiskAlert(models.Model):
    """An employer crossed the threshold: the owning union is told, and answers it once."""

    employer = models.ForeignKey(Employer, verbose_name=_("用人单位"), on_delete=models.PROTECT, related_name="+")
    # The union that owned the employer when the alert was raised (the employer's union).
    union = models.ForeignKey(TradeUnion, verbose_name=_("所属工会"), on_delete=models.PROTECT, related_name="+",
                              db_index=False)
    org_path = models.CharField(max_length=255, editable=False)  # the employer's
    score = models.PositiveIntegerField(_("风险分"))
    previous_score = models.PositiveIntegerField(_("上次风险分"), default=0)
    threshold = models.PositiveIntegerField(_("预警分数线"))
    components = models.JSONField(default=dict)
    status = models.CharField(_("状态"), max_length=12, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    raised_at = models.DateTimeField(_("预警时间"), default=timezone.now)
    handled_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", db_index=False)
    handled_by_name = models.CharField(_("处理人"), max_length=120, blank=True)
    reason = models.CharField(_("处理说明"), max_length=500, blank=True)
    listing = models.ForeignKey("orgs.EmployerRiskListing", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", db_index=False)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at", "-pk"]
        indexes = [models.Index(fields=["org_path", "status"], name="risk_alert_subtree",
                                opclasses=[PREFIX_OPS, PREFIX_OPS])]
        constraints = [
            # One open alert per employer: a second crossing while the first is unanswered adds nothing.
            models.UniqueConstraint(fields=["employer"], condition=Q(status=AlertStatus.OPEN),
                                    name="risk_alert_one_open"),
            models.CheckConstraint(condition=Q(status=AlertStatus.OPEN) | Q(status=AlertStatus.LISTED)
                                   | ~Q(reason=""), name="risk_alert_closed_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.employer_id}: {self.score} ({self.status})"
