"""Every list export's one write path (ARCHITECTURE §6: export is a permission and is logged).

The service takes the registered export (core.exports), the exporter's scope for its permission and
the list's filters, and writes the rows through core.sheets_out in write-only mode into a file, so
memory stays flat however many rows there are. Up to GONGHUI_EXPORT_DIRECT_ROWS rows it answers at
once; above that it records an ExportJob and a task writes the same workbook in the background,
with the owner's scope taken again when it runs (a grant withdrawn meanwhile stops it).
"""

import json
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import NotFound, PermissionDenied, StorageFailed
from gonghui.core.exports import Kind, ListExport, Typed, list_export
from gonghui.core.idnumbers import mask_id, mask_phone
from gonghui.core.queue import enqueue_on_commit
from gonghui.core.sheets_out import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    MONEY_FORMAT,
    PERCENT_FORMAT,
    append_header,
    append_typed,
    new_workbook,
    set_widths,
)
from gonghui.core.storage import atomic_with_files, save_file
from gonghui.orgs.scope import Scope, scope_for, scope_for_any
from gonghui.orgs.services.common import audit_actor
from gonghui.reports.models import ExportJob

FORMATS = {Kind.MONEY: MONEY_FORMAT, Kind.DATE: DATE_FORMAT, Kind.DATETIME: DATETIME_FORMAT,
           Kind.PERCENT: PERCENT_FORMAT, Kind.INT: "0"}
PROGRESS_EVERY = 500
SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


@dataclass(frozen=True)
class ExportAnswer:
    rows: int
    file_name: str
    job: ExportJob | None = None  # set when the export runs in the background


def export_scope(actor: Any, export: ListExport) -> Scope:
    perms = export.permission
    scope = scope_for(actor, perms) if isinstance(perms, str) else scope_for_any(actor, perms)
    if scope.is_empty:
        raise PermissionDenied()
    return scope


def _clean(export: ListExport, filters: Mapping[str, Any]) -> dict[str, str]:
    # Only the parameters the list declares, as short strings: the job row stores them as they are.
    return {k: str(filters[k]).strip()[:100] for k in export.params if str(filters.get(k) or "").strip()}


def _masked(text: str) -> str:
    compact = text.replace(" ", "")
    if len(compact) >= 11 and compact[:-1].isdigit():
        return mask_phone(compact) if len(compact) == 11 else mask_id(compact)
    return text


def _audit(actor: Any, export: ListExport, filters: dict[str, str], rows: int, **detail: Any) -> None:
    shown = {k: _masked(v) if k in export.private_params else v for k, v in filters.items()}
    audit_record(actor=audit_actor(actor), action="export.list", object_type="export",
                 object_id=export.name, object_label=str(export.title),
                 detail={"export": export.name, "filters": shown, "rows": rows, **detail})


def file_name(export: ListExport) -> str:
    return f"{export.title}-{timezone.localdate():%Y%m%d}.xlsx"


def _write(export: ListExport, actor: Any, scope: Scope, filters: dict[str, str], out: IO[bytes],
           progress: Callable[[int], object] | None = None) -> int:
    # The rows first: filters naming what the exporter may not see are refused before a sheet is begun.
    source = export.rows(actor=actor, scope=scope, filters=filters)
    workbook = new_workbook()
    sheet = workbook.create_sheet(str(export.title).translate(SHEET_FORBIDDEN)[:31])
    columns = export.columns_for(filters)
    set_widths(sheet, [c.width for c in columns])
    append_header(sheet, [c.title for c in columns])
    formats = [FORMATS.get(c.kind) for c in columns]
    rows = 0
    for row in source:
        if any(isinstance(v, Typed) for v in row):
            kinds = [FORMATS.get(v.kind) if isinstance(v, Typed) else f for v, f in zip(row, formats, strict=False)]
            append_typed(sheet, [v.value if isinstance(v, Typed) else v for v in row], kinds)
        else:
            append_typed(sheet, row, formats)
        rows += 1
        if progress is not None and rows % PROGRESS_EVERY == 0:
            progress(rows)
    workbook.save(out)
    return rows


def export_start(*, actor: Any, name: str, filters: Mapping[str, Any], out: IO[bytes]) -> ExportAnswer:
    """Write the list as .xlsx into `out` when it is small; otherwise queue a job for the actor and
    write nothing into `out`."""
    export = list_export(name)
    scope = export_scope(actor, export)
    clean = _clean(export, filters)
    total = export.count(actor=actor, scope=scope, filters=clean) if export.count is not None else 0
    if total > settings.GONGHUI_EXPORT_DIRECT_ROWS:
        return ExportAnswer(rows=total, file_name=file_name(export),
                            job=_queue(actor=actor, export=export, filters=clean, total=total))
    with transaction.atomic():
        # The audit row stands or falls with the export: a failed write leaves no "exported" record.
        rows = _write(export, actor, scope, clean, out)
        _audit(actor, export, clean, rows)
    return ExportAnswer(rows=rows, file_name=file_name(export))


@transaction.atomic
def _queue(*, actor: Any, export: ListExport, filters: dict[str, str], total: int) -> ExportJob:
    from gonghui.reports import tasks  # the tasks module imports these services

    job = ExportJob.objects.create(owner=actor, name=export.name, filters=json.dumps(filters, ensure_ascii=False),
                                   rows_total=total, file_name=file_name(export))
    enqueue_on_commit(tasks.export_job_run_task, job.pk)
    return job


def export_job_run(*, job_id: int) -> ExportJob:
    """Write a queued job's workbook as its owner, in the owner's scope as it stands now."""
    # Compare-and-set: two workers handed the same job write it once.
    if not ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
            status=ExportJob.Status.RUNNING):
        return ExportJob.objects.get(pk=job_id)
    job = ExportJob.objects.select_related("owner").get(pk=job_id)
    export = list_export(job.name)
    filters = json.loads(job.filters or "{}")
    try:
        scope = export_scope(job.owner, export)
        with tempfile.TemporaryFile() as out:
            rows = _write(export, job.owner, scope, filters, out,
                          progress=lambda n: ExportJob.objects.filter(pk=job_id).update(rows_done=n))
            out.seek(0)
            with atomic_with_files():
                save_file(job.file, f"{job.pk}.xlsx", File(out), field="file", what=_("导出文件"))
                job.status, job.rows_done, job.finished_at = ExportJob.Status.DONE, rows, timezone.now()
                job.rows_total = max(job.rows_total, rows)
                job.save(update_fields=["file", "status", "rows_done", "rows_total", "finished_at"])
                _audit(job.owner, export, filters, rows, job=job.pk)
    except (PermissionDenied, NotFound, StorageFailed) as exc:
        job.status, job.failure, job.finished_at = ExportJob.Status.FAILED, str(exc)[:300], timezone.now()
        job.save(update_fields=["status", "failure", "finished_at"])
    return job


def export_jobs_purge(*, now: Any = None) -> int:
    """Remove the jobs past their download period that hold no file: a failed one, or one whose file
    the retention sweep deleted (the one path that deletes export files: `export_files`, batched and
    audited). A job still naming its file waits for the sweep, so no file is left without its row."""
    expired = ExportJob.objects.filter(expires_at__lte=now or timezone.now(), file="")
    return expired.delete()[0]
