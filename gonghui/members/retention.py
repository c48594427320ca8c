"""The members' retention rules (core.retention): the access log of full identity numbers and phones,
and the roster files a union uploaded, once their import is long finished."""

from datetime import datetime

from gonghui.core.retention import Applied
from gonghui.core.retention_purges import apply_in_batches, delete_files_on_commit, purge_rows
from gonghui.members.models import PersonalDataAccess
from gonghui.members.roster_models import RosterImport

FINISHED = (RosterImport.Status.COMMITTED, RosterImport.Status.FAILED)


def purge_access_log(*, cutoff: datetime, batch: int, max_batches: int, dry_run: bool) -> Applied:
    return purge_rows(PersonalDataAccess.objects.filter(at__lt=cutoff), batch=batch, max_batches=max_batches,
                      dry_run=dry_run)


def purge_roster_files(*, cutoff: datetime, batch: int, max_batches: int, dry_run: bool) -> Applied:
    """The uploaded file (names, identity numbers, phones) goes; the import's row, counts and issues stay
    as the record of what was done."""
    due = RosterImport.objects.filter(status__in=FINISHED, finished_at__lt=cutoff).exclude(file="")

    def forget_file(ids: list[int]) -> None:
        names = list(RosterImport.objects.filter(pk__in=ids).values_list("file", flat=True))
        RosterImport.objects.filter(pk__in=ids).update(file="")
        delete_files_on_commit(RosterImport._meta.get_field("file"), names)

    return apply_in_batches(due, forget_file, batch=batch, max_batches=max_batches, dry_run=dry_run)
