"""Forms of the work report pages: which union and period, the narrative per chapter, a template sentence."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.periods import Period
from gonghui.web.common.forms import BootstrapFormMixin


def period_choices() -> list[tuple[str, Any]]:
    """This year and the four before it, as calendar years and as statistical years."""
    today = timezone.localdate()
    years = range(today.year, today.year - 5, -1)
    return ([(str(y), Period.year(y).label) for y in years]
            + [(f"SY{y}", Period.stat_year(y).label) for y in years if Period.stat_year(y).has_begun(today)])


class GenerateForm(BootstrapFormMixin, forms.Form):
    union = forms.TypedChoiceField(label=_("工会"), coerce=int)
    period = forms.ChoiceField(label=_("报告期间"))

    def __init__(self, *args: Any, unions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["union"].choices = unions  # type: ignore[attr-defined]
        self.fields["period"].choices = period_choices()  # type: ignore[attr-defined]


NARRATIVE_HINT = _("本章的工作叙述（可选），将排在系统生成的数据之后。")


class NarrativeForm(BootstrapFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, sections: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for section in sections:
            self.fields[f"narrative_{section.code}"] = forms.CharField(
                label=section.title, required=False, max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4, "placeholder": NARRATIVE_HINT}))

    def narrative(self) -> dict[str, str]:
        return {name.removeprefix("narrative_"): value for name, value in self.cleaned_data.items()
                if name.startswith("narrative_")}


TEMPLATE_HINT = _("用 {指标代码} 插入数字，{指标代码|prev} 为上年同期，{指标代码|yoy} 为同比变化，"
                  "如：新发展会员{members.new}人，{members.new|yoy}。")


class SentenceForm(BootstrapFormMixin, forms.Form):
    section = forms.TypedChoiceField(label=_("章节"), coerce=int)
    order = forms.IntegerField(label=_("顺序"), min_value=1, max_value=999)
    template = forms.CharField(label=_("句式"), max_length=400, widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=TEMPLATE_HINT)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, sections: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(s.pk, s.title) for s in sections]  # type: ignore[attr-defined]
