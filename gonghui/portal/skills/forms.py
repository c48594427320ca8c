"""提交合理化建议/五小: the kind, a title, what to change and why, who else proposed it, the department.
The suggestion service checks every value and its errors land beside the field they name."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.portal.common.forms import BLANK, PortalForm
from gonghui.skills.innovation_choices import SuggestionKind


class SuggestionForm(PortalForm):
    kind = forms.ChoiceField(label=_("类别"), choices=[*BLANK, *SuggestionKind.choices], error_messages={
        "required": _("请选择类别：合理化建议，或小发明、小创造、小革新、小设计、小建议。")})
    title = forms.CharField(label=_("名称"), max_length=120, error_messages={
        "required": _("请用一句话写明建议的名称，如：改进焊接夹具定位方式。")},
        widget=forms.TextInput(attrs={"placeholder": _("如：改进焊接夹具定位方式")}))
    content = forms.CharField(label=_("内容"), max_length=5000, error_messages={
        "required": _("请写明现状、改进办法和预期效果。")}, widget=forms.Textarea(attrs={
            "rows": 6, "placeholder": _("现状和问题；怎样改进；预计能节约多少成本、提高多少效率或消除什么隐患。")}))
    co_proposers = forms.CharField(label=_("共同提出人"), max_length=200, required=False,
                                   help_text=_("没有可不填；多人用顿号分隔。"))
    department = forms.CharField(label=_("部门/班组"), max_length=60, required=False,
                                 widget=forms.TextInput(attrs={"placeholder": _("如：焊接车间二班")}))
