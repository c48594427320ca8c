"""Portal forms. They only parse: the rules (ID check digits, choices, lengths) live in the member
services, whose errors land beside the field they name."""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import DomainError
from gonghui.core.idnumbers import IdType, parse_mobile
from gonghui.members.choices import (
    ETHNICITY_CHOICES,
    Education,
    EmploymentForm,
    Gender,
    Household,
    NewFormGroup,
    PoliticalStatus,
    SkillLevel,
)

T = TypeVar("T")
BLANK = [("", _("请选择"))]


def call_service(form: forms.BaseForm, fn: Callable[..., T], /, **kwargs: Any) -> T | None:
    """Run a service; its errors become form errors on the fields they name (else the whole form)."""
    try:
        return fn(**kwargs)
    except DomainError as exc:
        for error in getattr(exc, "errors", None) or [exc]:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        return None


class PortalForm(forms.Form):
    """Bootstrap classes set once here; an invalid field is marked for screen readers and CSS."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = ("form-check-input" if isinstance(widget, forms.CheckboxInput)
                   else "form-select" if isinstance(widget, forms.Select) else "form-control")
            widget.attrs.setdefault("class", css)

    def __getitem__(self, name: str) -> Any:
        bound = super().__getitem__(name)
        if self.is_bound and name in self.errors:
            attrs = bound.field.widget.attrs
            if "is-invalid" not in attrs.get("class", ""):
                attrs["class"] = attrs.get("class", "") + " is-invalid"
                attrs["aria-invalid"] = "true"
        return bound


class PhoneForm(PortalForm):
    phone = forms.CharField(label=_("手机号码"), max_length=20, widget=forms.TextInput(attrs={
        "inputmode": "tel", "autocomplete": "tel", "placeholder": _("请输入11位手机号"), "data-testid": "phone"}))

    def clean_phone(self) -> str:
        # The registry's own rule (spaces, +86, full-width digits), so the phone matches its records.
        try:
            return parse_mobile(self.cleaned_data["phone"])
        except DomainError as exc:
            raise forms.ValidationError(str(exc.message)) from None


class CodeForm(PortalForm):
    code = forms.CharField(label=_("短信验证码"), max_length=8, widget=forms.TextInput(attrs={
        "inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*", "placeholder": _("6位数字"),
        "data-testid": "code"}))


def _choices(enum: Any) -> list[tuple[str, Any]]:
    return BLANK + list(enum.choices)


class JoinForm(PortalForm):
    """The real-name form of 网上/扫码入会: only what the registry records (PIPL: collect no more)."""

    name = forms.CharField(label=_("姓名"), max_length=50, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    id_type = forms.ChoiceField(label=_("证件类型"), choices=IdType.choices, initial=IdType.RESIDENT)
    id_number = forms.CharField(label=_("证件号码"), max_length=30, widget=forms.TextInput(
        attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}))
    gender = forms.ChoiceField(label=_("性别"), choices=_choices(Gender), required=False,
                               help_text=_("居民身份证可不填，系统按证件号码识别。"))
    ethnicity = forms.ChoiceField(label=_("民族"), choices=ETHNICITY_CHOICES, initial="01")
    education = forms.ChoiceField(label=_("学历"), choices=_choices(Education), required=False)
    political_status = forms.ChoiceField(label=_("政治面貌"), choices=_choices(PoliticalStatus), required=False)
    household = forms.ChoiceField(label=_("户籍类型"), choices=_choices(Household), required=False)
    employment_form = forms.ChoiceField(label=_("用工形式"), choices=EmploymentForm.choices,
                                        initial=EmploymentForm.REGULAR)
    new_form_group = forms.ChoiceField(label=_("新就业形态群体"), choices=_choices(NewFormGroup), required=False,
                                       help_text=_("货车司机、快递员、外卖骑手、网约车司机等请选择。"))
    job = forms.CharField(label=_("岗位/工种"), max_length=50, required=False)
    skill_level = forms.ChoiceField(label=_("技能等级"), choices=_choices(SkillLevel), required=False)
    consent = forms.BooleanField(label=_("我已阅读并同意《个人信息处理说明》，同意工会为办理入会处理上述信息。"),
                                 error_messages={"required": _("请阅读并勾选同意个人信息处理说明后再提交。")})

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "consent"}


class TransferForm(PortalForm):
    reason = forms.CharField(label=_("接转原因"), max_length=200, required=False, widget=forms.TextInput(
        attrs={"placeholder": _("如：换了工作单位")}))
