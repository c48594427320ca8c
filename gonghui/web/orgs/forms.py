"""Console forms for unions and employers. They parse; the services validate the domain rules."""

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.choices import Industry, Level, Ownership, RiskReason, UnionKind
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.selectors import regions_near
from gonghui.web.common.forms import BootstrapFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def region_choices(near: TradeUnion | None, keep: str | None = None) -> list[tuple[str, str]]:
    return [("", "—")] + [(r.adcode, f"{r.adcode} {r.name}") for r in regions_near(union=near, keep=keep)]


class UnionForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=UnionKind.choices)
    level = forms.TypedChoiceField(label=_("层级"), choices=Level.choices, coerce=int)
    region = forms.ChoiceField(label=_("行政区划"), required=False)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=40, required=False,
                                  help_text=_("具备法人资格的工会填写（18位）。"))
    founded_on = forms.DateField(label=_("成立日期"), required=False, widget=DATE,
                                 input_formats=["%Y-%m-%d", "%Y.%m.%d", "%Y/%m/%d", "%Y年%m月%d日"])
    legal_person = forms.BooleanField(label=_("具备法人资格"), required=False)
    chair_name = forms.CharField(label=_("工会主席"), max_length=50, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, near: TradeUnion | None = None, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["region"]).choices = region_choices(near, self.initial.get("region"))
        if editing:
            del self.fields["level"]

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["region"] = data.get("region") or None
        return data

    @classmethod
    def initial_for(cls, union: TradeUnion) -> dict[str, Any]:
        return {f: getattr(union, f) for f in ("name", "kind", "credit_code", "founded_on", "legal_person",
                                               "chair_name", "phone", "address", "version")} | {
            "region": union.region_id or ""}


class OrgPickForm(BootstrapFormMixin, forms.Form):
    target = forms.IntegerField(label=_("目标工会"), widget=forms.HiddenInput,
                                error_messages={"required": _("请先搜索并选择目标工会。")})


class DissolveForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("撤销原因"), max_length=200, widget=forms.Textarea(attrs={"rows": 3}))
    on = forms.DateField(label=_("撤销日期"), widget=DATE, initial=timezone.localdate)


class EmployerForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("单位名称"), max_length=100)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=40)
    industry = forms.ChoiceField(label=_("行业"), choices=Industry.choices)
    ownership = forms.ChoiceField(label=_("经济类型"), choices=Ownership.choices)
    region = forms.ChoiceField(label=_("行政区划"), required=False)
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    employee_count = forms.IntegerField(label=_("职工人数"), min_value=0, initial=0)
    women_count = forms.IntegerField(label=_("女职工人数"), min_value=0, initial=0)
    migrant_count = forms.IntegerField(label=_("农民工人数"), min_value=0, initial=0)
    above_scale = forms.BooleanField(label=_("规模以上企业"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, near: TradeUnion | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["region"]).choices = region_choices(near, self.initial.get("region"))

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["region"] = data.get("region") or None
        return data


DATE_FORMATS = ["%Y-%m-%d", "%Y.%m.%d", "%Y/%m/%d", "%Y年%m月%d日"]


class RiskListForm(BootstrapFormMixin, forms.Form):
    """列入劳动关系风险名单: the service checks the reason, the note and the date."""

    reason = forms.ChoiceField(label=_("列入原因"), choices=[("", "—"), *RiskReason.choices])
    listed_on = forms.DateField(label=_("列入日期"), widget=DATE, initial=timezone.localdate, required=False,
                                input_formats=DATE_FORMATS)
    note = forms.CharField(label=_("情况说明"), required=False, max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}), help_text=_("原因为“其他”时必填。"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="list", **kwargs)


class RiskRemoveForm(BootstrapFormMixin, forms.Form):
    """移出劳动关系风险名单: a reason is required."""

    reason = forms.CharField(label=_("移出原因"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    removed_on = forms.DateField(label=_("移出日期"), widget=DATE, initial=timezone.localdate, required=False,
                                 input_formats=DATE_FORMATS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="remove", **kwargs)


class RiskFilterForm(forms.Form):
    """The filters of the 风险名单 page (GET): wrong values are ignored, not refused."""

    q = forms.CharField(required=False, max_length=100)
    reason = forms.ChoiceField(required=False, choices=[("", _("全部原因")), *RiskReason.choices])
    listed_from = forms.DateField(required=False, input_formats=DATE_FORMATS)
    listed_to = forms.DateField(required=False, input_formats=DATE_FORMATS)

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {k: v for k, v in self.cleaned_data.items() if k not in self.errors and v}
        return {k: v for k, v in self.cleaned_data.items() if v}
