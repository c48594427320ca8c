"""创新工作室: naming, level changes, the team, results, the yearly assessment and revocation (摘牌)."""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import Conflict, NotFound, ValidationFailed, msg
from gonghui.members.models import Member
from gonghui.orgs.models import Employer
from gonghui.skills.innovation_choices import (
    AssessmentGrade,
    StudioAction,
    StudioKind,
    StudioLevel,
    StudioResultKind,
    StudioStatus,
)
from gonghui.skills.models import InnovationStudio, StudioAssessment, StudioEvent, StudioMember, StudioResult
from gonghui.skills.services.innovation_common import (
    clean_amount,
    clean_choice,
    clean_day,
    clean_text,
    not_before,
    record,
    refuse_stale,
    require_manage,
)

CONCURRENT_CHANGE = _("该创新工作室刚刚已被他人办理，请刷新后再操作。")


def studio_event(actor: Any, studio: InnovationStudio, action: str, *, old: str = "", new: str = "", note: str = "",
                 detail: dict[str, Any] | None = None) -> None:
    record(actor=actor, event_model=StudioEvent, owner_field="studio", obj=studio, action=action, old_status=old,
           new_status=new, note=note, detail=detail)


def require_active_studio(studio: InnovationStudio) -> None:
    if studio.status != StudioStatus.ACTIVE:
        raise ValidationFailed(_("该创新工作室已摘牌，不能再登记。"), field="status", code="revoked")


def _member_at(member: Member | None, employer_id: int, field: str) -> None:
    # A studio's people work at its host; a member of another employer would leak into its page.
    if member is not None and member.employer_id != employer_id:
        raise ValidationFailed(msg(_("%(who)s须为依托单位的职工。"), {"who": member.name}), field=field,
                               code="member_elsewhere")


def studio_name(*, actor: Any, employer: Employer, name: str, kind: str, level: str, named_on: datetime.date | None,
                leader_name: str = "", leader: Member | None = None, model_worker_id: int | None = None,
                named_by: str = "", field: str = "", today: datetime.date | None = None) -> InnovationStudio:
    """Record a studio as named (命名) at its level, with its leader (领衔人)."""
    require_manage(actor, employer.org_path)
    values = {
        "name": clean_text(name, field="name", max_length=100, required=True),
        "kind": clean_choice(kind, StudioKind, field="kind"),
        "level": clean_choice(level, StudioLevel, field="level"),
        "named_on": clean_day(named_on, field="named_on", today=today),
        "named_by": clean_text(named_by, field="named_by", max_length=100),
        "field": clean_text(field, field="field", max_length=60),
    }
    _member_at(leader, employer.pk, "leader")
    leader_name = clean_text(leader_name or (leader.name if leader else ""), field="leader_name", max_length=50,
                             required=True)
    if model_worker_id is not None and (not isinstance(model_worker_id, int) or model_worker_id <= 0):
        raise ValidationFailed(_("劳模登记号无效。"), field="model_worker_id", code="invalid")
    try:
        with transaction.atomic():
            studio = InnovationStudio.objects.create(employer=employer, leader_name=leader_name, leader=leader,
                                                     model_worker_id=model_worker_id, org_path=employer.org_path,
                                                     **values)
            studio_event(actor, studio, StudioAction.NAME, new=studio.status,
                         detail={"level": studio.level, "kind": studio.kind})
    except IntegrityError:
        raise Conflict(msg(_("本单位已有名为“%(name)s”的创新工作室。"), {"name": values["name"]}), field="name",
                       code="duplicate_name") from None
    return studio


def _update(actor: Any, studio: InnovationStudio, version: int | None, action: str, values: dict[str, Any],
            note: str = "", detail: dict[str, Any] | None = None, old_status: str = "") -> InnovationStudio:
    refuse_stale(studio, version, CONCURRENT_CHANGE)
    filters: dict[str, Any] = {"pk": studio.pk, "version": studio.version}
    if old_status:
        filters["status"] = old_status
    with transaction.atomic():
        if not InnovationStudio.objects.filter(**filters).update(version=F("version") + 1, **values):
            if not InnovationStudio.objects.filter(pk=studio.pk).exists():
                raise NotFound()
            raise Conflict(CONCURRENT_CHANGE, code="concurrent_change")
        studio.refresh_from_db()
        studio_event(actor, studio, action, old=old_status, new=studio.status if old_status else "", note=note,
                     detail=detail)
    return studio


def studio_relevel(*, actor: Any, studio: InnovationStudio, level: str, note: str = "",
                   version: int | None = None) -> InnovationStudio:
    """升级 (or a lower level after a review): the studio keeps its history under the new level."""
    require_manage(actor, studio.org_path)
    require_active_studio(studio)
    new = clean_choice(level, StudioLevel, field="level")
    text = clean_text(note, field="note", max_length=500)
    return _update(actor, studio, version, StudioAction.RELEVEL, {"level": new}, text,
                   {"from": studio.level, "to": new})


def studio_link_leader(*, actor: Any, studio: InnovationStudio, leader_name: str = "", leader: Member | None = None,
                       model_worker_id: int | None = None, version: int | None = None) -> InnovationStudio:
    """Change the leader, or link the leader to the member registry or to the 劳模 register."""
    require_manage(actor, studio.org_path)
    _member_at(leader, studio.employer_id, "leader")
    name = clean_text(leader_name or (leader.name if leader else studio.leader_name), field="leader_name",
                      max_length=50, required=True)
    if model_worker_id is not None and (not isinstance(model_worker_id, int) or model_worker_id <= 0):
        raise ValidationFailed(_("劳模登记号无效。"), field="model_worker_id", code="invalid")
    return _update(actor, studio, version, StudioAction.LEADER,
                   {"leader_name": name, "leader": leader, "model_worker_id": model_worker_id}, name,
                   {"leader": getattr(leader, "pk", None), "model_worker_id": model_worker_id})


