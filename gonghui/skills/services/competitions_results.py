"""Results: awards drafted while the competition runs, the 公示 of the results for a number of working
days, finalising once it has ended (or recalling it when an objection is upheld), the link of an
award to an honours nomination, and the written records (阶段总结, 年终表扬)."""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F, Max, Window
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.contracts.deadlines import DueDate
from gonghui.core.errors import ValidationFailed, msg
from gonghui.members.choices import SkillLevel
from gonghui.skills.competition_choices import CompetitionAction, PrizeGrade, ReportKind, StageStatus
from gonghui.skills.competition_models import (
    Competition,
    CompetitionAward,
    CompetitionEntry,
    CompetitionReport,
    CompetitionStage,
)
from gonghui.skills.competition_ranking import ranked_scores
from gonghui.skills.services.competitions_common import clean_choice, clean_count, clean_text, lock, who
from gonghui.skills.services.competitions_transition import competition_transition
from gonghui.workdays.calendar import Period, PeriodKind, compute_deadline
from gonghui.workdays.selectors import calendar_for


def notice_end(*, org_path: str, start: datetime.date, workdays: int) -> DueDate:
    """The last day of a 公示 of `workdays` working days published on `start`, counted from the next day
    on the organiser's calendar."""
    tz = timezone.get_default_timezone()
    noon = datetime.datetime.combine(start, datetime.time(12), tzinfo=tz)
    deadline = compute_deadline(noon, Period(PeriodKind.WORKING_DAYS, workdays), calendar_for(org_path),
                                workday_end=datetime.time(17, 30), tz=tz)
    return DueDate(deadline.due_at.date(), deadline.needs_review)


def _last_stage(competition: Competition) -> CompetitionStage:
    return CompetitionStage.objects.filter(competition=competition).order_by("-order").first()  # type: ignore[return-value]


def competition_award(*, actor: Any, entry: CompetitionEntry, grade: str, title: str = "", skill_level: str = "",
                      note: str = "", on: datetime.date | None = None) -> CompetitionAward:
    """评定奖项 before the results are published: a prize grade, a title (技术能手 …), a skill level
    raised. The entry's place and score in the furthest stage it reached are kept with it."""
    grade = clean_choice(grade, PrizeGrade, field="grade")
    title = clean_text(title, field="award_title", max_length=40)
    skill_level = clean_choice(skill_level, SkillLevel, field="skill_level") if skill_level else ""
    note = clean_text(note, field="note", max_length=500)
    if grade == PrizeGrade.NONE and not title:
        raise ValidationFailed(_("请填写奖次或授予称号。"), field="grade", code="required")
    if entry.withdrawn:
        raise ValidationFailed(_("该参赛者已撤销参赛，不能评定奖项。"), field="entry", code="withdrawn")
    on = on or timezone.localdate()
    with transaction.atomic():
        competition = lock(entry.competition)
        if CompetitionAward.objects.filter(entry=entry).exists():
            raise ValidationFailed(msg(_("%(name)s已评定奖项，请先撤销原奖项。"), {"name": entry.name}),
                                   field="entry", code="already_awarded")
        competition_transition(actor=actor, competition=competition, action=CompetitionAction.AWARD, on=on,
                               note=entry.name, detail={"entry": entry.pk, "grade": grade})
        # Read again under the lock: a caller's older copy may predate the entry's advance.
        entry = CompetitionEntry.objects.get(pk=entry.pk)
        stage = CompetitionStage.objects.filter(competition=competition, order=entry.reached).first()
        row = _place(stage, competition.tie_rule, entry.pk) if stage is not None else None
        return CompetitionAward.objects.create(
            competition=competition, entry=entry, org_path=competition.org_path, grade=grade, title=title,
            skill_level=skill_level, note=note, awarded_on=on, rank=row["rank"] if row else None,
            score=row["score"] if row else None)


def _place(stage: CompetitionStage, tie_rule: str, entry_id: int) -> dict[str, Any] | None:
    """The entry's rank over the whole stage. A plain filter on the entry would run inside the window
    and rank it alone (always first); a filter on a window expression is applied outside it, so the
    entry is picked by a one-row window over itself."""
    ranked = ranked_scores(stage, tie_rule).annotate(
        picked=Window(Max("entry_id"), partition_by=[F("entry_id")]))
    return ranked.filter(picked=entry_id).values("rank", "score").first()


def competition_award_remove(*, actor: Any, award: CompetitionAward, reason: str) -> None:
    reason = clean_text(reason, field="reason", max_length=500, required=True)
    with transaction.atomic():
        competition = lock(award.competition)
        competition_transition(actor=actor, competition=competition, action=CompetitionAction.AWARD, note=reason,
                               detail={"entry": award.entry_id, "removed": award.grade})
        CompetitionAward.objects.filter(pk=award.pk).delete()


