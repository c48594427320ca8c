"""集体登记入会 in the console: template, upload, the validation report with its progress, the error
rows to download, the commit and its result. The work itself runs in members/tasks.py."""

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from gonghui.core.permissions import Perm
from gonghui.core.tabular import EXTENSIONS
from gonghui.members import roster_selectors as selectors
from gonghui.members.roster_columns import title
from gonghui.members.roster_files import template_workbook
from gonghui.members.services import roster
from gonghui.orgs.selectors import union_ancestors, union_get
from gonghui.web.common.forms import BootstrapFormMixin, call_service, call_service_or_message
from gonghui.web.common.views import needs_any, paginate, scope

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RosterUploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=gettext_lazy("名单文件"),
                           widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{e}" for e in EXTENSIONS)}))


def _download(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    response["Cache-Control"] = "no-store"  # may hold identity numbers
    return response


@needs_any(Perm.MEMBER_EDIT)
def roster_template(request: HttpRequest) -> HttpResponse:
    return _download(template_workbook(), "roster-template.xlsx")


def roster_home(request: HttpRequest, union_pk: int) -> HttpResponse:
    edit_scope = scope(request, Perm.MEMBER_EDIT)
    union = union_get(scope=edit_scope, pk=union_pk)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        created = call_service(form, roster.roster_upload, actor=request.user, union=union,
                               file=form.cleaned_data["file"])
        if created is not None:
            return redirect("web:roster_report", created.pk)
    return render(request, "web/members/roster_home.html", {
        "union": union, "form": form, "max_mb": settings.GONGHUI_ROSTER_MAX_MB,
        "ancestors": union_ancestors(scope=scope(request, Perm.ORG_VIEW), union=union),
        "imports": selectors.roster_list(scope=edit_scope, union=union)[:20],
    })


def roster_report(request: HttpRequest, pk: int) -> HttpResponse:
    ri = selectors.roster_get(scope=scope(request, Perm.MEMBER_EDIT), pk=pk)
    return render(request, "web/members/roster_report.html", {
        "ri": ri, "page": paginate(request, selectors.roster_issues(roster_import=ri)),
        "columns": [title(c["field"]) for c in ri.columns],
    })


def roster_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled every second while the import runs; once it stops, the whole report reloads."""
    ri = selectors.roster_get(scope=scope(request, Perm.MEMBER_EDIT), pk=pk)
    if not ri.running and request.headers.get("HX-Request") == "true":
        return HttpResponseClientRefresh()
    return render(request, "web/members/roster_progress.html", {"ri": ri})


@require_POST
def roster_commit(request: HttpRequest, pk: int) -> HttpResponse:
    ri = selectors.roster_get(scope=scope(request, Perm.MEMBER_EDIT), pk=pk)
    # A second commit (another tab, a double click) is refused by the service: a message, not a form.
    call_service_or_message(request, roster.roster_commit_request, actor=request.user, roster_import=ri)
    return redirect("web:roster_report", ri.pk)


def roster_errors(request: HttpRequest, pk: int) -> HttpResponse:
    ri = selectors.roster_get(scope=scope(request, Perm.MEMBER_EDIT), pk=pk)
    data = roster.roster_errors_export(actor=request.user, roster_import=ri)
    return _download(data, f"roster-{ri.pk}-errors.xlsx")