def studio_member_add(*, actor: Any, studio: InnovationStudio, name: str = "", member: Member | None = None,
                      role: str = "", joined_on: datetime.date | None = None,
                      today: datetime.date | None = None) -> StudioMember:
    require_manage(actor, studio.org_path)
    require_active_studio(studio)
    _member_at(member, studio.employer_id, "member")
    person = clean_text(name or (member.name if member else ""), field="member_name", max_length=50, required=True)
    duty = clean_text(role, field="role", max_length=50)
    day = clean_day(joined_on or today or timezone.localdate(), field="joined_on", today=today)
    try:
        with transaction.atomic():
            seat = StudioMember.objects.create(studio=studio, name=person, member=member, role=duty, joined_on=day)
            studio_event(actor, studio, StudioAction.MEMBER_ADD, note=person, detail={"member": seat.member_id})
    except IntegrityError:
        raise Conflict(msg(_("%(name)s已是该工作室成员。"), {"name": person}), field="member",
                       code="already_member") from None
    return seat


def studio_member_leave(*, actor: Any, seat: StudioMember, left_on: datetime.date | None = None,
                        today: datetime.date | None = None) -> StudioMember:
    studio = seat.studio
    require_manage(actor, studio.org_path)
    if seat.left_on is not None:
        raise ValidationFailed(_("该成员已退出。"), field="left_on", code="already_left")
    day = clean_day(left_on or today or timezone.localdate(), field="left_on", today=today)
    not_before(day, seat.joined_on, field="left_on", earlier_field="joined_on")
    with transaction.atomic():
        StudioMember.objects.filter(pk=seat.pk, left_on__isnull=True).update(left_on=day)
        seat.refresh_from_db()
        studio_event(actor, studio, StudioAction.MEMBER_LEAVE, note=seat.name, detail={"on": day})
    return seat


def studio_result_add(*, actor: Any, studio: InnovationStudio, kind: str, title: str, year: int,
                      benefit: Any = None, note: str = "", today: datetime.date | None = None) -> StudioResult:
    require_manage(actor, studio.org_path)
    require_active_studio(studio)
    result_kind = clean_choice(kind, StudioResultKind, field="result_kind")
    name = clean_text(title, field="title", max_length=120, required=True)
    this_year = (today or timezone.localdate()).year
    if not isinstance(year, int) or not studio.named_on.year <= year <= this_year:
        raise ValidationFailed(msg(_("年度须在命名年度 %(first)s 至今年 %(last)s 之间。"),
                                   {"first": studio.named_on.year, "last": this_year}), field="year",
                               code="year_out_of_range")
    amount = clean_amount(benefit, field="benefit", required=False, max_digits=14)
    text = clean_text(note, field="note", max_length=500)
    with transaction.atomic():
        result = StudioResult.objects.create(studio=studio, kind=result_kind, title=name, year=year, benefit=amount,
                                             note=text, org_path=studio.org_path)
        studio_event(actor, studio, StudioAction.RESULT, note=name, detail={"year": year, "benefit": amount})
    return result


def studio_assess(*, actor: Any, studio: InnovationStudio, year: int, grade: str, assessed_on: datetime.date | None,
                  note: str = "", today: datetime.date | None = None) -> StudioAssessment:
    """The yearly assessment of a year the studio stood through to its end; once per year."""
    require_manage(actor, studio.org_path)
    require_active_studio(studio)
    day = clean_day(assessed_on, field="assessed_on", today=today)
    if not isinstance(year, int) or not studio.named_on.year <= year < day.year:
        raise ValidationFailed(msg(_("考核年度须不早于命名年度 %(first)s，且在考核日期 %(day)s 之前已经结束。"),
                                   {"first": studio.named_on.year, "day": day.isoformat()}), field="year",
                               code="year_out_of_range")
    value = clean_choice(grade, AssessmentGrade, field="grade")
    text = clean_text(note, field="note", max_length=500)
    try:
        with transaction.atomic():
            row = StudioAssessment.objects.create(studio=studio, year=year, grade=value, assessed_on=day, note=text)
            studio_event(actor, studio, StudioAction.ASSESS, note=text, detail={"year": year, "grade": value})
    except IntegrityError:
        raise Conflict(msg(_("%(year)s 年度已考核。"), {"year": year}), field="year", code="already_assessed") from None
    return row


def studio_revoke(*, actor: Any, studio: InnovationStudio, reason: str, revoked_on: datetime.date | None = None,
                  version: int | None = None, today: datetime.date | None = None) -> InnovationStudio:
    """摘牌, with the reason (an assessment failed, the studio stopped working, the leader left)."""
    require_manage(actor, studio.org_path)
    require_active_studio(studio)
    text = clean_text(reason, field="reason", max_length=500, required=True)
    day = clean_day(revoked_on or today or timezone.localdate(), field="on", today=today)
    not_before(day, studio.named_on, field="on", earlier_field="named_on")
    return _update(actor, studio, version, StudioAction.REVOKE,
                   {"status": StudioStatus.REVOKED, "revoked_on": day, "revoke_reason": text}, text,
                   {"on": day}, old_status=StudioStatus.ACTIVE)
