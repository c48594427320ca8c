"""The audit log page, for the audit administrator, scoped like everything else."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.selectors import audit_list
from gonghui.core.permissions import Perm
from gonghui.web.common.forms import BootstrapFormMixin
from gonghui.web.common.views import needs_any, paginate, scope


class AuditFilterForm(BootstrapFormMixin, forms.Form):
    actor = forms.CharField(label=_("操作人"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("操作"), required=False, choices=[
        ("", _("全部操作")), ("auth.", _("登录与认证")), ("org.", _("工会组织")), ("employer.", _("用人单位")),
        ("user.", _("账号")), ("grant.", _("角色授权")), ("region.", _("行政区划")),
    ])
    obj = forms.CharField(label=_("对象"), required=False, max_length=200)
    since = forms.DateField(label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


@needs_any(Perm.AUDIT_VIEW)
def audit_page(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = audit_list(scope=scope(request, Perm.AUDIT_VIEW), **{k: v for k, v in filters.items() if v})
    return render(request, "web/audit/list.html", {"form": form, "page": paginate(request, qs, per_page=50)})
