"""The hardship registry's retention rules (core.retention): the access log of household identities
and health notes, files whose watch period ended (监测期满) or whose household fell back (返困, going on
in a new file) longer ago than the period, and files refused or withdrawn before they were filed.

Archived, a file keeps what the statistics count (union, area, class, causes, household size and
incomes, dates, exit reason, relapse link) and loses what names or describes the household: the
worker's name, identity number, phone and address, the member link, the household members' names,
identity numbers and health notes, the survey, exit, rejection and re-check texts, timeline notes,
the consent signer and the documents. It then leaves the registry's lists; its number still opens it."""

from datetime import datetime

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from gonghui.assistance.choices import Status
from gonghui.assistance.models import HardshipFile, HouseholdMember
from gonghui.assistance.record_models import HardshipDataAccess, HardshipDocument, HardshipEvent, HardshipRecheck
from gonghui.core.audit import WORKER_PREFIX
from gonghui.core.retention import Applied
from gonghui.core.retention_purges import apply_in_batches, delete_files_on_commit, forget_portal_callers, purge_rows

MINIMISED = {
    "worker_name": "", "worker_id_number": "", "worker_id_index": "", "worker_id_masked": "",
    "worker_phone": "", "worker_phone_index": "", "worker_phone_masked": "", "address": "", "member": None,
    "survey_note": "", "exit_note": "", "reject_reason": "", "consent_signer": "",
}


def purge_access_log(*, cutoff: datetime, batch: int, max_batches: int, dry_run: bool) -> Applied:
    return purge_rows(HardshipDataAccess.objects.filter(at__lt=cutoff), batch=batch, max_batches=max_batches,
                      dry_run=dry_run)


def _archive(ids: list[int]) -> None:
    """Minimise the files `ids` (one batch, in the caller's transaction); their documents' files go
    after the commit."""
    files = list(HardshipDocument.objects.filter(file_id__in=ids).values_list("upload", flat=True))
    HardshipDocument.objects.filter(file_id__in=ids).delete()
    HouseholdMember.objects.filter(file_id__in=ids).update(name="", id_number="", id_index="", id_masked="",
                                                           health_notes="")
    HardshipEvent.objects.filter(file_id__in=ids).exclude(note="").update(note="")
    forget_portal_callers(HardshipEvent.objects.filter(file_id__in=ids))
    HardshipRecheck.objects.filter(file_id__in=ids).exclude(note="").update(note="")
    # A consent given on the portal names the worker's masked phone as who recorded it.
    HardshipFile.objects.filter(pk__in=ids, consent_recorded_by__startswith=WORKER_PREFIX).update(
        consent_recorded_by=WORKER_PREFIX)
    now = timezone.now()
    # The new version makes a page loaded before the archiving stale: its compare-and-set fails.
    HardshipFile.objects.filter(pk__in=ids).update(**MINIMISED, archived_at=now, updated_at=now,
                                                   version=F("version") + 1)
    delete_files_on_commit(HardshipDocument._meta.get_field("upload"), files)


def archive_exited_files(*, cutoff: datetime, batch: int, max_batches: int, dry_run: bool) -> Applied:
    """Files that ended after the household's exit: the watch ran out (监测期满, counted from `closed_at`),
    or the household fell back (返困) and goes on in a new file linked to this one, which is then closed
    for good. A relapsed file is counted from the relapse, whose event is the record (a relapse stamps no
    field of its own, and a file whose watch ended long ago may relapse today: its `closed_at` is old)."""
    due = _ended_before(cutoff, Status.CLOSED, "closed_at", Status.RELAPSED)
    return apply_in_batches(due, _archive, batch=batch, max_batches=max_batches, dry_run=dry_run)


def archive_unfiled_files(*, cutoff: datetime, batch: int, max_batches: int, dry_run: bool) -> Applied:
    """Files refused (未通过) or withdrawn (已撤销) before they were ever filed: no aid was paid on them,
    but the statistics count the applications. Counted from the refusal (`rejected_at`) or from the step
    that withdrew the file (a withdrawal stamps no field of its own; its event is the record)."""
    due = _ended_before(cutoff, Status.REJECTED, "rejected_at", Status.WITHDRAWN)
    return apply_in_batches(due, _archive, batch=batch, max_batches=max_batches, dry_run=dry_run)


def _ended_before(cutoff: datetime, stamped: str, stamp: str, by_event: str) -> QuerySet[HardshipFile]:
    """Files not yet archived that ended before `cutoff`: in status `stamped` by the date field `stamp`, or
    in status `by_event` by the event that moved them there (that step stamps no field of its own)."""
    event_before = Exists(HardshipEvent.objects.filter(file=OuterRef("pk"), new_status=by_event, at__lt=cutoff))
    return HardshipFile.objects.filter(Q(status=stamped, **{f"{stamp}__lt": cutoff}) | Q(event_before, status=by_event),
                                       archived_at__isnull=True)
