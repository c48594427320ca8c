"""数据保存期限: the retention rules as the operator set them and what the last sweep did."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gonghui.accounts.retention_selectors import retention_overview
from gonghui.core.permissions import Perm
from gonghui.web.common.views import needs_any, scope


@needs_any(Perm.AUDIT_VIEW)
def retention_page(request: HttpRequest) -> HttpResponse:
    overview = retention_overview(scope=scope(request, Perm.AUDIT_VIEW))
    return render(request, "web/audit/retention.html", {"overview": overview})
