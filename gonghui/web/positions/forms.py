"""Console forms of 服务阵地. They parse; the position services judge coordinates, hours and dates and
name the field they refuse."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.positions.choices import InspectionResult, PositionStatus, RatingLevel
from gonghui.web.common.forms import BootstrapFormMixin

ALL: list[tuple[str, Any]] = [("", _("全部"))]
DATE = forms.DateInput(attrs={"type": "date"})


class PositionFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("查找"), required=False, max_length=60)
    kind = forms.ChoiceField(label=_("类型"), required=False)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=ALL + PositionStatus.choices)
    service = forms.ChoiceField(label=_("服务项目"), required=False)
    division = forms.RegexField(label=_("区划代码"), required=False, regex=r"^\d{6}(\d{3})?$", max_length=9,
                                error_messages={"invalid": _("区划代码为6位或9位数字。")})
    idle = forms.BooleanField(label=_("60天无人签到"), required=False)

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], services: list[tuple[str, str]],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ALL + kinds  # type: ignore[attr-defined]
        self.fields["service"].choices = ALL + services  # type: ignore[attr-defined]


class PositionForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("阵地类型"))
    owner = forms.TypedChoiceField(label=_("主管工会"), coerce=int)
    host_employer = forms.TypedChoiceField(label=_("依托单位"), coerce=int, required=False, empty_value=None)
    studio = forms.TypedChoiceField(label=_("创新工作室"), coerce=int, required=False, empty_value=None,
                                    help_text=_("阵地类型为创新工作室时，选择它所对应的劳模和工匠人才创新工作室。"))
    place_name = forms.CharField(label=_("所在场所"), max_length=100, required=False,
                                 help_text=_("无依托单位时填写，如“天府广场地铁站C口”。"))
    region = forms.RegexField(label=_("所在区划代码"), regex=r"^\d{6}(\d{3})?$", max_length=9,
                              help_text=_("县区6位或乡镇街道9位统计用区划代码，如 510104 或 510104020。"),
                              error_messages={"invalid": _("区划代码为6位或9位数字。")})
    address = forms.CharField(label=_("详细地址"), max_length=200)
    lat = forms.CharField(label=_("纬度"), max_length=40,
                          help_text=_("可直接粘贴坐标拾取器给出的“经度,纬度”，如 104.0657,30.6595。"))
    lng = forms.CharField(label=_("经度"), max_length=20, required=False)
    datum = forms.ChoiceField(label=_("坐标系"), choices=[
        ("gcj02", _("GCJ-02（高德、腾讯地图拾取）")), ("wgs84", _("WGS-84（GPS、天地图）"))])
    services = forms.MultipleChoiceField(label=_("服务项目"), required=False, widget=forms.CheckboxSelectMultiple)
    contact_name = forms.CharField(label=_("联系人"), max_length=50, required=False)
    contact_phone = forms.CharField(label=_("服务电话"), max_length=30, required=False)
    facilities = forms.CharField(label=_("设施"), max_length=500, required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    area_m2 = forms.IntegerField(label=_("面积（平方米）"), required=False, min_value=1)
    star_level = forms.TypedChoiceField(label=_("星级"), coerce=int, initial=0,
                                        choices=[(0, _("未评星"))] + [(n, "★" * n) for n in range(1, 6)])
    rating_level = forms.ChoiceField(label=_("模范职工之家级别"), required=False,
                                     choices=[("", _("无")), *RatingLevel.choices])
    rating_year = forms.IntegerField(label=_("命名年度"), required=False)
    opened_on = forms.DateField(label=_("启用日期"), widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], services: list[tuple[str, str]],
                 unions: list[tuple[int, str]], employers: list[tuple[int, str]],
                 studios: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        self.fields["services"].choices = services  # type: ignore[attr-defined]
        self.fields["owner"].choices = unions  # type: ignore[attr-defined]
        self.fields["host_employer"].choices = [("", _("无（独立场所）")), *employers]  # type: ignore[attr-defined]
        self.fields["studio"].choices = [("", _("不关联")), *studios]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lat, lng = str(data.get("lat") or ""), str(data.get("lng") or "")
        pair = lat.replace("，", ",").split(",")
        if len(pair) == 2 and not lng:
            # A picker's "lng,lat" (AMap's order) pasted into one box.
            data["lng"], data["lat"] = pair[0].strip(), pair[1].strip()
        elif not lng:
            self.add_error("lng", _("请填写经度。"))
        return data


class StatusForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class HoursForm(BootstrapFormMixin, forms.Form):
    hours = forms.CharField(label=_("每周开放时间"), max_length=2000, required=False,
                            widget=forms.Textarea(attrs={"rows": 4}),
                            help_text=_("每行一组：周一至周五 08:00-18:00；跨夜写作 周六 22:00-次日06:00；"
                                        "24小时写作 每天 00:00-24:00。"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ExceptionForm(BootstrapFormMixin, forms.Form):
    day = forms.DateField(label=_("日期"), widget=DATE)
    closed = forms.BooleanField(label=_("当天闭馆"), required=False, initial=True)
    opens = forms.CharField(label=_("特殊开放开始"), max_length=5, required=False)
    closes = forms.CharField(label=_("特殊开放结束"), max_length=5, required=False)
    note = forms.CharField(label=_("说明"), max_length=100, required=False)
    remove = forms.BooleanField(label=_("删除该日期的安排"), required=False)


class InspectForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label=_("年度"))
    inspected_on = forms.DateField(label=_("检查日期"), widget=DATE)
    result = forms.ChoiceField(label=_("结论"), choices=InspectionResult.choices)
    findings = forms.CharField(label=_("检查发现"), max_length=1000, required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))
    rectify_by = forms.DateField(label=_("整改期限"), required=False, widget=DATE)
    inspector = forms.CharField(label=_("检查人"), max_length=50)


class PhotoForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("照片"), help_text=_("JPG或PNG，不超过5MB，最多12张。"))
    caption = forms.CharField(label=_("说明"), max_length=100, required=False)