def competition_publish(*, actor: Any, competition: Competition, on: datetime.date | None = None,
                        version: int | None = None) -> Competition:
    """公示结果: the last stage closes and the results stand for `notice_workdays` working days."""
    on = on or timezone.localdate()
    last = _last_stage(competition)
    if last is None or not last.scores.exists():
        raise ValidationFailed(_("最后阶段尚未登记成绩，不能公示结果。"), field="stage", code="no_scores")
    due = notice_end(org_path=competition.org_path, start=on, workdays=competition.notice_workdays)
    with transaction.atomic():
        competition = competition_transition(
            actor=actor, competition=competition, action=CompetitionAction.PUBLISH, on=on, version=version,
            changes={"notice_ends_on": due.day, "needs_review": due.needs_review},
            detail={"notice_ends_on": due.day.isoformat()})
        CompetitionStage.objects.filter(pk=last.pk).update(status=StageStatus.CLOSED, closed_on=on)
    return competition


def competition_recall(*, actor: Any, competition: Competition, reason: str, version: int | None = None
                       ) -> Competition:
    """撤回公示 (an objection upheld): the last stage opens again for its scores and awards to be corrected."""
    reason = clean_text(reason, field="reason", max_length=500, required=True)
    last = _last_stage(competition)
    with transaction.atomic():
        competition = competition_transition(
            actor=actor, competition=competition, action=CompetitionAction.RECALL, note=reason, version=version,
            changes={"notice_starts_on": None, "notice_ends_on": None, "needs_review": False})
        CompetitionStage.objects.filter(pk=last.pk).update(status=StageStatus.OPEN, closed_on=None)
    return competition


def competition_finalise(*, actor: Any, competition: Competition, on: datetime.date | None = None,
                         version: int | None = None) -> Competition:
    """确定结果, once the 公示 has ended (the day after its last day at the earliest)."""
    on = on or timezone.localdate()
    if competition.notice_ends_on is not None and on <= competition.notice_ends_on:
        raise ValidationFailed(msg(_("公示期至%(day)s，期满后方可确定结果。"), {
            "day": competition.notice_ends_on.isoformat()}), field="on", code="notice_running")
    return competition_transition(actor=actor, competition=competition, action=CompetitionAction.FINALISE, on=on,
                                  version=version)


def competition_award_link_nomination(*, actor: Any, award: CompetitionAward, nomination_id: int) -> CompetitionAward:
    """The honours hook: record that this final award was carried into honours nomination `nomination_id`.
    The honours service calls it when a nomination rests on a competition result."""
    nomination_id = clean_count(nomination_id, field="nomination", low=1, high=2**62)
    if award.honour_nomination_id not in (None, nomination_id):
        raise ValidationFailed(_("该奖项已关联其他荣誉推荐。"), field="nomination", code="already_linked")
    with transaction.atomic():
        competition = lock(award.competition)
        competition_transition(actor=actor, competition=competition, action=CompetitionAction.LINK_NOMINATION,
                               note=award.entry.name, detail={"award": award.pk, "nomination": nomination_id})
        CompetitionAward.objects.filter(pk=award.pk).update(honour_nomination_id=nomination_id)
    award.refresh_from_db()
    return award


def _report(*, actor: Any, competition: Competition, action: str, kind: str, title: str, text: str,
            year: int | None, on: datetime.date | None, entries: list[CompetitionEntry]) -> CompetitionReport:
    title = clean_text(title, field="title", max_length=100, required=True)
    text = clean_text(text, field="text", max_length=20000, required=True)
    on = on or timezone.localdate()
    year = clean_count(year if year is not None else on.year, field="year", low=2000, high=on.year + 1)
    foreign = [e for e in entries if e.competition_id != competition.pk or e.withdrawn]
    if foreign:
        raise ValidationFailed(msg(_("%(name)s不是本竞赛的参赛者。"), {"name": foreign[0].name}), field="entry",
                               code="not_entered")
    with transaction.atomic():
        competition_transition(actor=actor, competition=lock(competition), action=action, on=on, note=title)
        report = CompetitionReport.objects.create(competition=competition, kind=kind, year=year, title=title,
                                                  text=text, written_on=on, written_by=who(actor).shown)
        report.commended.set(entries)
    return report


def competition_summarise(*, actor: Any, competition: Competition, title: str, text: str,
                          on: datetime.date | None = None) -> CompetitionReport:
    """阶段总结, while the competition runs or once decided."""
    return _report(actor=actor, competition=competition, action=CompetitionAction.SUMMARISE,
                   kind=ReportKind.STAGE_SUMMARY, title=title, text=text, year=None, on=on, entries=[])


def competition_commend(*, actor: Any, competition: Competition, year: int, title: str, text: str,
                        entries: list[CompetitionEntry] | None = None, on: datetime.date | None = None
                        ) -> CompetitionReport:
    """年终表扬 of a decided competition's entrants (those named in `entries`)."""
    return _report(actor=actor, competition=competition, action=CompetitionAction.COMMEND,
                   kind=ReportKind.YEAR_COMMENDATION, title=title, text=text, year=year, on=on,
                   entries=entries or [])

