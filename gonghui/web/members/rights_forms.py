"""Console forms of 个人信息权利 on a member's page. They parse; members.services.rights judges."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.members.services.rights import CORRECTABLE
from gonghui.web.common.forms import BootstrapFormMixin


class CopyForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("申请情况"), max_length=200, required=False,
                             help_text=_("例如“本人持身份证到窗口申请”。副本含完整证件号码，将记入个人信息访问日志。"))


class CorrectionForm(BootstrapFormMixin, forms.Form):
    field = forms.ChoiceField(label=_("更正项目"), choices=list(CORRECTABLE.items()))
    value = forms.CharField(label=_("更正为"), max_length=50)
    note = forms.CharField(label=_("本人申请说明"), max_length=200, required=False)


class EraseForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(label=_("本人申请说明"), max_length=200, required=False)


class DecisionForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("处理意见"), max_length=300, required=False,
                             help_text=_("不予办理时必填，将告知本人。"))
