"""Console forms of 就业服务. They parse what the cadre typed; the jobs services judge pay ranges,
dates, divisions and scope, and their errors land on the field they name."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.jobs.choices import FairMode, FairStatus, PostingSource, PostingStatus
from gonghui.web.common.forms import BootstrapFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NUMBER = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
ANY = [("", _("全部"))]


def _int(label: Any, required: bool = True, low: int = 0, high: int = 1_000_000) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=low, max_value=high, required=required, widget=NUMBER,
                              error_messages={"invalid": _("请输入整数。"),
                                              "min_value": _("不能小于%(limit_value)s。"),
                                              "max_value": _("不能大于%(limit_value)s。")})


def _text(label: Any, max_length: int, required: bool = True, rows: int = 0) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, max_length=max_length, required=required, widget=widget)


def _date(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE, error_messages={"invalid": _("请输入有效日期，如2026-03-01。")})


class FilterForm(BootstrapFormMixin, forms.Form):
    def values(self) -> dict[str, Any]:
        if self.is_valid():
            return self.cleaned_data
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors}


class PostingFilterForm(FilterForm):
    q = forms.CharField(label=_("岗位或单位"), max_length=50, required=False)
    status = forms.ChoiceField(label=_("状态"), choices=ANY + list(PostingStatus.choices), required=False)
    source = forms.ChoiceField(label=_("来源"), choices=ANY + list(PostingSource.choices), required=False)
    region = forms.ChoiceField(label=_("工作地点"), required=False)
    pay = _int(_("月薪不低于（元）"), required=False)

    def __init__(self, *args: Any, regions: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = ANY + (regions or [])  # type: ignore[attr-defined]


class PostingForm(BootstrapFormMixin, forms.Form):
    employer = forms.TypedChoiceField(label=_("用人单位"), coerce=int)
    title = _text(_("岗位名称"), 60)
    places = _int(_("招聘人数"), low=1, high=10000)
    pay_min = _int(_("月薪下限（元）"))
    pay_max = _int(_("月薪上限（元）"))
    region = forms.ChoiceField(label=_("工作地点（区县）"))
    address = _text(_("详细地址"), 200, required=False)
    requirements = _text(_("岗位要求"), 2000, required=False, rows=3)
    contact_name = _text(_("联系人"), 50)
    contact_phone = _text(_("联系电话（手机）"), 20)
    expires_on = _date(_("有效期至"))

    def __init__(self, *args: Any, employers: list[tuple[int, str]], regions: list[tuple[str, str]],
                 editing: bool = False, phone_masked: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].choices = [("", "—"), *employers]  # type: ignore[attr-defined]
        self.fields["region"].choices = [("", "—"), *regions]  # type: ignore[attr-defined]
        if editing:
            del self.fields["employer"]
            phone = self.fields["contact_phone"]
            phone.required = False
            phone.help_text = _("现为 %(masked)s；不修改请留空。") % {"masked": phone_masked}


class ReviewForm(BootstrapFormMixin, forms.Form):
    decision = forms.ChoiceField(label=_("审核结论"), widget=forms.RadioSelect,
                                 choices=[("publish", _("通过并发布")), ("return", _("退回修改"))])
    note = _text(_("审核意见（退回时必填）"), 500, required=False, rows=2)
    version = forms.IntegerField(widget=forms.HiddenInput)


class FairFilterForm(FilterForm):
    mode = forms.ChoiceField(label=_("形式"), choices=ANY + list(FairMode.choices), required=False)
    status = forms.ChoiceField(label=_("状态"), choices=ANY + list(FairStatus.choices), required=False)
    year = _int(_("年度"), required=False, low=2000, high=2100)
    show = forms.ChoiceField(label=_("时间"), choices=[*ANY, ("week", _("本周"))], required=False)


class FairForm(BootstrapFormMixin, forms.Form):
    union = forms.TypedChoiceField(label=_("主办工会"), coerce=int)
    title = _text(_("招聘会名称"), 100)
    mode = forms.ChoiceField(label=_("形式"), choices=FairMode.choices)
    held_on = _date(_("举办日期"))
    region = forms.ChoiceField(label=_("举办地（区县，现场招聘会必填）"), required=False)
    place = _text(_("举办地点/平台"), 200)

    def __init__(self, *args: Any, unions: list[tuple[int, str]], regions: list[tuple[str, str]],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["union"].choices = unions  # type: ignore[attr-defined]
        self.fields["region"].choices = [("", "—"), *regions]  # type: ignore[attr-defined]


class FairResultForm(BootstrapFormMixin, forms.Form):
    visitors = _int(_("入场求职人数"))
    intentions = _int(_("达成就业意向人数"))


class FairPostingForm(BootstrapFormMixin, forms.Form):
    posting = forms.TypedChoiceField(label=_("带到本场的岗位"), coerce=int)

    def __init__(self, *args: Any, postings: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["posting"].choices = [("", "—"), *postings]  # type: ignore[attr-defined]


class FairEmployerForm(BootstrapFormMixin, forms.Form):
    employer = forms.TypedChoiceField(label=_("进场企业"), coerce=int)
    booth = _text(_("展位号"), 20, required=False)

    def __init__(self, *args: Any, employers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].choices = [("", "—"), *employers]  # type: ignore[attr-defined]


class RecommendForm(BootstrapFormMixin, forms.Form):
    id_number = _text(_("会员证件号码"), 40)


class FigureForm(FilterForm):
    start = forms.DateField(label=_("起始日期"), widget=DATE, required=False)
    end = forms.DateField(label=_("截止日期"), widget=DATE, required=False)


class PartnerGrantForm(BootstrapFormMixin, forms.Form):
    partner = forms.TypedChoiceField(label=_("合作方"), coerce=int,
                                     help_text=_("只列出已开通“报送招聘岗位”用途的合作方密钥。"))
    employer = forms.TypedChoiceField(label=_("用人单位"), coerce=int)

    def __init__(self, *args: Any, partners: list[tuple[int, str]], employers: list[tuple[int, str]],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [("", "—"), *partners]  # type: ignore[attr-defined]
        self.fields["employer"].choices = [("", "—"), *employers]  # type: ignore[attr-defined]
