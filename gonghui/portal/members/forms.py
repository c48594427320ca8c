"""Forms of joining (网上/扫码入会) and of transfers; like every portal form they only parse."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.core.idnumbers import IdType
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
from gonghui.portal.common.forms import BLANK, PortalForm


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
