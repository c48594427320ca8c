"""师带徒: signing an agreement, and the one transition service (start, 出师 with the level reached,
termination with the reason)."""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import Conflict, NotFound, ValidationFailed, msg
from gonghui.members.choices import SkillLevel
from gonghui.members.models import Member
from gonghui.orgs.models import Employer
from gonghui.skills.innovation_choices import ApprenticeshipAction
from gonghui.skills.innovation_workflow import check_apprenticeship
from gonghui.skills.models import Apprenticeship, ApprenticeshipEvent
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

CONCURRENT_CHANGE = _("该师带徒协议刚刚已被他人办理，请刷新后再操作。")
NO_LEVEL = (SkillLevel.NONE,)


def _event(actor: Any, pair: Apprenticeship, action: str, old: str = "", new: str = "", note: str = "",
           detail: dict[str, Any] | None = None) -> None:
    record(actor=actor, event_model=ApprenticeshipEvent, owner_field="apprenticeship", obj=pair, action=action,
           old_status=old, new_status=new, note=note, detail=detail)


def apprenticeship_sign(*, actor: Any, employer: Employer, master: Member, apprentice: Member,
                        agreed_on: datetime.date | None, starts_on: datetime.date | None,
                        ends_on: datetime.date | None, targets: str, trade: str = "", target_level: str = "",
                        allowance: Any = None, today: datetime.date | None = None) -> Apprenticeship:
    require_manage(actor, employer.org_path)
    for field, person in (("master", master), ("apprentice", apprentice)):
        if person.employer_id != employer.pk:
            raise ValidationFailed(msg(_("%(who)s须为本单位职工。"), {"who": person.name}), field=field,
                                   code="member_elsewhere")
    if master.pk == apprentice.pk:
        raise ValidationFailed(_("师傅和徒弟不能是同一人。"), field="apprentice", code="same_person")
    signed = clean_day(agreed_on, field="agreed_on", today=today)
    # The period may lie ahead of today (an agreement signed for next month); only its order is checked.
    start = clean_day(starts_on, field="starts_on", today=datetime.date.max)
    end = clean_day(ends_on, field="ends_on", today=datetime.date.max)
    if end <= start:
        raise ValidationFailed(msg(_("带徒期限届满（%(end)s）须晚于开始日期（%(start)s）。"),
                                   {"end": end.isoformat(), "start": start.isoformat()}), field="ends_on",
                               code="dates_backwards")
    values = {
        "targets": clean_text(targets, field="targets", max_length=2000, required=True),
        "trade": clean_text(trade, field="trade", max_length=50),
        "target_level": clean_choice(target_level, SkillLevel, field="target_level", exclude=NO_LEVEL)
        if target_level else "",
        "allowance": clean_amount(allowance, field="allowance", required=False, max_digits=10),
    }
    with transaction.atomic():
        pair = Apprenticeship.objects.create(employer=employer, master=master, apprentice=apprentice,
                                             agreed_on=signed, starts_on=start, ends_on=end,
                                             org_path=employer.org_path, **values)
        _event(actor, pair, ApprenticeshipAction.SIGN, "", pair.status,
               detail={"master": master.pk, "apprentice": apprentice.pk})
    return pair


def apprenticeship_transition(*, actor: Any, apprenticeship: Apprenticeship, action: str,
                              on: datetime.date | None = None, outcome_level: str = "", note: str = "",
                              version: int | None = None, today: datetime.date | None = None) -> Apprenticeship:
    """开始履行, 出师 (the skill level reached is required) or 终止 (the reason is required)."""
    pair = apprenticeship
    require_manage(actor, pair.org_path)
    refuse_stale(pair, version, CONCURRENT_CHANGE)
    rule = check_apprenticeship(pair.status, action)
    today = today or timezone.localdate()
    day = clean_day(on or today, field="on", today=today)
    not_before(day, pair.agreed_on, field="on", earlier_field="agreed_on")
    values: dict[str, Any] = {"status": rule.target, rule.stamp: day, "version": F("version") + 1}
    text = ""
    if action == ApprenticeshipAction.GRADUATE:
        values["outcome_level"] = clean_choice(outcome_level, SkillLevel, field="outcome_level", exclude=NO_LEVEL)
        values["outcome_note"] = text = clean_text(note, field="note", max_length=500)
        not_before(day, pair.started_on, field="on", earlier_field="started_on")
    elif action == ApprenticeshipAction.TERMINATE:
        values["termination_reason"] = text = clean_text(note, field="reason", max_length=500, required=True)
    old = pair.status
    with transaction.atomic():
        if not Apprenticeship.objects.filter(pk=pair.pk, status=old, version=pair.version).update(**values):
            if not Apprenticeship.objects.filter(pk=pair.pk).exists():
                raise NotFound()
            raise Conflict(CONCURRENT_CHANGE, code="concurrent_change")
        pair.refresh_from_db()
        _event(actor, pair, action, old, pair.status, text, {"on": day, "level": pair.outcome_level})
    return pair
