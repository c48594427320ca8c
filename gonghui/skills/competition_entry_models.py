"""Who takes part in a competition, their scores per stage, the awards and the written records.

An entry is a person or a team; every person in it, alone or in a team, is a participant row
whose identity number is encrypted with a blind index, unique per competition in the database:
the same person enters a competition once. A score row copies the entry's registration number so
the ranking of a stage reads one table through one index.
"""

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.crypto import BlindIndexes, EncryptedTextField, reindex
from gonghui.core.idnumbers import IdType
from gonghui.members.choices import SkillLevel
from gonghui.orgs.models import PREFIX_OPS, Employer
from gonghui.orgs.scope import ScopedQuerySet
from gonghui.skills.competition_choices import PrizeGrade, ReportKind


class EntryQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class CompetitionEntry(models.Model):
    competition = models.ForeignKey("skills.Competition", on_delete=models.CASCADE, related_name="entries")
    org_path = models.CharField(max_length=255, editable=False)
    # The registration number within the competition: "earlier submission" breaks ties by it.
    seq = models.PositiveIntegerField(_("报名序号"))
    is_team = models.BooleanField(_("团体"), default=False)
    name = models.CharField(_("参赛者/队名"), max_length=100)
    employer = models.ForeignKey(Employer, verbose_name=_("工作单位"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    employer_name = models.CharField(_("工作单位"), max_length=100, blank=True)
    trade = models.CharField(_("工种"), max_length=50, blank=True)
    # The order of the furthest stage the entry reached (1: the first); 0 once withdrawn.
    reached = models.PositiveSmallIntegerField(_("晋级至"), default=1)
    withdrawn = models.BooleanField(_("已撤销"), default=False)
    entered_at = models.DateTimeField(auto_now_add=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["competition_id", "seq"]
        indexes = [models.Index(fields=["org_path"], name="competition_entry_subtree", opclasses=[PREFIX_OPS])]
        constraints = [
            models.UniqueConstraint(fields=["competition", "seq"], name="competition_entry_seq_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class CompetitionParticipant(models.Model):
    """One person of an entry (the entrant, or a team member); a member of the registry or not."""

    competition = models.ForeignKey("skills.Competition", on_delete=models.CASCADE, related_name="+")
    entry = models.ForeignKey(CompetitionEntry, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("姓名"), max_length=50)
    id_type = models.CharField(_("证件类型"), max_length=12, choices=IdType.choices, default=IdType.RESIDENT)
    id_number = EncryptedTextField(_("证件号码"))
    id_index = models.CharField(max_length=64, editable=False)
    id_masked = models.CharField(max_length=24, editable=False)
    # How a key rotation recomputes the blind indexes (gonghui.core.key_rotation).
    blind_indexes: ClassVar[BlindIndexes] = {
        "id_index": lambda m: reindex(m.id_type, m.id_number),
    }
    member = models.ForeignKey("members.Member", verbose_name=_("会员"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    is_leader = models.BooleanField(_("队长"), default=False)

    class Meta:
        ordering = ["entry_id", "-is_leader", "id"]
        indexes = [models.Index(fields=["id_index"], name="competition_person_index"),
                   models.Index(fields=["member"], name="competition_person_member")]
        constraints = [
            models.UniqueConstraint(fields=["competition", "id_index"], name="competition_one_entry_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.id_masked}）"


class CompetitionScore(models.Model):
    stage = models.ForeignKey("skills.CompetitionStage", on_delete=models.CASCADE, related_name="scores")
    entry = models.ForeignKey(CompetitionEntry, on_delete=models.CASCADE, related_name="scores")
    entry_seq = models.PositiveIntegerField(editable=False)  # copied from the entry for the ranking
    score = models.DecimalField(_("成绩"), max_digits=7, decimal_places=2)
    tiebreak = models.DecimalField(_("附加分"), max_digits=9, decimal_places=2, null=True, blank=True)
    scored_by = models.CharField(_("登记人"), max_length=150, blank=True)
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["stage_id", "-score", "entry_seq"]
        indexes = [models.Index(fields=["stage", "-score", "entry_seq"], name="competition_stage_ranking")]
        constraints = [models.UniqueConstraint(fields=["stage", "entry"], name="competition_score_once_per_stage")]

    def __str__(self) -> str:
        return f"{self.entry_id}@{self.stage_id}: {self.score}"


class AwardQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class CompetitionAward(models.Model):
    competition = models.ForeignKey("skills.Competition", on_delete=models.CASCADE, related_name="awards")
    entry = models.OneToOneField(CompetitionEntry, on_delete=models.CASCADE, related_name="award")
    org_path = models.CharField(max_length=255, editable=False)
    grade = models.CharField(_("奖次"), max_length=8, choices=PrizeGrade.choices)
    title = models.CharField(_("授予称号"), max_length=40, blank=True)  # 技术能手, 技术标兵 …
    skill_level = models.CharField(_("晋升技能等级"), max_length=8, choices=SkillLevel.choices, blank=True)
    rank = models.PositiveIntegerField(_("名次"), null=True, blank=True)  # as ranked when awarded
    score = models.DecimalField(_("成绩"), max_digits=7, decimal_places=2, null=True, blank=True)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    # The honours hook: the id of the 荣誉推荐 (honours.HonourNomination) this award was carried into.
    # A plain id, not a foreign key, so that skills never imports honours (honours sits below skills
    # in the layers and links back through the service competition_award_link_nomination).
    honour_nomination_id = models.BigIntegerField(_("荣誉推荐"), null=True, blank=True)
    awarded_on = models.DateField(_("评定日期"))

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["competition_id", "rank", "id"]
        indexes = [models.Index(fields=["org_path"], name="competition_award_subtree", opclasses=[PREFIX_OPS])]
        constraints = [
            models.CheckConstraint(condition=~Q(grade=PrizeGrade.NONE) | ~Q(title=""),
                                   name="competition_award_grade_or_title"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.get_grade_display()} {self.title}"


class CompetitionReport(models.Model):
    """阶段总结 during a competition, 年终表扬 once it is decided: dated text on the record."""

    competition = models.ForeignKey("skills.Competition", on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("类型"), max_length=20, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=100)
    text = models.TextField(_("内容"))
    commended = models.ManyToManyField(CompetitionEntry, verbose_name=_("表扬对象"), blank=True, related_name="+")
    written_on = models.DateField(_("日期"))
    written_by = models.CharField(_("撰写人"), max_length=150, blank=True)

    class Meta:
        ordering = ["competition_id", "written_on", "id"]

    def __str__(self) -> str:
        return self.title
