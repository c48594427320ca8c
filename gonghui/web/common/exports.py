"""导出Excel from any list page: one form (web/partials/list_tools.html) posts the page's query string
here; the export service writes the registered export (core.exports) at once when it is small, or
queues a job whose progress page the browser polls, and whose file only its owner may download."""

from collections.abc import Callable
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_POST

from gonghui.core.exports import list_export
from gonghui.core.replica import read_only
from gonghui.reports.selectors import export_job_get
from gonghui.reports.services import export_start
from gonghui.web.common.views import not_found_as_404

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FilterReader = Callable[[HttpRequest], dict[str, Any]]
_READERS: dict[str, FilterReader] = {}


def register_filter_reader(name: str, reader: FilterReader) -> None:
    """How a list page's request becomes its export's filters, where the query string is not all of
    it (a search kept in the session, the union the cadre works at)."""
    _READERS[name] = reader


def filters_of(request: HttpRequest, name: str) -> dict[str, Any]:
    reader = _READERS.get(name)
    return reader(request) if reader is not None else request.GET.dict()


def _download(out: Any, file_name: str) -> Any:  # a FileResponse, streamed
    response = FileResponse(out, as_attachment=True, filename=file_name, content_type=XLSX)
    response["Cache-Control"] = "no-store"
    return response


@require_POST  # an export is an audited act of the cadre: a CSRF-checked form, never a link
@not_found_as_404
@read_only
def export_list(request: HttpRequest, name: str) -> HttpResponse:
    import tempfile

    list_export(name)  # an unknown name is a 404 before anything is read
    # A temporary file, not memory; FileResponse closes it when sent.
    out = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        answer = export_start(actor=request.user, name=name, filters=filters_of(request, name), out=out)
    except BaseException:
        out.close()
        raise
    if answer.job is not None:
        out.close()
        return redirect("web:export_job", answer.job.pk)  # type: ignore[return-value]
    out.seek(0)
    return _download(out, answer.file_name)


def _back(route: str) -> str:
    try:
        return reverse(route) if route else ""
    except NoReverseMatch:
        return ""


@require_GET
@not_found_as_404
def export_job_page(request: HttpRequest, pk: int) -> HttpResponse:
    job = export_job_get(owner=request.user, pk=pk)
    export = list_export(job.name)
    template = "web/exports/_progress.html" if request.headers.get("HX-Request") else "web/exports/job.html"
    return render(request, template, {"job": job, "export": export, "back": _back(export.route)})


@require_GET
@not_found_as_404
def export_job_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = export_job_get(owner=request.user, pk=pk)
    if not job.downloadable:
        return redirect("web:export_job", job.pk)
    return _download(job.file.open("rb"), job.file_name)
