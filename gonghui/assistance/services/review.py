"""Review at the grassroots, approval at the county, and the filing itself (建档)."""

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.choices import IN_FILE_STATUSES, Action, Status
from gonghui.assistance.models import HardshipEvent, HardshipFile
from gonghui.assistance.services.common import add_months, clean_text, who
from gonghui.assistance.services.intake import reassess
from gonghui.assistance.services.transition import hardship_transition
from gonghui.core.audit import audit_record
from gonghui.core.errors import PermissionDenied, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for


def recheck_months() -> int:
    return int(settings.GONGHUI_HARDSHIP_RECHECK_MONTHS)


def hardship_review(*, actor: Any, file: HardshipFile, note: str = "", version: int | None = None) -> HardshipFile:
    """基层审核: the union holding the file has verified the household and passes it up."""
    return hardship_transition(actor=actor, file=file, action=Action.REVIEW, version=version,
                               changes={"reviewed_by_id": who(actor).id},
                               note=clean_text(note, field="note", max_length=500))


@transaction.atomic
def hardship_approve(*, actor: Any, file: HardshipFile, note: str = "", version: int | None = None,
                     now: datetime.datetime | None = None) -> HardshipFile:
    """县级审批: the household is assessed under the rule in force today, and that class and rule
    version become the file's own."""
    actor_id = who(actor).id
    if actor_id is not None and actor_id == file.reviewed_by_id:
        # Two people look at every household: the one who reviewed it does not also approve it.
        raise PermissionDenied(_("审批人不能与基层审核人为同一人。"), field="reviewed_by", code="same_person")
    now = now or timezone.now()
    values = reassess(file, timezone.localdate(now))
    if not values["suggested_class"]:
        raise ValidationFailed(_("按现行认定标准，该家庭不符合困难职工建档条件，不能审批通过。"),
                               field="income_per_head", code="not_eligible")
    values.update(hardship_class=values["suggested_class"], rule=values["suggested_rule"])
    return hardship_transition(actor=actor, file=file, action=Action.APPROVE, changes=values, version=version,
                               now=now, note=clean_text(note, field="note", max_length=500),
                               detail={"class": values["hardship_class"], "rule": values["rule"].pk,
                                       "per_head": str(values["income_per_head"])})


def hardship_reject(*, actor: Any, file: HardshipFile, reason: str, version: int | None = None) -> HardshipFile:
    reason = clean_text(reason, field="reason", max_length=500, required=True)
    return hardship_transition(actor=actor, file=file, action=Action.REJECT, note=reason, version=version,
                               changes={"reject_reason": reason})


def hardship_file_open(*, actor: Any, file: HardshipFile, note: str = "", version: int | None = None,
                       now: datetime.datetime | None = None) -> HardshipFile:
    """建档: the approved household is in the registry; the first re-check is scheduled."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    number = f"KN{today:%Y}{file.pk:08d}"
    return hardship_transition(actor=actor, file=file, action=Action.FILE_OPEN, now=now, version=version,
                               changes={"number": number, "next_recheck_on": add_months(today, recheck_months()),
                                        "recheck_overdue": False},
                               note=clean_text(note, field="note", max_length=500), detail={"number": number})


def hardship_mark_aided(*, actor: Any, file: HardshipFile, note: str = "", detail: dict[str, Any] | None = None,
                        now: datetime.datetime | None = None) -> HardshipFile:
    """The household received aid (a grant paid by a programme); the first one stamps the stage time."""
    now = now or timezone.now()
    changes = {"aided_at": now} if file.aided_at is None else {}
    return hardship_transition(actor=actor, file=file, action=Action.AID, changes=changes, now=now,
                               note=clean_text(note, field="note", max_length=500), detail=detail)


@transaction.atomic
def hardship_files_mark_aided(*, actor: Any, file_ids: list[int], note: str,
                              now: datetime.datetime | None = None) -> list[int]:
    """A paid aid batch marks its households aided in one statement, with an event each and one audit
    row; files out of the actor's scope or no longer in file are left as they are. Returns the ids
    marked."""
    now = now or timezone.now()
    scope = scope_for(actor, Perm.HARDSHIP_EDIT)
    files = HardshipFile.objects.visible_to(scope).filter(pk__in=file_ids, status__in=IN_FILE_STATUSES)
    rows = list(files.select_for_update().values_list("pk", "status"))
    if not rows:
        return []
    ids = [pk for pk, _status in rows]
    HardshipFile.objects.filter(pk__in=ids, status__in=IN_FILE_STATUSES).update(
        status=Status.AIDED, aided_at=Coalesce("aided_at", now), version=F("version") + 1, updated_at=now)
    actor_row = who(actor)
    note = clean_text(note, field="note", max_length=500)
    HardshipEvent.objects.bulk_create([
        HardshipEvent(file_id=pk, action=Action.AID, old_status=status,
                      new_status=Status.AIDED if status != Status.AIDED else "", actor_id=actor_row.id,
                      actor_label=actor_row.shown, note=note, at=now) for pk, status in rows])
    audit_record(actor=actor_row, action="hardship.aid", object_type="assistance.hardshipfile",
                 object_label=str(len(ids)), detail={"count": len(ids), "files": ids[:1000], "note": note})
    return ids
