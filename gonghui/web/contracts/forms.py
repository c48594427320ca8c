"""Forms of the 集体合同 console: one per step. They parse; the services judge (and name the field)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.contracts.choices import Body, Reach, Side, Status, ValueType
from gonghui.contracts.selectors import LISTS
from gonghui.orgs.choices import Industry
from gonghui.web.common.employers import EmployerPick, EmployerPickField, bind_employer_pick
from gonghui.web.common.forms import BootstrapFormMixin

SHOW_LABELS = {"all": _("全部"), "open": _("进行中"), "in_force": _("生效中"), "expiring": _("90天内到期"),
               "overdue_answer": _("要约逾期未回应"), "to_file": _("待报送"),
               "late_filing": _("逾期报送"), "in_review": _("审查中")}
assert set(SHOW_LABELS) == set(LISTS)


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required,
                           widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
                           input_formats=["%Y-%m-%d", "%Y.%m.%d", "%Y/%m/%d", "%Y年%m月%d日"])


class Versioned(BootstrapFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ListFilterForm(BootstrapFormMixin, forms.Form):
    kind = forms.TypedChoiceField(label=_("合同种类"), required=False, coerce=int, empty_value=None)
    reach = forms.ChoiceField(label=_("覆盖范围"), required=False, choices=[("", _("全部")), *Reach.choices])
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部")), *Status.choices])
    q = forms.CharField(label=_("查找"), required=False, max_length=60)

    def __init__(self, *args: Any, kinds: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("全部")), *kinds]  # type: ignore[attr-defined]


class OfferForm(BootstrapFormMixin, forms.Form):
    kind = forms.TypedChoiceField(label=_("合同种类"), coerce=int)
    reach = forms.ChoiceField(label=_("覆盖范围"), choices=Reach.choices, initial=Reach.EMPLOYER)
    union = forms.TypedChoiceField(label=_("职工方（工会）"), coerce=int)
    employer = EmployerPickField(label=_("用人单位"), required=False,
                                 help_text=_("单位集体合同必选；区域性、行业性合同在草案中逐一列出覆盖单位。"))
    employer_side = forms.CharField(label=_("用人单位方"), required=False, max_length=100,
                                    help_text=_("区域性、行业性合同填写企业代表组织，如区企业联合会。"))
    title = forms.CharField(label=_("合同名称"), required=False, max_length=100,
                            help_text=_("不填则按单位和种类自动命名。"))
    offered_by = forms.ChoiceField(label=_("要约方"), choices=Side.choices, initial=Side.UNION)
    received_on = _date(_("要约送达日期"))
    offer_text = forms.CharField(label=_("要约内容"), required=False, max_length=5000,
                                 widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, kinds: list[tuple[int, str]], unions: list[tuple[int, str]],
                 employers: EmployerPick, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        self.fields["union"].choices = unions  # type: ignore[attr-defined]
        bind_employer_pick(self, employers)


class AnswerForm(Versioned):
    answered_on = _date(_("回应日期"))
    note = forms.CharField(label=_("说明"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class MeetForm(Versioned):
    held_on = _date(_("会议日期"))
    place = forms.CharField(label=_("地点"), required=False, max_length=100)
    minutes = forms.CharField(label=_("会议纪要"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4}))


class DraftForm(Versioned):
    title = forms.CharField(label=_("合同名称"), required=False, max_length=100)
    start_on = _date(_("期限开始"))
    end_on = _date(_("期限届满"), )
    union_negotiators = forms.CharField(
        label=_("职工方协商代表"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
        help_text=_("每行一人：姓名，职务；第一行为首席代表。3至10人，与用人单位方人数相等。"))
    employer_negotiators = forms.CharField(
        label=_("用人单位方协商代表"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
        help_text=_("每行一人：姓名，职务；第一行为首席代表。"))
    coverage = forms.CharField(
        label=_("覆盖单位"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=20000,
        help_text=_("区域性、行业性合同：每行一家，统一社会信用代码，覆盖职工人数。单位合同不填（覆盖本单位全体职工）。"))
    text = forms.CharField(label=_("合同文本"), widget=forms.Textarea(attrs={"rows": 6}), max_length=100000)

    def __init__(self, *args: Any, codebook: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.term_groups: list[tuple[Any, list[str]]] = []
        for topic in codebook:
            names = []
            for v in topic.variables.all():
                name = f"term_{v.code}"
                label = f"{v.name}（{v.unit}）" if v.unit else v.name
                if v.value_type == ValueType.YES_NO:
                    field: forms.Field = forms.ChoiceField(
                        label=label, required=False, choices=[("", "—"), ("1", _("是")), ("0", _("否"))])
                elif v.value_type == ValueType.NUMBER:
                    field = forms.CharField(label=label, required=False, max_length=20,
                                            widget=forms.TextInput(attrs={"inputmode": "decimal"}))
                else:
                    field = forms.CharField(label=label, required=False, max_length=500)
                field.widget.attrs["class"] = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
                self.fields[name] = field
                names.append(name)
            self.term_groups.append((topic, names))

    def term_values(self) -> dict[str, Any]:
        return {name[5:]: value for name, value in self.cleaned_data.items() if name.startswith("term_")}


class VoteForm(Versioned):
    body = forms.ChoiceField(label=_("审议机构"), choices=Body.choices)
    held_on = _date(_("会议日期"))
    entitled = forms.IntegerField(label=_("应到人数"), min_value=1)
    present = forms.IntegerField(label=_("实到人数"), min_value=0)
    in_favour = forms.IntegerField(label=_("赞成票"), min_value=0)
    against = forms.IntegerField(label=_("反对票"), min_value=0, initial=0)
    abstained = forms.IntegerField(label=_("弃权票"), min_value=0, initial=0)


class SignForm(Versioned):
    signed_on = _date(_("签订日期"))


class FileForm(Versioned):
    filed_on = _date(_("人社部门收到日期"))


class ObjectForm(Versioned):
    objection = forms.CharField(label=_("审查意见"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class ApproveForm(Versioned):
    effective_on = _date(_("生效日期"))


class PublishForm(Versioned):
    published_on = _date(_("公布日期"))
    note = forms.CharField(label=_("公布方式"), required=False, max_length=500,
                           help_text=_("如厂务公开栏、职工大会、内网。"))


class GuideForm(Versioned):
    note = forms.CharField(label=_("指导意见"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("记入办理过程，职工方工会可见；不改变合同状态。"))


class CheckForm(Versioned):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    checked_on = _date(_("检查日期"))
    kept = forms.MultipleChoiceField(label=_("已履行条款"), required=False,
                                     widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
                                     help_text=_("未勾选的条款记为未履行。"))
    note = forms.CharField(label=_("检查情况"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, terms: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kept"].choices = terms  # type: ignore[attr-defined]
        self.fields["kept"].widget.attrs["class"] = "form-check-input"
        self.term_codes = [code for code, _label in terms]


class RenewForm(Versioned):
    received_on = _date(_("要约送达日期"))
    offered_by = forms.ChoiceField(label=_("要约方"), choices=Side.choices, initial=Side.UNION)
    offer_text = forms.CharField(label=_("要约内容"), required=False, max_length=5000,
                                 widget=forms.Textarea(attrs={"rows": 2}))


class TerminateForm(Versioned):
    ended_on = _date(_("终止日期"))
    reason = forms.CharField(label=_("终止原因"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class AttachForm(Versioned):
    file = forms.FileField(label=_("附件"),
                           help_text=_("协商纪要、职代会决议、代表资格证明等：PDF、图片或 Word，20MB 以内。"))


class FiguresForm(BootstrapFormMixin, forms.Form):
    union = forms.TypedChoiceField(label=_("工会"), coerce=int, required=False, empty_value=None)
    start = _date(_("签订日期自"), required=False)
    end = _date(_("至"), required=False)

    def __init__(self, *args: Any, unions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["union"].choices = unions  # type: ignore[attr-defined]


class KindForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("名称"), max_length=40)
    code = forms.SlugField(label=_("代码"), max_length=30, required=False,
                           help_text=_("英文字母、数字或连字符，可不填。"))
    is_wage = forms.BooleanField(label=_("计入工资专项（平均增幅、无工资专项合同名单）"), required=False)


class MinimumWageForm(BootstrapFormMixin, forms.Form):
    adcode = forms.CharField(label=_("行政区划代码"), max_length=9,
                             help_text=_("如 510000（四川省）、510100（成都市）。"))
    monthly = forms.DecimalField(label=_("月最低工资标准（元）"), max_digits=8, decimal_places=2)
    hourly = forms.DecimalField(label=_("小时最低工资标准（元）"), max_digits=6, decimal_places=2, required=False)
    effective_from = _date(_("执行日期"))
    source = forms.CharField(label=_("依据文件"), max_length=200, help_text=_("发布最低工资标准的文件名称和文号。"))


class ComparisonForm(BootstrapFormMixin, forms.Form):
    """The comparison's filter controls; the selector reads the query string itself and ignores what no
    control would send, so this form only shows what is applied."""

    union = forms.TypedChoiceField(label=_("工会（含下级）"), coerce=int, required=False, empty_value=None)
    kind = forms.TypedChoiceField(label=_("合同种类"), required=False, coerce=int, empty_value=None)
    reach = forms.ChoiceField(label=_("覆盖范围"), required=False, choices=[("", _("全部")), *Reach.choices])
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[
        ("in_force", _("生效中")), ("all", _("全部")), *Status.choices])
    industry = forms.ChoiceField(label=_("行业"), required=False, choices=[("", _("全部")), *Industry.choices])
    sort = forms.ChoiceField(label=_("排序"), required=False)

    def __init__(self, *args: Any, unions: list[tuple[int, str]], kinds: list[tuple[int, str]],
                 numeric: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["union"].choices = unions  # type: ignore[attr-defined]
        self.fields["kind"].choices = [("", _("全部")), *kinds]  # type: ignore[attr-defined]
        self.fields["sort"].choices = [  # type: ignore[attr-defined]
            ("", _("按用人单位")), *[(code, _("按%(term)s从低到高") % {"term": name}) for code, name in numeric]]
