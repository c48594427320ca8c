"""Console forms for the registry. They parse; members.cleaning and the services judge."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core import limits as text_limits
from gonghui.core.idnumbers import IdType
from gonghui.members.choices import (
    ETHNICITY_CHOICES,
    Education,
    EmploymentForm,
    Gender,
    Household,
    MembershipStatus,
    NewFormGroup,
    PoliticalStatus,
    RetainReason,
    SkillLevel,
)
from gonghui.web.common.forms import BootstrapFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BLANK: list[tuple[str, Any]] = [("", "—")]


class MemberForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_type = forms.ChoiceField(label=_("证件类型"), choices=IdType.choices, initial=IdType.RESIDENT)
    id_number = forms.CharField(label=_("证件号码"), max_length=40)
    gender = forms.ChoiceField(label=_("性别"), choices=BLANK + Gender.choices, required=False,
                               help_text=_("居民身份证可不填，按证件号码识别。"))
    ethnicity = forms.ChoiceField(label=_("民族"), choices=ETHNICITY_CHOICES, initial="01")
    phone = forms.CharField(label=_("手机号码"), max_length=20, required=False)
    education = forms.ChoiceField(label=_("学历"), choices=BLANK + Education.choices, required=False)
    political_status = forms.ChoiceField(label=_("政治面貌"), choices=BLANK + PoliticalStatus.choices,
                                         required=False)
    household = forms.ChoiceField(label=_("户籍类型"), choices=BLANK + Household.choices, required=False,
                                  help_text=_("农村户籍的职工计为农民工。"))
    employment_form = forms.ChoiceField(label=_("用工形式"), choices=EmploymentForm.choices,
                                        initial=EmploymentForm.REGULAR)
    new_form_group = forms.ChoiceField(label=_("新就业形态群体"), choices=BLANK + NewFormGroup.choices,
                                       required=False)
    job = forms.CharField(label=_("岗位/工种"), max_length=50, required=False)
    skill_level = forms.ChoiceField(label=_("技能等级"), choices=BLANK + SkillLevel.choices, required=False)
    honours = forms.CharField(label=_("所获荣誉"), max_length=200, required=False)
    join_date = forms.DateField(label=_("入会日期"), widget=DATE, initial=timezone.localdate,
                                input_formats=["%Y-%m-%d", "%Y.%m.%d", "%Y/%m/%d", "%Y年%m月%d日"])
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, editing: bool = False, compact: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if editing:
            for name in ("id_type", "id_number", "join_date"):
                del self.fields[name]
        if compact:
            # 流动窗口: only what a cadre at a stall can ask in a minute.
            for name in ("political_status", "skill_level", "honours", "education", "job"):
                self.fields.pop(name, None)

    def member_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("join_date", "version")}


class ReasonForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(label=_("原因"), max_length=200, widget=forms.Textarea(attrs={"rows": 2}))


class RetainForm(BootstrapFormMixin, forms.Form):
    reason = forms.ChoiceField(label=_("保留会籍原因"), choices=RetainReason.choices)


class RevealForm(BootstrapFormMixin, forms.Form):
    field = forms.ChoiceField(choices=[("id_number", _("证件号码")), ("phone", _("手机号码"))],
                              widget=forms.HiddenInput)
    reason = forms.CharField(label=_("查看理由"), max_length=200,
                             help_text=_("查看完整信息将记入个人信息访问日志。"))


class MemberFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("查找"), required=False, max_length=text_limits.SEARCH_TEXT)
    status = forms.ChoiceField(label=_("会籍状态"), required=False, choices=[
        ("live", _("在册（正常及保留会籍）")), ("", _("全部")), *MembershipStatus.choices])
    employment_form = forms.ChoiceField(label=_("用工形式"), required=False,
                                        choices=[("", _("全部用工形式")), *EmploymentForm.choices])
    new_form_group = forms.ChoiceField(label=_("新就业形态群体"), required=False,
                                       choices=[("", _("全部群体")), *NewFormGroup.choices])
    migrant = forms.ChoiceField(label=_("农民工"), required=False,
                                choices=[("", _("不限")), ("1", _("农民工")), ("0", _("非农民工"))])


class BulkDecisionForm(BootstrapFormMixin, forms.Form):
    """One decision for the rows ticked in a review list (their ids come as the list `ids`)."""

    decision = forms.ChoiceField(choices=[("approve", _("通过")), ("reject", _("不通过")), ("accept", _("接收")),
                                          ("release", _("同意转出"))])
    reason = forms.CharField(label=_("不通过原因"), max_length=200, required=False,
                             help_text=_("批量不通过时必填，每位申请人都会收到这一原因。"))
