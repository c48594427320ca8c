"""反映条款未履行: which term, what happens, how to be called back. The case engine's intake rules
judge the content; its errors land beside the field they name."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.cases import limits
from gonghui.portal.common.forms import BLANK, PortalForm


class BreachReportForm(PortalForm):
    term = forms.ChoiceField(label=_("哪一项约定没有做到"), error_messages={
        "required": _("请选择哪一项约定没有做到；不在列表中的请选“其他约定”。")})
    description = forms.CharField(label=_("实际情况"), max_length=limits.DESCRIPTION - 200, error_messages={
        "required": _("请写明实际情况，如：今年工资没有按合同上调。")}, widget=forms.Textarea(attrs={
            "rows": 5, "placeholder": _("如：合同约定今年工资增长5%，但4月起工资没有调整，涉及车间约40人。")}))
    caller_name = forms.CharField(label=_("您的姓名"), max_length=limits.CALLER_NAME, error_messages={
        "required": _("请填写您的姓名，工会回访时称呼您。")}, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    identity_withheld = forms.BooleanField(label=_("对用人单位保密我的身份"), required=False, initial=True,
                                           help_text=_("工会向单位核实情况时不透露您的姓名和电话。"))
    consent = forms.BooleanField(label=_("我已阅读并同意《个人信息处理说明》，同意工会为办理本诉求处理上述信息。"),
                                 error_messages={"required": _("请阅读并勾选同意个人信息处理说明后再提交。")})

    def __init__(self, *args: Any, terms: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["term"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [*BLANK, *terms, ("other", _("其他约定"))]

    def term_code(self) -> str:
        code = self.cleaned_data.get("term") or ""
        return "" if code == "other" else code
