"""The numbers the rules set, as rows an administrator can change (seeded by a migration)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.votes import VoteBase
from gonghui.democracy.choices import AgendaKind, RuleCode


class DemocracyRule(models.Model):
    """One number (or list) of the rules: `value` for numbers, `text` for a list of codes."""

    code = models.CharField(_("规则"), max_length=32, choices=RuleCode.choices, unique=True)
    value = models.DecimalField(_("数值"), max_digits=8, decimal_places=2, default=0)
    text = models.CharField(_("取值列表"), max_length=200, blank=True)
    source = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("民主管理规则")
        verbose_name_plural = _("民主管理规则")

    def __str__(self) -> str:
        return f"{self.get_code_display()}: {self.text or self.value}"


class AgendaRule(models.Model):
    """What an agenda item of a kind needs to pass: a quorum and a majority, each a fraction of a base."""

    kind = models.CharField(_("事项类型"), max_length=20, choices=AgendaKind.choices, unique=True)
    quorum_numerator = models.PositiveSmallIntegerField(_("出席比例分子"), null=True, blank=True)
    quorum_denominator = models.PositiveSmallIntegerField(_("出席比例分母"), null=True, blank=True)
    quorum_base = models.CharField(_("出席比例基数"), max_length=10, choices=VoteBase.choices,
                                   default=VoteBase.ENTITLED)
    quorum_inclusive = models.BooleanField(_("出席含本数（以上）"), default=True)
    majority_numerator = models.PositiveSmallIntegerField(_("同意比例分子"))
    majority_denominator = models.PositiveSmallIntegerField(_("同意比例分母"))
    majority_base = models.CharField(_("同意比例基数"), max_length=10, choices=VoteBase.choices,
                                     default=VoteBase.ENTITLED)
    majority_inclusive = models.BooleanField(_("同意含本数（以上）"), default=True)
    source = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("表决规则")
        verbose_name_plural = _("表决规则")
        constraints = [
            models.CheckConstraint(condition=models.Q(majority_denominator__gt=0)
                                   & models.Q(majority_numerator__lte=models.F("majority_denominator")),
                                   name="agenda_rule_majority_fraction"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
