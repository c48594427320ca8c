"""导出Excel from the member list: the list's own filters, through the export service, which checks
the permission, masks identity numbers and phones unless asked for in full with a reason, and audits
the export."""

import tempfile

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gonghui.core.errors import PermissionDenied, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.members.services import export
from gonghui.web.common.views import scope
from gonghui.web.members.views.members import list_filters

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_POST  # an export is an audited act of the cadre, so it is a CSRF-checked form, not a link
def member_export(request: HttpRequest) -> HttpResponseBase:
    _form, filters = list_filters(request, scope(request, Perm.MEMBER_VIEW))
    # A temporary file, not memory: the workbook of a province runs to millions of rows.
    out = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it when sent)
    full = request.POST.get("full") == "1"
    try:
        export.member_export(actor=request.user, out=out, full=full, reason=request.POST.get("reason", ""),
                             **filters)
    except (ValidationFailed, PermissionDenied) as exc:
        out.close()
        if not full:
            raise
        # The reason or the reveal permission is missing: back to the list with the answer.
        messages.error(request, str(exc))
        return redirect(f"{reverse('web:member_list')}?{request.GET.urlencode()}")
    except BaseException:
        out.close()
        raise
    out.seek(0)
    response = FileResponse(out, as_attachment=True, filename=f"members-{timezone.localdate():%Y%m%d}.xlsx",
                            content_type=XLSX)
    response["Cache-Control"] = "no-store"  # may hold identity numbers
    return response
