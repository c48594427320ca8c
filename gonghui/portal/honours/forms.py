"""The objection form of a 公示. It only parses: the honours service judges the content and the
notice's period, and its errors land beside the field they name."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.portal.common.forms import PortalForm


class ObjectionForm(PortalForm):
    objector_name = forms.CharField(label=_("您的姓名"), max_length=50, error_messages={
        "required": _("请填写您的姓名，工会核实时联系您。")}, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    text = forms.CharField(label=_("异议内容"), max_length=2000, error_messages={
        "required": _("请写明您对该人选的异议和依据。")}, widget=forms.Textarea(attrs={
            "rows": 6, "placeholder": _("请写明具体事实，如时间、地点、经过和可以核实的线索。")}))
