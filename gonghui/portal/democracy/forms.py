"""The 民主管理 portal forms: they only parse; the democracy services judge and name the field."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.democracy.choices import Rating
from gonghui.portal.common.forms import PortalForm

PILL = {"class": "pt-choice"}


class AssessForm(PortalForm):
    rating = forms.ChoiceField(label=_("您对本单位今年厂务公开工作的评价"), choices=Rating.choices,
                               widget=forms.RadioSelect(attrs=PILL),
                               error_messages={"required": _("请选择满意、基本满意或不满意。")})


class ProposalForm(PortalForm):
    title = forms.CharField(label=_("案由"), max_length=120, error_messages={"required": _("请填写案由。")},
                            widget=forms.TextInput(attrs={
        "placeholder": _("一句话说明提案要解决的问题，如：增加夜班职工热餐供应")}))
    content = forms.CharField(label=_("提案内容"), max_length=5000,
                              error_messages={"required": _("请写明提案内容。")}, widget=forms.Textarea(attrs={
        "rows": 6, "placeholder": _("写明情况、理由和具体建议。")}))
    cosigners = forms.TypedMultipleChoiceField(label=_("附议代表"), coerce=int, required=False,
                                               widget=forms.CheckboxSelectMultiple(attrs=PILL))

    def __init__(self, *args: Any, colleagues: list[tuple[int, str]], need: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["cosigners"]
        field.choices = colleagues  # type: ignore[attr-defined]
        field.help_text = _("请选择至少 %(need)s 名本届职工代表附议（您本人不计）。") % {"need": need}


class RateForm(PortalForm):
    rating = forms.ChoiceField(label=_("您对答复的评价"), choices=Rating.choices, widget=forms.RadioSelect(attrs=PILL),
                               error_messages={"required": _("请选择满意、基本满意或不满意。")})
    note = forms.CharField(label=_("评价说明"), max_length=300, required=False,
                           widget=forms.Textarea(attrs={"rows": 3, "placeholder": _("可不填")}))
