"""Console forms of 荣誉评选. They parse what the cadre typed; the honours services judge quotas, shares,
ranks, dates and the review chain, and their errors land on the field they name."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.honours.choices import (
    AwardLevel,
    AwardStatus,
    CallStatus,
    CheckDecision,
    Gender,
    ModelWorkerStatus,
    NominationStatus,
    ObjectionVerdict,
    Rank,
    RecordKind,
    WorkerCategory,
)
from gonghui.web.common.employers import EmployerPick, EmployerPickField, bind_employer_pick
from gonghui.web.common.forms import BootstrapFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NUMBER = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
ANY = [("", _("全部"))]


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE, required=required,
                           error_messages={"invalid": _("请输入有效日期，如2026-03-01。")})


def _int(label: Any, required: bool = True, low: int = 0, high: int = 100000) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=low, max_value=high, required=required, widget=NUMBER,
                              error_messages={"invalid": _("请输入整数。"),
                                              "min_value": _("不能小于%(limit_value)s。"),
                                              "max_value": _("不能大于%(limit_value)s。")})


def _text(label: Any, max_length: int, required: bool = True, rows: int = 0) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, max_length=max_length, required=required, widget=widget)


def _lenient(form: forms.Form) -> dict[str, Any]:
    """A filter form's good values; a bad one (a hand-typed query string) is ignored, never a 500."""
    if form.is_valid():
        return form.cleaned_data
    return {k: v for k, v in getattr(form, "cleaned_data", {}).items() if k not in form.errors}


# ---- filters ----

class FilterForm(BootstrapFormMixin, forms.Form):
    """A list's filters."""

    def values(self) -> dict[str, Any]:
        return _lenient(self)


class CallFilterForm(FilterForm):
    status = forms.ChoiceField(label=_("状态"), choices=ANY + list(CallStatus.choices), required=False)
    year = _int(_("年度"), required=False, low=1950, high=2100)
    show = forms.ChoiceField(choices=[("", ""), ("ending", _("公示三日内期满"))], required=False,
                             widget=forms.HiddenInput)


