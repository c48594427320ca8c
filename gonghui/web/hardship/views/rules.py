"""困难职工认定标准: the rule versions of each area with their lines and factors, a new version, and
a what-if assessment under the rule in force (the same one a review would make)."""

import datetime
from decimal import Decimal
from itertools import groupby
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.assistance.choices import Cause, HardshipClass
from gonghui.assistance.models import AssessmentRule
from gonghui.assistance.selectors import assessment_preview, rule_list
from gonghui.assistance.services import assessment_rule_add
from gonghui.assistance.services.rules import may_set_rules
from gonghui.web.common.forms import BootstrapFormMixin, call_service
from gonghui.web.hardship.forms import RuleForm
from gonghui.web.hardship.views.common import needs_hardship_permission

CENT = Decimal("0.01")


class PreviewForm(BootstrapFormMixin, forms.Form):
    adcode = forms.CharField(label=gettext_lazy("所在地区代码"), max_length=12)
    incomes = forms.CharField(label=gettext_lazy("家庭成员年收入（元）"), max_length=400,
                              help_text=gettext_lazy("每人一个数，用逗号或空格隔开，如：24000, 12000, 0"))
    causes = forms.MultipleChoiceField(label=gettext_lazy("致困原因"), choices=Cause.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple(attrs={"class": "gh-checks"}))
    rigid_expenses = forms.CharField(label=gettext_lazy("刚性支出（元/年）"), max_length=20, required=False)

    def income_list(self) -> list[str]:
        text = self.cleaned_data["incomes"].replace("，", ",").replace("、", ",").replace(",", " ")
        return [part for part in text.split() if part]


def _in_force(versions: list[AssessmentRule], today: datetime.date) -> int | None:
    """The version an area applies today: the latest started and not ended (rules.rule_in_force's order)."""
    for rule in versions:  # newest first, as rule_list orders them
        if rule.effective_from <= today and (rule.effective_to is None or rule.effective_to >= today):
            return rule.pk
    return None


def _areas(rules: list[AssessmentRule], today: datetime.date) -> list[dict[str, Any]]:
    areas = []
    for adcode, group in groupby(rules, key=lambda r: r.adcode):
        versions = list(group)
        current = _in_force(versions, today)
        areas.append({"adcode": adcode, "name": versions[0].area_name, "current": current, "rows": [
            {"rule": r, "in_force": r.pk == current, "future": r.effective_from > today,
             "deep": (r.min_living_monthly * r.deep_factor).quantize(CENT),
             "relative": (r.min_living_monthly * r.relative_factor).quantize(CENT),
             "accident": (r.min_living_monthly * r.accident_factor).quantize(CENT)} for r in versions]})
    return areas


@needs_hardship_permission()
def rules_page(request: HttpRequest) -> HttpResponse:
    may_add = may_set_rules(request.user)
    adding = request.method == "POST" and "add_rule" in request.POST
    if adding and not may_add:
        raise DjangoPermissionDenied
    form = RuleForm(request.POST if adding else None)
    if adding and form.is_valid():
        rule = call_service(form, assessment_rule_add, actor=request.user, **form.cleaned_data)
        if rule is not None:
            messages.success(request, _("已新增%(area)s第%(v)d版认定标准，%(date)s起施行。") % {
                "area": rule.area_name, "v": rule.version, "date": rule.effective_from.isoformat()})
            return redirect(f"{request.path}?adcode={rule.adcode}")
    preview_form = PreviewForm(request.POST if "preview" in request.POST else None)
    preview = _preview(preview_form) if preview_form.is_bound and preview_form.is_valid() else None
    adcode = request.GET.get("adcode", "").strip()[:6]
    today = timezone.localdate()
    return render(request, "hardship/rules.html", {
        "areas": _areas(list(rule_list(adcode=adcode)), today), "adcode": adcode, "form": form,
        "may_add": may_add, "preview_form": preview_form, "preview": preview, "today": today,
    }, status=400 if (adding and form.errors) or (preview_form.is_bound and preview_form.errors) else 200)


def _preview(form: PreviewForm) -> dict[str, Any] | None:
    data = form.cleaned_data
    result = call_service(form, assessment_preview, adcode=data["adcode"], incomes=form.income_list(),
                          causes=data["causes"], rigid_expenses=data["rigid_expenses"] or 0)
    if result is None:
        return None
    assessment, rule = result
    return {"assessment": assessment, "rule": rule,
            "class_label": HardshipClass(assessment.hardship_class).label if assessment.hardship_class else None}
