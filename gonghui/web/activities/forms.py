"""Console forms of 工会活动. They parse what the cadre typed; the activities services judge the times,
capacity, fee and audience, and their errors land on the field they name."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.activities.choices import ActivityKind, ActivityStatus, Audience
from gonghui.web.common.forms import BootstrapFormMixin

ANY = [("", _("全部"))]
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _moment(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(label=label, widget=MOMENT, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                               error_messages={"invalid": _("请输入有效时间，如2026-05-01 09:00。"),
                                               "required": _("请填写%(field)s。") % {"field": label}})


def _lenient(form: forms.Form) -> dict[str, Any]:
    if form.is_valid():
        return form.cleaned_data
    return {k: v for k, v in getattr(form, "cleaned_data", {}).items() if k not in form.errors}


class ActivityFilterForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("活动类型"), choices=ANY + list(ActivityKind.choices), required=False)
    status = forms.ChoiceField(label=_("状态"), choices=ANY + list(ActivityStatus.choices), required=False)
    q = forms.CharField(label=_("活动名称"), max_length=60, required=False)
    show = forms.ChoiceField(choices=[("", ""), ("soon_waiting", ""), ("ended", "")], required=False,
                             widget=forms.HiddenInput)

    def values(self) -> dict[str, Any]:
        return _lenient(self)


class ActivityForm(BootstrapFormMixin, forms.Form):
    organiser = forms.TypedChoiceField(label=_("主办工会"), coerce=int)
    kind = forms.ChoiceField(label=_("活动类型"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("活动名称"), max_length=120)
    description = forms.CharField(label=_("活动内容"), max_length=4000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    audience = forms.ChoiceField(label=_("报名范围"), choices=Audience.choices, widget=forms.RadioSelect,
                                 initial=Audience.SUBTREE)
    audience_union = forms.TypedChoiceField(label=_("面向工会（本工会及下级会员可报名）"), coerce=int, required=False,
                                            empty_value=None)
    capacity = forms.IntegerField(label=_("名额"), min_value=1, max_value=100000,
                                  widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                                  error_messages={"invalid": _("请输入整数。"), "min_value": _("名额至少为1。")})
    signup_opens_at = _moment(_("报名开始时间"))
    signup_closes_at = _moment(_("报名截止时间"))
    starts_at = _moment(_("活动开始时间"))
    ends_at = _moment(_("活动结束时间"))
    fee = forms.DecimalField(label=_("费用（元，免费填0）"), min_value=0, max_digits=8, decimal_places=2, initial=0,
                             widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                             error_messages={"invalid": _("请输入金额，如30或30.50。")})
    region = forms.ChoiceField(label=_("所在地区"))
    address = forms.CharField(label=_("活动地点"), max_length=200)

    def __init__(self, *args: Any, unions: list[tuple[int, str]], regions: list[tuple[str, str]],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["organiser"]).choices = unions
        cast(forms.ChoiceField, self.fields["audience_union"]).choices = [("", str(_("同主办工会"))), *unions]
        cast(forms.ChoiceField, self.fields["region"]).choices = [("", "—"), *regions]

    def data_for_service(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("organiser", None)
        return data


class CancelForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("取消原因（将短信告知已报名和候补的人）"), max_length=200)


class FiguresForm(BootstrapFormMixin, forms.Form):
    root = forms.TypedChoiceField(label=_("统计范围"), coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(label=_("活动类型"), choices=ANY + list(ActivityKind.choices), required=False)
    start = forms.DateField(label=_("开始日期"), widget=DATE, required=False)
    end = forms.DateField(label=_("结束日期"), widget=DATE, required=False)

    def __init__(self, *args: Any, unions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["root"]).choices = unions

    def values(self) -> dict[str, Any]:
        return _lenient(self)
