"""The cases' retention rule (core.retention): a case closed (已归档) longer than the period is archived.

Archived, the case keeps what the statistics count (line, channel, kind, category, status, unions,
employer, region, dates, money recovered, people helped, rating) and loses what names or describes
the caller: name, phone, identity number, address, the member it was linked to, the texts of the
request, outcome, call-back, timeline notes and 督办, the attachments and the inbox notifications.
It then leaves the case lists and queues; its number still opens it."""

from datetime import datetime

from django.db.models import F
from django.utils import timezone

from gonghui.cases.choices import Status
from gonghui.cases.models import Case
from gonghui.cases.record_models import CaseAttachment, CaseEvent, CaseNotification, Supervision
from gonghui.core.retention import Applied
from gonghui.core.retention_purges import apply_in_batches, delete_files_on_commit, forget_portal_callers

MINIMISED = {
    "caller_name": "", "caller_phone": "", "caller_phone_index": "", "caller_phone_masked": "",
    "caller_id_number": "", "caller_id_index": "", "caller_id_masked": "", "address": "", "member": None,
    "description": "", "outcome": "", "callback_note": "",
}


def archive_closed_cases(*, cutoff: datetime, batch: int, max_batches: int, dry_run: bool) -> Applied:
    due = Case.objects.filter(status=Status.CLOSED, closed_at__lt=cutoff, archived_at__isnull=True)

    def archive(ids: list[int]) -> None:
        files = list(CaseAttachment.objects.filter(case_id__in=ids).values_list("file", flat=True))
        CaseAttachment.objects.filter(case_id__in=ids).delete()
        CaseNotification.objects.filter(case_id__in=ids).delete()
        CaseEvent.objects.filter(case_id__in=ids).exclude(note="").update(note="")
        forget_portal_callers(CaseEvent.objects.filter(case_id__in=ids))
        Supervision.objects.filter(case_id__in=ids).update(note="", reply="")
        now = timezone.now()
        # The new version makes a page loaded before the archiving stale: its compare-and-set fails.
        Case.objects.filter(pk__in=ids).update(**MINIMISED, archived_at=now, updated_at=now,
                                               version=F("version") + 1)
        delete_files_on_commit(CaseAttachment._meta.get_field("file"), files)

    return apply_in_batches(due, archive, batch=batch, max_batches=max_batches, dry_run=dry_run)
