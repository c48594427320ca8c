"""After filing: 回头看 (re-check), 解困脱困 (exit into watch), the end of the watch, and 返困 (relapse)."""

import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.choices import Action, ExitReason, RecheckResult, Status
from gonghui.assistance.models import HardshipFile, HardshipRecheck
from gonghui.assistance.services.common import add_months, clean_choice, clean_text, record_file_event, who
from gonghui.assistance.services.household import causes_of, clean_causes, derived_values, people_of, write_household
from gonghui.assistance.services.intake import AlreadyFiled, reassess
from gonghui.assistance.services.review import recheck_months
from gonghui.assistance.services.transition import hardship_transition
from gonghui.core.errors import ValidationFailed, msg

WATCH_RESULTS = {RecheckResult.NO_RELAPSE}
FILED_RESULTS = {RecheckResult.CONTINUE, RecheckResult.RECLASSIFY, RecheckResult.EXIT}


def watch_months() -> int:
    return int(settings.GONGHUI_HARDSHIP_WATCH_MONTHS)


def _next_recheck(file: HardshipFile, today: datetime.date) -> datetime.date | None:
    due = add_months(today, recheck_months())
    if file.status == Status.WATCHED and file.watch_until is not None:
        return min(due, file.watch_until)
    return due


@transaction.atomic
def hardship_recheck(*, actor: Any, file: HardshipFile, result: str, note: str = "", version: int | None = None,
                     now: datetime.datetime | None = None) -> HardshipFile:
    """回头看: the household's situation is looked at again (its data edited first if it changed).

    The result is recorded with whether it was done by the due date. Only RECLASSIFY changes the
    class of record, to the class the rule in force today gives, and says so in the event.
    """
    result = clean_choice(result, RecheckResult, field="result")
    allowed = WATCH_RESULTS if file.status == Status.WATCHED else FILED_RESULTS
    if result not in allowed:
        raise ValidationFailed(msg(_("档案状态为“%(status)s”时，回头看结论不能是“%(result)s”。"),
                                   {"status": Status(file.status).label, "result": RecheckResult(result).label}),
                               field="result", code="result")
    now = now or timezone.now()
    today = timezone.localdate(now)
    values = reassess(file, today)
    changes: dict[str, Any] = dict(values)
    detail: dict[str, Any] = {"result": result, "suggested": values["suggested_class"]}
    if result == RecheckResult.RECLASSIFY:
        if not values["suggested_class"]:
            raise ValidationFailed(_("按现行认定标准该家庭已不符合困难条件，请办理解困脱困。"), field="result",
                                   code="not_eligible")
        changes.update(hardship_class=values["suggested_class"], rule=values["suggested_rule"])
        detail.update(old_class=file.hardship_class, new_class=values["suggested_class"],
                      old_rule=file.rule_id, new_rule=values["suggested_rule"].pk)
    due_on = file.next_recheck_on
    on_time = due_on is None or today <= due_on
    changes.update(next_recheck_on=_next_recheck(file, today), recheck_overdue=False)
    note = clean_text(note, field="note", max_length=500)
    file = hardship_transition(actor=actor, file=file, action=Action.RECHECK, changes=changes, note=note, now=now,
                               version=version, detail={**detail, "due_on": due_on.isoformat() if due_on else None,
                                                        "on_time": on_time})
    actor_row = who(actor)
    HardshipRecheck.objects.create(file=file, due_on=due_on, done_at=now, on_time=on_time, result=result,
                                   income_per_head=file.income_per_head, suggested_class=file.suggested_class,
                                   note=note, actor_id=actor_row.id, actor_label=actor_row.shown)
    return file


def hardship_exit(*, actor: Any, file: HardshipFile, reason: str, note: str = "", version: int | None = None,
                  now: datetime.datetime | None = None) -> HardshipFile:
    """解困脱困: the household is out of hardship and watched for a relapse for a set period."""
    reason = clean_choice(reason, ExitReason, field="exit_reason")
    note = clean_text(note, field="note", max_length=500, required=reason == ExitReason.OTHER)
    now = now or timezone.now()
    today = timezone.localdate(now)
    watch_until = add_months(today, watch_months())
    return hardship_transition(actor=actor, file=file, action=Action.EXIT, now=now, version=version, note=note,
                               changes={"exit_reason": reason, "exit_note": note, "watch_until": watch_until,
                                        "next_recheck_on": min(add_months(today, recheck_months()), watch_until),
                                        "recheck_overdue": False},
                               detail={"reason": reason, "watch_until": watch_until.isoformat()})


def hardship_close_watch(*, actor: Any, file: HardshipFile, note: str = "", version: int | None = None,
                         now: datetime.datetime | None = None) -> HardshipFile:
    """监测期满: the watch ended without a relapse."""
    now = now or timezone.now()
    if file.watch_until is not None and timezone.localdate(now) < file.watch_until:
        raise ValidationFailed(msg(_("监测期至%(date)s，尚未届满。"), {"date": file.watch_until.isoformat()}),
                               field="watch_until", code="watch_running")
    return hardship_transition(actor=actor, file=file, action=Action.CLOSE, now=now, version=version,
                               changes={"next_recheck_on": None, "recheck_overdue": False},
                               note=clean_text(note, field="note", max_length=500))


@transaction.atomic
def hardship_relapse(*, actor: Any, file: HardshipFile, note: str, causes: list[str] | None = None,
                     version: int | None = None, now: datetime.datetime | None = None) -> HardshipFile:
    """返困: the household falls back. This file ends as `relapsed`; a new file, linked to it, starts at
    the application with the household and consent carried over, to be reviewed and approved again
    under the rule in force now. Returns the new file."""
    note = clean_text(note, field="note", max_length=500, required=True)
    now = now or timezone.now()
    people = people_of(file)
    clean = clean_causes(causes) if causes else causes_of(file)
    if not clean:
        raise ValidationFailed(_("请至少选择一项致困原因。"), field="causes", code="required")
    old = hardship_transition(actor=actor, file=file, action=Action.RELAPSE, now=now, version=version, note=note,
                              changes={"next_recheck_on": None, "recheck_overdue": False})
    values = derived_values(adcode=old.adcode, people=people, causes=clean, rigid_expenses=old.rigid_expenses,
                            on=timezone.localdate(now))
    carried = {f: getattr(old, f) for f in (
        "member_id", "worker_name", "worker_id_type", "worker_id_number", "worker_id_index", "worker_id_masked",
        "worker_phone", "worker_phone_index", "worker_phone_masked", "employer_name", "address", "union_id",
        "org_path", "adcode", "consent_signer", "consent_at", "consent_text_version", "consent_recorded_by")}
    try:
        with transaction.atomic():
            new = HardshipFile.objects.create(status=Status.APPLIED, surveyed_at=now, applied_at=now,
                                              previous_file=old, is_relapse=True, survey_note=note, **carried,
                                              **values)
    except IntegrityError:
        raise AlreadyFiled(None, visible=False) from None
    write_household(new, people, clean)
    record_file_event(actor=actor, file=new, action=Action.RELAPSE, new_status=new.status, note=note,
                      detail={"previous": old.pk, "causes": clean})
    return new
