"""Reference data of 集体合同: the contract kinds (an administrator at the root adds more), the key-term
codebook, and the local minimum wages the agreed lowest wage is compared against."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gonghui.contracts.selectors import codebook, kinds, may_add_kinds, minimum_wages, region_by_code
from gonghui.contracts.services import contract_kind_add, contract_kind_set_active, minimum_wage_set
from gonghui.core.errors import ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.web.common.forms import add_refusal, call_service, call_service_or_message
from gonghui.web.contracts.forms import KindForm, MinimumWageForm
from gonghui.web.contracts.views.common import contract_scope, needs_contract_permission


@needs_contract_permission(Perm.CONTRACT_MANAGE)
def contract_settings_page(request: HttpRequest) -> HttpResponse:
    which = request.POST.get("form", "")
    if which == "kind_active":
        return _kind_set_active(request)
    kind_form = KindForm(request.POST if which == "kind" else None, prefix="kind")
    wage_form = MinimumWageForm(request.POST if which == "wage" else None, prefix="wage")
    if which == "kind" and kind_form.is_valid():
        data = kind_form.cleaned_data
        if call_service(kind_form, contract_kind_add, actor=request.user, name=data["name"], code=data["code"],
                        is_wage=data["is_wage"]) is not None:
            messages.success(request, _("已添加合同种类。"))
            return redirect("web:contract_settings")
    if which == "wage" and wage_form.is_valid():
        data = wage_form.cleaned_data
        region = region_by_code(adcode=data["adcode"])
        if region is None:
            add_refusal(wage_form, ValidationFailed(_("找不到该行政区划代码。"), field="adcode"))
        elif call_service(wage_form, minimum_wage_set, actor=request.user, region=region, monthly=data["monthly"],
                          hourly=data["hourly"], effective_from=data["effective_from"],
                          source=data["source"]) is not None:
            messages.success(request, _("已保存最低工资标准。"))
            return redirect("web:contract_settings")
    return render(request, "contracts/settings.html", {
        "kinds": kinds(active_only=False), "codebook": codebook(), "wages": minimum_wages(),
        "kind_form": kind_form, "wage_form": wage_form,
        "at_root": may_add_kinds(scope=contract_scope(request, Perm.CONTRACT_MANAGE)),
    }, status=400 if which else 200)


def _kind_set_active(request: HttpRequest) -> HttpResponse:
    """停用/启用: a button per kind; a refusal (not at the root, already so) is a message on the page."""
    pk = request.POST.get("kind", "")
    kind = kinds(active_only=False).filter(pk=pk).first() if pk.isdigit() else None
    if kind is None:
        messages.error(request, _("找不到该合同种类。"))
        return redirect("web:contract_settings")
    active = request.POST.get("active") == "1"
    if call_service_or_message(request, contract_kind_set_active, actor=request.user, kind=kind,
                               active=active) is not None:
        messages.success(request, _("已启用合同种类“%(name)s”。") % {"name": kind.name} if active
                         else _("已停用合同种类“%(name)s”，已有合同保留该种类。") % {"name": kind.name})
    return redirect("web:contract_settings")
