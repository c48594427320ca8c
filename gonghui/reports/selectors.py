"""Reads of export jobs: a job is its owner's alone, and only while the owner may still export that list."""

from typing import Any

from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.core.exports import list_export
from gonghui.reports.models import ExportJob
from gonghui.reports.services import export_scope


def export_job_get(*, owner: Any, pk: Any) -> ExportJob:
    # Someone else's job answers like a missing one, as out-of-scope rows do.
    try:
        job = ExportJob.objects.get(pk=pk, owner_id=owner.pk)
    except (ExportJob.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    try:
        export_scope(owner, list_export(job.name))
    except PermissionDenied:
        raise NotFound() from None
    return job
