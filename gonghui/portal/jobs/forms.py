"""求职: the search filters and the short profile a worker sends with an application. The consent box
is explicit and unticked; the jobs service refuses an application without it, beside the box."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.portal.common.forms import BLANK, PortalForm

NUMBER = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})


class SearchForm(PortalForm):
    q = forms.CharField(label=_("关键词"), max_length=50, required=False,
                        widget=forms.TextInput(attrs={"placeholder": _("岗位或单位名称")}))
    area = forms.ChoiceField(label=_("地区"), required=False)
    pay = forms.IntegerField(label=_("月薪不低于（元）"), min_value=0, max_value=1_000_000, required=False,
                             widget=NUMBER)

    def __init__(self, *args: Any, areas: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [*BLANK, *areas]  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        if self.is_valid():
            return self.cleaned_data
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors}


class ApplyForm(PortalForm):
    skills = forms.CharField(label=_("技能特长"), max_length=200, required=False,
                             widget=forms.TextInput(attrs={"placeholder": _("如：电焊、叉车证、C1驾照")}))
    experience = forms.CharField(label=_("工作经历"), max_length=500, required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    expected_pay = forms.IntegerField(label=_("期望月薪（元）"), min_value=0, max_value=1_000_000, required=False,
                                      widget=NUMBER)
    desired_region = forms.ChoiceField(label=_("期望工作地区"), required=False)
    consent = forms.BooleanField(label=_("我同意将以上求职信息和我的姓名、手机号提供给该用人单位"), required=False)
    priority_consent = forms.BooleanField(
        label=_("我同意工会查询困难职工档案，如在档，为我标注“优先推荐”（不会向用人单位透露原因）"), required=False)

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["desired_region"].choices = [*BLANK, *regions]  # type: ignore[attr-defined]
