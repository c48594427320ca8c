"""The rules' numbers (quotas, periods, the 职工董事 rule, each agenda kind's thresholds): everyone in
民主管理 reads them; whoever manages it at the root of the tree changes the numbers."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.democracy.choices import RuleCode
from gonghui.democracy.models import AgendaRule
from gonghui.democracy.selectors import may_change_rules, rule_rows
from gonghui.democracy.services import agenda_rule_set, rule_set
from gonghui.orgs.choices import Ownership
from gonghui.web.common.forms import call_service
from gonghui.web.common.views import needs_any, not_found_as_404
from gonghui.web.democracy.forms import AgendaRuleForm, RuleForm
from gonghui.web.democracy.views.common import MANAGE, PERMS, view_scope


def _fraction(numerator: int | None, denominator: int | None) -> str:
    return f"{numerator}/{denominator}" if numerator and denominator else ""


def _agenda_rows(agenda: list[AgendaRule], failed: tuple[str, Any] | None) -> list[dict[str, Any]]:
    rows = []
    for a in agenda:
        form = failed[1] if failed and failed[0] == f"agenda:{a.kind}" else AgendaRuleForm(initial={
            "quorum": _fraction(a.quorum_numerator, a.quorum_denominator), "quorum_base": a.quorum_base,
            "quorum_inclusive": a.quorum_inclusive, "majority": _fraction(a.majority_numerator, a.majority_denominator),
            "majority_base": a.majority_base, "majority_inclusive": a.majority_inclusive},
            auto_id=f"id_agenda_{a.kind}_%s")
        rows.append({"rule": a, "form": form})
    return rows


def render_rules(request: HttpRequest, failed: tuple[str, Any] | None = None) -> HttpResponse:
    rules, agenda = rule_rows(scope=view_scope(request))
    editable = may_change_rules(request.user)
    rows = []
    for rule in rules:
        current = rule.text if rule.code == RuleCode.DIRECTOR_OWNERSHIPS else f"{rule.value.normalize():f}"
        form = failed[1] if failed and failed[0] == rule.code else RuleForm(
            initial={"value": current}, auto_id=f"id_{rule.code}_%s")
        rows.append({"rule": rule, "current": current, "form": form})
    codes = "，".join(f"{value} {label}" for value, label in Ownership.choices)
    return render(request, "democracy/rules.html", {"rows": rows, "agenda": _agenda_rows(agenda, failed),
                                                    "editable": editable,
                                                    "ownership_codes": codes},
                  status=400 if failed else 200)


@needs_any(*PERMS)
@not_found_as_404
def rules_page(request: HttpRequest) -> HttpResponse:
    return render_rules(request)


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def rule_change(request: HttpRequest, code: str) -> HttpResponse:
    if not may_change_rules(request.user):
        raise DjangoPermissionDenied  # the page offers no form to them, so there is nowhere to show it
    form = RuleForm(request.POST, auto_id=f"id_{code}_%s")
    if form.is_valid() and call_service(form, rule_set, actor=request.user, code=code,
                                        value=form.cleaned_data["value"]) is not None:
        messages.success(request, _("已修改规则。"))
        return redirect("web:democracy_rules")
    return render_rules(request, (code, form))


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def agenda_rule_change(request: HttpRequest, kind: str) -> HttpResponse:
    if not may_change_rules(request.user):
        raise DjangoPermissionDenied
    form = AgendaRuleForm(request.POST, auto_id=f"id_agenda_{kind}_%s")
    if form.is_valid() and call_service(form, agenda_rule_set, actor=request.user, kind=kind,
                                        **form.cleaned_data) is not None:
        messages.success(request, _("已修改表决通过条件。"))
        return redirect("web:democracy_rules")
    return render_rules(request, (f"agenda:{kind}", form))
