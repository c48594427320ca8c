"""The background exports' retention rule (core.retention): a generated file holds a whole list with
its personal data, for its owner to download; past the period it is deleted from media storage and
the job forgets it. The job's row stays until `export_jobs_purge` removes it; the audit entry of the
export (who, which list, how many rows) is the lasting record."""

from datetime import datetime

from gonghui.core.retention import Applied
from gonghui.core.retention_purges import apply_in_batches, delete_files_on_commit
from gonghui.reports.models import ExportJob


def purge_export_files(*, cutoff: datetime, batch: int, max_batches: int, dry_run: bool) -> Applied:
    due = ExportJob.objects.filter(created_at__lt=cutoff).exclude(file="")

    def forget_file(ids: list[int]) -> None:
        names = list(ExportJob.objects.filter(pk__in=ids).values_list("file", flat=True))
        ExportJob.objects.filter(pk__in=ids).update(file="")
        delete_files_on_commit(ExportJob._meta.get_field("file"), names)

    return apply_in_batches(due, forget_file, batch=batch, max_batches=max_batches, dry_run=dry_run)
