"""The radar's forms: answering an alert, listing an employer, the rules."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.choices import RiskReason
from gonghui.reports.risk.choices import AlertStatus, RuleCode
from gonghui.web.common.forms import BootstrapFormMixin

NUMERIC = {"inputmode": "numeric", "class": "form-control"}


class AlertCloseForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("处理方式"), choices=[
        (AlertStatus.ACKNOWLEDGED, AlertStatus.ACKNOWLEDGED.label),
        (AlertStatus.DISMISSED, AlertStatus.DISMISSED.label)])
    reason = forms.CharField(label=_("处理说明"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ListEmployerForm(BootstrapFormMixin, forms.Form):
    """The service checks the reason and the note (其他 needs one)."""

    reason = forms.ChoiceField(label=_("列入原因"), choices=[("", "—"), *RiskReason.choices])
    note = forms.CharField(label=_("情况说明"), required=False, max_length=500,
                           widget=forms.Textarea(attrs={"rows": 3}))


class RulesForm(BootstrapFormMixin, forms.Form):
    """Every rule as text: the service names each bad number."""

    def __init__(self, *args: Any, initial_values: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in RuleCode.choices:
            self.fields[code] = forms.CharField(label=label, max_length=7, required=False,
                                                initial=initial_values.get(code),
                                                widget=forms.TextInput(attrs=dict(NUMERIC)))
