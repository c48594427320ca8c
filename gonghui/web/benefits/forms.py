"""Console forms of 会员普惠. They parse what the cadre typed; the benefits services judge it, and
their errors land on the field they name."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.benefits.choices import MerchantStatus, OfferKind, OfferStatus, VoucherStatus
from gonghui.web.common.forms import BootstrapFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ALL: list[tuple[str, Any]] = [("", _("全部"))]


def date_field(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE, error_messages={"invalid": _("请输入有效日期，如2025-03-01。")})


class MerchantFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("搜索"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("状态"), choices=ALL + MerchantStatus.choices, required=False)
    ending = forms.BooleanField(label=_("协议30日内到期"), required=False)


class MerchantForm(BootstrapFormMixin, forms.Form):
    union = forms.TypedChoiceField(label=_("签约工会"), coerce=int)
    name = forms.CharField(label=_("商户名称"), max_length=100)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=40)
    region = forms.CharField(label=_("行政区划代码"), max_length=9,
                             help_text=_("6位或9位行政区划代码，如510104（锦江区）。"))
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    contact_name = forms.CharField(label=_("联系人"), max_length=50, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    agreement_from = date_field(_("协议开始日期"))
    agreement_to = date_field(_("协议截止日期"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, unions: list[tuple[int, str]], editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["union"].choices = unions  # type: ignore[attr-defined]
        if editing:
            del self.fields["union"]


class ReasonForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=200, required=False)


class PartnerForm(BootstrapFormMixin, forms.Form):
    partner = forms.TypedChoiceField(label=_("合作方密钥"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, partners: list[tuple[Any, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [("", _("不绑定")), *partners]  # type: ignore[attr-defined]


class OfferFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("搜索"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("优惠类型"), choices=ALL + OfferKind.choices, required=False)
    status = forms.ChoiceField(label=_("状态"), choices=ALL + OfferStatus.choices, required=False)
    ending = forms.BooleanField(label=_("7日内到期"), required=False)


class OfferForm(BootstrapFormMixin, forms.Form):
    merchant = forms.TypedChoiceField(label=_("商户"), coerce=int)
    union = forms.TypedChoiceField(label=_("适用范围"), coerce=int, help_text=_("该工会及其下级工会的会员可用。"))
    kind = forms.ChoiceField(label=_("优惠类型"), choices=OfferKind.choices)
    title = forms.CharField(label=_("优惠名称"), max_length=100)
    terms = forms.CharField(label=_("使用规则"), max_length=2000, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    valid_from = date_field(_("有效期开始"))
    valid_to = date_field(_("有效期截止"))
    per_person_limit = forms.IntegerField(label=_("每人限领"), min_value=1, max_value=100, initial=1)
    quantity = forms.IntegerField(label=_("发放总量"), min_value=1, max_value=10_000_000, required=False,
                                  help_text=_("留空为不限量。"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, merchants: list[tuple[int, str]], unions: list[tuple[int, str]],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["merchant"].choices = merchants  # type: ignore[attr-defined]
        self.fields["union"].choices = unions  # type: ignore[attr-defined]


class IssueForm(BootstrapFormMixin, forms.Form):
    union = forms.TypedChoiceField(label=_("按工会范围发放"), coerce=int, required=False, empty_value=None,
                                   help_text=_("向该工会及下级工会的全部在册会员各发一张。"))
    card_numbers = forms.CharField(label=_("或粘贴会员卡号"), required=False, max_length=200_000,
                                   widget=forms.Textarea(attrs={"rows": 5}), help_text=_("每行一个会员卡号。"))

    def __init__(self, *args: Any, unions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["union"].choices = [("", "—"), *unions]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        numbers = [n.strip().replace(" ", "") for n in (data.get("card_numbers") or "").splitlines() if n.strip()]
        if data.get("union") is None and not numbers:
            raise forms.ValidationError(_("请选择工会范围或粘贴会员卡号。"))
        if data.get("union") is not None and numbers:
            raise forms.ValidationError(_("工会范围和会员卡号只能选一种。"))
        data["numbers"] = numbers
        return data


class VoucherFilterForm(BootstrapFormMixin, forms.Form):
    offer = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31)
    status = forms.ChoiceField(label=_("状态"), choices=ALL + VoucherStatus.choices, required=False)


class FiguresForm(BootstrapFormMixin, forms.Form):
    start = date_field(_("开始日期"))
    end = date_field(_("结束日期"))
    union = forms.TypedChoiceField(label=_("工会范围"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, unions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["union"].choices = [("", _("全部")), *unions]  # type: ignore[attr-defined]