class NominationFilterForm(FilterForm):
    status = forms.ChoiceField(label=_("状态"), choices=ANY + list(NominationStatus.choices), required=False)
    call = forms.TypedChoiceField(label=_("评选通知"), coerce=int, required=False, empty_value=None)
    q = forms.CharField(label=_("姓名或单位"), max_length=50, required=False)

    def __init__(self, *args: Any, calls: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["call"].choices = ANY + calls  # type: ignore[attr-defined]


class ObjectionFilterForm(FilterForm):
    unanswered = forms.BooleanField(label=_("只看待答复的异议"), required=False)


class AwardFilterForm(FilterForm):
    year = _int(_("年度"), required=False, low=1950, high=2100)
    level = forms.ChoiceField(label=_("级别"), choices=ANY + list(AwardLevel.choices), required=False)
    status = forms.ChoiceField(label=_("状态"), choices=ANY + list(AwardStatus.choices), required=False)


class RegisterFilterForm(FilterForm):
    level = forms.ChoiceField(label=_("级别"), choices=ANY + list(AwardLevel.choices), required=False)
    status = forms.ChoiceField(label=_("状态"), choices=ANY + list(ModelWorkerStatus.choices), required=False)
    hardship = forms.ChoiceField(label=_("困难劳模"), choices=[*ANY, ("1", _("是")), ("0", _("否"))], required=False)
    q = forms.CharField(label=_("姓名或单位"), max_length=50, required=False)


# ---- calls ----

class CallForm(BootstrapFormMixin, forms.Form):
    kind = forms.TypedChoiceField(label=_("荣誉种类"), coerce=int)
    year = _int(_("年度"), low=1950, high=2100)
    title = _text(_("通知标题"), 120)
    document_number = _text(_("文号"), 60, required=False)
    nominations_due = _date(_("推荐截止日期"))
    reviews_due = _date(_("审核上报截止日期"))
    places = _int(_("表彰名额"), required=False, low=1)
    front_line_min_pct = _int(_("一线职工和专业技术人员最低比例（%）"), high=100)
    women_min_pct = _int(_("女性最低比例（%）"), high=100)
    excluded_ranks = forms.MultipleChoiceField(
        label=_("不得推荐的职级"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[c for c in Rank.choices if c[0] != Rank.NONE])
    notice_working_days = _int(_("公示期（工作日）"), low=1, high=30)
    rules_note = _text(_("其他评选条件"), 5000, required=False, rows=3)

    def __init__(self, *args: Any, kinds: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("请选择")), *kinds]  # type: ignore[attr-defined]
        self.fields["excluded_ranks"].widget.attrs["class"] = "form-check-input"


class QuotaForm(BootstrapFormMixin, forms.Form):
    union = forms.TypedChoiceField(label=_("下级工会"), coerce=int)
    places = _int(_("名额"))

    def __init__(self, *args: Any, unions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["union"].choices = [("", _("请选择")), *unions]  # type: ignore[attr-defined]


class ReasonForm(BootstrapFormMixin, forms.Form):
    reason = _text(_("原因"), 500, rows=2)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class PublishForm(BootstrapFormMixin, forms.Form):
    starts_on = _date(_("公示开始日期"))
    title = _text(_("公示标题"), 120, required=False)
    contact = _text(_("受理异议联系方式"), 100, required=False)


# ---- nominations ----

class NominationForm(BootstrapFormMixin, forms.Form):
    """Who is nominated and why; a collective's form hides the person's fields (`person=False`)."""

    union = forms.TypedChoiceField(label=_("推荐工会"), coerce=int)
    name = _text(_("姓名"), 100)
    id_number = forms.CharField(label=_("居民身份证号码"), max_length=18, required=False,
                                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    gender = forms.ChoiceField(label=_("性别"), choices=[("", _("按证件号码")), *list(Gender.choices)], required=False)
    post = _text(_("职务/岗位"), 60, required=False)
    category = forms.ChoiceField(label=_("人员类别"), choices=[("", _("请选择")), *list(WorkerCategory.choices)],
                                 required=False)
    rank = forms.ChoiceField(label=_("行政职级"), choices=Rank.choices, required=False)
    employer = EmployerPickField(label=_("工作单位（用人单位名录）"), required=False)
    employer_name = _text(_("工作单位名称（名录中没有时填写）"), 100, required=False)
    deeds = _text(_("主要事迹"), 5000, rows=6)
    deeds_summary = _text(_("事迹摘要（公示用，不含身份证号、电话、住址）"), 300, required=False, rows=2)
    employer_opinion = _text(_("所在单位意见"), 500, required=False, rows=2)

    PERSON_ONLY = ("id_number", "gender", "post", "category", "rank")

    def __init__(self, *args: Any, person: bool, unions: list[tuple[int, str]] | None = None,
                 employers: EmployerPick | None = None, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:  # who is nominated and by whom stays; the texts are amended
            for f in ("union", "name", "id_number", "gender", "employer", "employer_name"):
                del self.fields[f]
        else:
            self.fields["union"].choices = [("", _("请选择")), *(unions or [])]  # type: ignore[attr-defined]
            bind_employer_pick(self, employers)
        if not person:
            self.fields["name"].label = _("集体名称")
            for f in self.PERSON_ONLY:
                self.fields.pop(f, None)

    def data_for_service(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "union" and v not in (None, "")}


class CheckForm(BootstrapFormMixin, forms.Form):
    decision = forms.ChoiceField(label=_("核查结论"), choices=CheckDecision.choices, widget=forms.RadioSelect)
    note = _text(_("核查说明（有情况时必填）"), 500, required=False, rows=2)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].widget.attrs["class"] = "form-check-input"


class VersionForm(BootstrapFormMixin, forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AttachForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("证明材料（PDF或图片）"))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AwardForm(BootstrapFormMixin, forms.Form):
    decision_number = _text(_("表彰决定文号"), 60)
    decided_on = _date(_("表彰决定日期"))
    certificate_number = _text(_("证书编号"), 40, required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ConcludeForm(BootstrapFormMixin, forms.Form):
    verdict = forms.ChoiceField(label=_("核查结论"), choices=[c for c in ObjectionVerdict.choices if c[0]],
                                widget=forms.RadioSelect)
    note = _text(_("核查说明"), 1000, rows=2)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["verdict"].widget.attrs["class"] = "form-check-input"


class RevokeForm(BootstrapFormMixin, forms.Form):
    reason = _text(_("撤销原因"), 500, rows=2)
    revoked_on = _date(_("撤销日期"))


# ---- the 劳模 register ----

class RecordForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=RecordKind.choices)
    year = _int(_("年度"), low=1950, high=2100)
    on = _date(_("日期"))
    amount = forms.DecimalField(label=_("金额（元，津贴和帮扶填写）"), required=False, min_value=0,
                                max_digits=10, decimal_places=2, widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                                error_messages={"invalid": _("请输入金额，如1200.00。")})
    result = _text(_("结果"), 60, required=False)
    note = _text(_("说明"), 500, required=False, rows=2)


class HardshipForm(BootstrapFormMixin, forms.Form):
    in_hardship = forms.BooleanField(label=_("列为困难劳模"), required=False)
    # The person's files the cadre may see are offered; the service checks whatever pk arrives.
    hardship_file = forms.IntegerField(label=_("关联困难职工档案"), required=False, widget=forms.Select,
                                       help_text=_("按本人证件号码在困难职工档案中查到的档案；不关联可留空。"))

    def __init__(self, *args: Any, files: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("不关联档案"))] + [(f.pk, f"{f.number or f.pk} · {f.get_status_display()} · {f.union.name}")
                                          for f in files]
        self.fields["hardship_file"].widget.choices = choices


class DeathForm(BootstrapFormMixin, forms.Form):
    died_on = _date(_("去世日期"))
    note = _text(_("说明"), 500, required=False, rows=2)


class PostForm(BootstrapFormMixin, forms.Form):
    post = _text(_("现职务/岗位"), 60, required=False)
    employer_name = _text(_("现工作单位"), 100)
