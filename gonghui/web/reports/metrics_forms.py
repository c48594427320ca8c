"""The period picker of the metric pages: a kind of period and its year, quarter, month or days, or
a period key from a link (?period=SY2026)."""

import datetime
from typing import Any, cast

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed
from gonghui.core.periods import GRAIN_LABELS, Grain, Period


class PeriodForm(forms.Form):
    grain = forms.ChoiceField(label=_("统计期间"), choices=[(g.value, GRAIN_LABELS[g]) for g in Grain], required=False)
    year = forms.IntegerField(label=_("年份"), min_value=1949, max_value=2200, required=False)
    quarter = forms.TypedChoiceField(label=_("季度"), coerce=int, required=False)
    month = forms.TypedChoiceField(label=_("月份"), coerce=int, required=False)
    start = forms.DateField(label=_("开始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Labels made per request, in the reader's language (a lazy string formatted at import would not be).
        quarter = cast(forms.TypedChoiceField, self.fields["quarter"])
        quarter.choices = [(q, gettext("第%(q)s季度") % {"q": q}) for q in range(1, 5)]
        month = cast(forms.TypedChoiceField, self.fields["month"])
        month.choices = [(m, gettext("%(m)s月") % {"m": m}) for m in range(1, 13)]
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select" if isinstance(field, forms.ChoiceField)
                                          else "form-control")


def period_of(data: Any, today: datetime.date) -> tuple[Period, PeriodForm]:
    """The period asked for (this calendar year when nothing is), and the picker showing it.
    A malformed choice falls back to the default with the picker's error shown."""
    default = Period.year(today.year)
    period, form = default, PeriodForm(data or None)
    if data.get("period"):
        try:
            period = Period.parse(data["period"])
        except ValidationFailed as e:
            form = PeriodForm({})
            form.is_valid()
            form.add_error(None, str(e.message))
    elif data.get("grain") and form.is_valid():
        f, year = form.cleaned_data, form.cleaned_data.get("year") or today.year
        try:
            period = {Grain.YEAR: lambda: Period.year(year), Grain.STAT_YEAR: lambda: Period.stat_year(year),
                      Grain.QUARTER: lambda: Period.quarter(year, f.get("quarter") or 1),
                      Grain.MONTH: lambda: Period.month(year, f.get("month") or 1),
                      Grain.RANGE: lambda: Period.range(f.get("start") or today, f.get("end") or today),
                      }[Grain(f["grain"])]()
        except ValidationFailed as e:
            form.add_error(None, str(e.message))
    return period, _showing(period, form)


def _showing(period: Period, form: PeriodForm) -> PeriodForm:
    if form.is_bound and form.errors:
        return form
    year = period.end.year if period.grain == Grain.STAT_YEAR else period.start.year
    return PeriodForm(initial={"grain": period.grain.value, "year": year, "quarter": (period.start.month - 1) // 3 + 1,
                               "month": period.start.month, "start": period.start, "end": period.end})
