"""导出Excel from the member list: the list's own filters, through the export service, which checks
the permission, masks what the exporter may not reveal, and audits the export."""

import tempfile

from django.http import FileResponse, HttpRequest, HttpResponseBase
from django.utils import timezone
from django.views.decorators.http import require_POST

from gonghui.core.permissions import Perm
from gonghui.members.services import export
from gonghui.web.views.common import scope
from gonghui.web.views.members import list_filters

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_POST  # an export is an audited act of the cadre, so it is a CSRF-checked form, not a link
def member_export(request: HttpRequest) -> HttpResponseBase:
    _form, filters = list_filters(request, scope(request, Perm.MEMBER_VIEW))
    # A temporary file, not memory: the workbook of a province runs to millions of rows.
    out = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it when sent)
    try:
        export.member_export(actor=request.user, out=out, **filters)
    except BaseException:
        out.close()
        raise
    out.seek(0)
    response = FileResponse(out, as_attachment=True, filename=f"members-{timezone.localdate():%Y%m%d}.xlsx",
                            content_type=XLSX)
    response["Cache-Control"] = "no-store"  # may hold identity numbers
    return response
