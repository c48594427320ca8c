"""Reads of export jobs: a job is its owner's alone, and only while the owner may still export that list."""

from typing import Any

from gonghui.core.errors import NotFound
from gonghui.core.exports import list_export
from gonghui.orgs.scope import scope_for
from gonghui.reports.models import ExportJob


def export_job_get(*, owner: Any, pk: Any) -> ExportJob:
    # Someone else's job answers like a missing one, as out-of-scope rows do.
    try:
        job = ExportJob.objects.get(pk=pk, owner_id=owner.pk)
    except (ExportJob.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    if scope_for(owner, list_export(job.name).permission).is_empty:
        raise NotFound()
    return job
