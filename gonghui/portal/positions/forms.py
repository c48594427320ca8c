"""Portal forms of 附近的服务站点 and 扫码签到."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

RATINGS = [("", _("不评分"))] + [(str(n), "★" * n) for n in range(1, 6)]


class NearForm(forms.Form):
    kind = forms.ChoiceField(label=_("站点类型"))
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lng = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    district = forms.ChoiceField(label=_("或选择区县"), required=False)

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], districts: list[tuple[str, str]],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        self.fields["district"].choices = [("", _("请选择区县")), *districts]  # type: ignore[attr-defined]
        for name in ("kind", "district"):
            self.fields[name].widget.attrs["class"] = "form-select"


class CheckInForm(forms.Form):
    service = forms.ChoiceField(label=_("使用的服务"), required=False, widget=forms.RadioSelect)
    rating = forms.ChoiceField(label=_("评分（可选）"), required=False, choices=RATINGS)
    note = forms.CharField(label=_("留言（可选）"), required=False, max_length=200,
                           widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))

    def __init__(self, *args: Any, services: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = services  # type: ignore[attr-defined]
        self.fields["rating"].widget.attrs["class"] = "form-select"
