"""Console forms of the hardship registry (困难职工档案). They parse what the cadre typed; the
assistance services judge it, and each service error lands on the field it names."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.choices import (
    Cause,
    DocumentKind,
    ExitReason,
    HardshipClass,
    RecheckResult,
    Relation,
    Status,
)
from gonghui.core.errors import msg
from gonghui.core.idnumbers import IdType
from gonghui.web.common.forms import BootstrapFormMixin

BLANK: list[tuple[str, Any]] = [("", "—")]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%Y.%m.%d", "%Y/%m/%d", "%Y年%m月%d日"]
DUE_WINDOWS = [("0", _("已到期")), ("30", _("30天内到期")), ("60", _("60天内到期")), ("90", _("90天内到期"))]


def _text(label: Any, max_length: int, required: bool = False, rows: int = 0,
          attrs: dict[str, Any] | None = None, help_text: Any = "") -> forms.CharField:
    attrs = attrs or {}
    widget = forms.Textarea(attrs={"rows": rows, **attrs}) if rows else forms.TextInput(attrs=attrs)
    # Lengths are the services' to judge, with a message naming the field; a missing value is named
    # here in the services' own words.
    return forms.CharField(label=label, max_length=max_length * 2, required=required, widget=widget,
                           help_text=help_text, error_messages=named(label))


def named(label: Any, verb: Any = None) -> dict[str, Any]:
    """Django's "这个字段是必填项" names no field; this says which, in the reader's language."""
    return {"required": msg(verb or _("请填写%(field)s。"), {"field": label})}


def dated(label: Any) -> dict[str, Any]:
    return {**named(label), "invalid": msg(_("%(field)s应为日期，如 2026-01-01。"), {"field": label})}


def _choice(label: Any, choices: Any, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, error_messages=named(label, _("请选择%(field)s。")),
                             **kwargs)


def _money(label: Any, help_text: Any = "") -> forms.CharField:
    # Typed as text: the service accepts 1,200、１２００ and 1200元, and names the field when it cannot.
    return forms.CharField(label=label, max_length=20, required=False, help_text=help_text,
                           widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))


class FileFilterForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部状态")), *Status.choices])
    hardship_class = forms.ChoiceField(label=_("困难类别"), required=False,
                                       choices=[("", _("全部类别")), *HardshipClass.choices])
    cause = forms.ChoiceField(label=_("致困原因"), required=False, choices=[("", _("全部原因")), *Cause.choices])
    due = forms.BooleanField(label=_("回头看已到期"), required=False)


class DueFilterForm(BootstrapFormMixin, forms.Form):
    within = forms.ChoiceField(label=_("到期时间"), required=False, choices=DUE_WINDOWS)


class WorkerForm(BootstrapFormMixin, forms.Form):
    """摸底排查: who the file is for. A member of the registry is picked; anyone else is typed in.
    The union and the member are chosen from lists the page offers (radio buttons), not typed."""

    union = forms.IntegerField(required=False, widget=forms.HiddenInput)
    member = forms.IntegerField(required=False, widget=forms.HiddenInput)
    worker_name = _text(_("职工姓名"), 50, attrs={"autocomplete": "off"})
    worker_id_type = forms.ChoiceField(label=_("证件类型"), choices=IdType.choices, initial=IdType.RESIDENT)
    worker_id_number = forms.CharField(label=_("证件号码"), max_length=40, required=False,
                                       widget=forms.TextInput(attrs={"autocomplete": "off"}))
    worker_phone = forms.CharField(label=_("手机号码"), max_length=20, required=False,
                                   widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))
    employer_name = _text(_("工作单位"), 100, help_text=_("会员不填则取会员登记的用人单位。"))
    address = _text(_("家庭住址"), 200)
    survey_note = _text(_("摸底情况"), 500, rows=3)
    consent_signer = _text(_("同意人"), 50, help_text=_("取得本人签字的敏感个人信息处理同意书后填写；申请前必须登记。"))
    consent_text_version = _text(_("同意书版本"), 20, attrs={"placeholder": _("如 2026-01")})

    def worker(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"name": data.get("worker_name"), "id_type": data.get("worker_id_type"),
                "id_number": data.get("worker_id_number"), "phone": data.get("worker_phone"),
                "employer_name": data.get("employer_name"), "address": data.get("address")}

    def consent(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not (data.get("consent_signer") or data.get("consent_text_version")):
            return None
        return {"signer": data.get("consent_signer"), "text_version": data.get("consent_text_version")}


class HouseholdForm(BootstrapFormMixin, forms.Form):
    """What the household shares: why it is in hardship, its rigid expenses, where it lives."""

    causes = forms.MultipleChoiceField(label=_("致困原因"), choices=Cause.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple)
    rigid_expenses = _money(_("刚性支出（元/年）"),
                            _("医疗、子女教育等必须的年支出，从家庭年收入中扣除后再计算人均收入。"))
    adcode = forms.CharField(label=_("所在地区代码"), max_length=12, required=False,
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                             help_text=_("6位行政区划代码，决定适用哪个地区的认定标准；不填则取建档工会所在地区。"))
    note = _text(_("情况说明"), 500, rows=2)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, editing: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            # At a survey the note is the survey's own (摸底情况), and there is no earlier copy.
            del self.fields["note"]
            del self.fields["version"]
        # Checkboxes lay themselves out; the Bootstrap mixin's form-control would box them.
        self.fields["causes"].widget.attrs = {"class": "gh-checks"}


class PersonForm(BootstrapFormMixin, forms.Form):
    """One household member. Every field is optional here: a blank row is skipped, and the service
    judges the rest row by row, so every mistake of the table is named at once."""

    existing = forms.IntegerField(required=False, widget=forms.HiddenInput)
    relation = forms.ChoiceField(label=_("与职工关系"), choices=BLANK + Relation.choices, required=False)
    name = forms.CharField(label=_("姓名"), max_length=100, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "off"}))
    id_type = forms.ChoiceField(label=_("证件类型"), choices=IdType.choices, initial=IdType.RESIDENT, required=False)
    id_number = forms.CharField(label=_("证件号码"), max_length=40, required=False,
                                widget=forms.TextInput(attrs={"autocomplete": "off"}))
    annual_income = _money(_("年收入（元）"))
    health_notes = forms.CharField(label=_("健康或残疾情况"), max_length=1000, required=False,
                                   widget=forms.TextInput(attrs={"autocomplete": "off"}))
    clear_notes = forms.BooleanField(label=_("清除已登记的健康情况"), required=False)

    TYPED = ("relation", "name", "id_number", "annual_income", "health_notes")

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("existing") and not any((data.get(f) or "").strip() for f in self.TYPED)


PersonFormSet = forms.formset_factory(PersonForm, extra=0, can_delete=True, max_num=40, absolute_max=40)


class VersionedForm(BootstrapFormMixin, forms.Form):
    # The version the cadre saw; an action on a file changed since then is refused as a lost race.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class NoteForm(VersionedForm):
    note = _text(_("说明"), 500, rows=2)


class ReasonForm(VersionedForm):
    reason = _text(_("原因"), 500, required=True, rows=2)


class RecheckForm(VersionedForm):
    result = _choice(_("回头看结论"), RecheckResult.choices)
    note = _text(_("情况说明"), 500, rows=2, help_text=_("家庭情况有变化的，请先修改家庭情况再做回头看。"))

    def __init__(self, *args: Any, results: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if results:
            # Only the conclusions the file's status admits (a watched household: not relapsed or 返困).
            self.fields["result"].choices = [c for c in RecheckResult.choices if c[0] in results]  # type: ignore[attr-defined]


class ExitForm(VersionedForm):
    exit_reason = _choice(_("解困脱困原因"), ExitReason.choices)
    note = _text(_("情况说明"), 500, rows=2, help_text=_("原因为“其他”时必填。"))


class RelapseForm(VersionedForm):
    note = _text(_("返困情况"), 500, required=True, rows=2)
    causes = forms.MultipleChoiceField(label=_("致困原因"), choices=Cause.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple,
                                       help_text=_("不选则沿用原档案的致困原因。"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["causes"].widget.attrs = {"class": "gh-checks"}


class ConsentForm(VersionedForm):
    consent_signer = _text(_("同意人"), 50, required=True)
    consent_text_version = _text(_("同意书版本"), 20, required=True, attrs={"placeholder": _("如 2026-01")})


class AttachForm(VersionedForm):
    kind = _choice(_("材料类型"), DocumentKind.choices)
    file = forms.FileField(label=_("证明材料"), help_text=_("PDF 或 JPG、PNG 图片。"),
                           error_messages=named(_("证明材料"), _("请选择%(field)s。")),
                           widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))


class RevealForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("查看理由"), max_length=200, required=False,
                             help_text=_("显示完整信息将逐项记入个人信息访问日志。"))


class RuleForm(BootstrapFormMixin, forms.Form):
    """A new version of an area's assessment rule: versions are added, never edited."""

    adcode = forms.CharField(label=_("行政区划代码"), max_length=12, error_messages=named(_("行政区划代码")),
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                             help_text=_("市（州）如 510100，省如 510000；区县有单列标准的填区县代码。"))
    area_name = _text(_("地区"), 60, required=True)
    min_living_monthly = _money(_("最低生活保障标准（元/人·月）"))
    deep_factor = _money(_("深度困难系数"), _("家庭月人均收入不高于 标准×系数 的为深度困难。"))
    relative_factor = _money(_("相对困难系数"), _("不低于深度困难系数。"))
    accident_factor = _money(_("意外致困系数"), _("因突发事件致困的家庭适用。"))
    effective_from = forms.DateField(label=_("生效日期"), widget=DATE, input_formats=DATE_FORMATS,
                                     error_messages=dated(_("生效日期")))
    effective_to = forms.DateField(label=_("失效日期"), widget=DATE, input_formats=DATE_FORMATS, required=False,
                                   error_messages=dated(_("失效日期")))
    source = _text(_("依据"), 200, required=True, attrs={"placeholder": _("如 民政部门文件名称和文号")})
