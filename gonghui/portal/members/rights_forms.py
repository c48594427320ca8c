"""Forms of 我的个人信息: the identity number asked before a full copy, a correction, the new phone and its
code, an erasure request. They only parse."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.members.services.rights import CORRECTABLE, SELF_SERVICE
from gonghui.portal.common.forms import BLANK, PortalForm


class UnshownInput(forms.TextInput):
    """A text box that never shows back what was typed: an identity number refused is not echoed into the page."""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        return super().get_context(name, None, attrs)


class CopyForm(PortalForm):
    # Never autofilled or kept by the browser: it is typed for this one download.
    id_number = forms.CharField(label=_("本人证件号码"), max_length=40, widget=UnshownInput(attrs={
        "autocomplete": "off", "spellcheck": "false", "data-testid": "copy-id-number"}),
        help_text=_("为确认是您本人，请输入您登记的证件号码（身份证号码末位X大小写均可）。"))


class CorrectionForm(PortalForm):
    field = forms.ChoiceField(label=_("需要更正的项目"), choices=BLANK + [
        (key, label) for key, label in CORRECTABLE.items() if key not in SELF_SERVICE])
    value = forms.CharField(label=_("正确的内容"), max_length=50,
                            help_text=_("学历、政治面貌、户籍类型请填写名称，例如“大学本科”“群众”“农村”。"))
    note = forms.CharField(label=_("说明（选填）"), max_length=200, required=False,
                           help_text=_("例如依据的证件或材料，便于工会核实。"))


class NewPhoneForm(PortalForm):
    phone = forms.CharField(label=_("新手机号码"), max_length=20, widget=forms.TextInput(
        attrs={"inputmode": "tel", "autocomplete": "tel"}))


class PhoneCodeForm(PortalForm):
    code = forms.CharField(label=_("短信验证码"), max_length=6, widget=forms.TextInput(
        attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))


class EraseForm(PortalForm):
    note = forms.CharField(label=_("申请理由（选填）"), max_length=200, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
