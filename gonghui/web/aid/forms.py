"""Console forms of aid programmes, campaigns and batches. They parse what the cadre typed; amounts,
lengths and identity numbers are the aid services' to judge, and a service's error lands on the
field it names (forms_util.call_service)."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.aid.choices import BatchStatus, Cycle, FundSource, ProgrammeKind, RecipientGroup
from gonghui.assistance.choices import HardshipClass
from gonghui.web.common.forms import BootstrapFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DEFAULT: list[tuple[str, Any]] = [("", _("按项目类别默认"))]


def _money(label: Any, required: bool = False, help_text: Any = "") -> forms.CharField:
    # Text, not a DecimalField: "1,200" and full-width digits are read by the service's money check.
    return forms.CharField(label=label, max_length=40, required=required, help_text=help_text,
                           widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))


def _text(label: Any, max_length: int, required: bool = False, rows: int = 0) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput(attrs={"autocomplete": "off"})
    return forms.CharField(label=label, max_length=max_length * 2, required=required, widget=widget)


class CheckboxList(forms.CheckboxSelectMultiple):
    """Ticks styled as Bootstrap checks; their container gets a class of its own, not the ticks' class."""

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"] = {**context["widget"]["attrs"], "class": "gh-checks"}
        return context


class UnionChoiceMixin:
    def set_unions(self, unions: list[tuple[int, str]]) -> None:
        self.fields["union"].choices = list(unions)  # type: ignore[attr-defined]


class ProgrammeForm(UnionChoiceMixin, BootstrapFormMixin, forms.Form):
    union = forms.TypedChoiceField(label=_("主办工会"), coerce=int)
    kind = forms.ChoiceField(label=_("项目类别"), choices=ProgrammeKind.choices)
    name = _text(_("项目名称"), 100, required=True)  # the service would name it 姓名
    fund_source = forms.ChoiceField(label=_("资金来源"), choices=FundSource.choices)
    cycle = forms.ChoiceField(label=_("周期"), choices=Cycle.choices,
                              help_text=_("同一人在一个周期内只能领取一次。"))
    budget = _money(_("预算（元）"), required=True)
    standard_amount = _money(_("标准金额（元）"), help_text=_("每人发放的现金，选入名单时自动填入，可逐人调整。"))
    standard_goods_value = _money(_("标准物资折价（元）"))
    hardship_classes = forms.MultipleChoiceField(
        label=_("困难类别"), choices=HardshipClass.choices, required=False, widget=CheckboxList,
        help_text=_("从困难职工档案选取时只选这些类别；不选则所有在档户均可。"))
    members_only = forms.ChoiceField(label=_("发放对象"), required=False, choices=[
        *DEFAULT, ("yes", _("仅限会员")), ("no", _("会员和非会员（如户外劳动者）"))],
        help_text=_("默认：送温暖、夏送清凉也可发给非会员，其他项目仅限会员。"))
    once_per_household = forms.ChoiceField(label=_("每户限一次"), required=False, choices=[
        *DEFAULT, ("yes", _("是")), ("no", _("否（按人计，如金秋助学每名学生）"))])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hardship_classes"].widget.attrs["class"] = "form-check-input"

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        flags = {"yes": True, "no": False, "": None}
        return {"kind": data["kind"], "name": data["name"], "fund_source": data["fund_source"],
                "cycle": data["cycle"], "budget": data["budget"], "standard_amount": data["standard_amount"],
                "standard_goods_value": data["standard_goods_value"], "hardship_classes": data["hardship_classes"],
                "members_only": flags[data["members_only"]], "once_per_household": flags[data["once_per_household"]]}


class BudgetForm(BootstrapFormMixin, forms.Form):
    budget = _money(_("预算（元）"), required=True)


class CampaignForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    period = _text(_("期次"), 20)
    name = _text(_("活动名称"), 100)
    starts_on = forms.DateField(label=_("开始日期"), widget=DATE)
    ends_on = forms.DateField(label=_("结束日期"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].help_text = _("每期活动一次的项目须填写，如“春节”“中秋”。")
        self.fields["name"].help_text = _("不填则为“年度+项目名称+期次”。")
        self.fields["year"].initial = timezone.localdate().year


class BatchForm(UnionChoiceMixin, BootstrapFormMixin, forms.Form):
    campaign = forms.TypedChoiceField(label=_("帮扶活动"), coerce=int)
    union = forms.TypedChoiceField(label=_("发放工会"), coerce=int)
    title = _text(_("批次名称"), 100)
    granted_on = forms.DateField(label=_("发放日期"), widget=DATE)

    def __init__(self, *args: Any, campaigns: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["campaign"].choices = list(campaigns)  # type: ignore[attr-defined]
        self.fields["title"].help_text = _("不填则为“活动名称（发放工会）”。")
        self.fields["granted_on"].initial = timezone.localdate()


class BatchFilterForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部状态")), *BatchStatus.choices])
    programme = forms.TypedChoiceField(label=_("帮扶项目"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, programmes: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("全部项目")), *programmes]  # type: ignore[attr-defined]


class VersionedForm(BootstrapFormMixin, forms.Form):
    # The version the cadre saw; a batch changed since then is refused as a lost race.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReasonForm(VersionedForm):
    reason = _text(_("原因"), 200, required=True, rows=2)


class WorkerForm(BootstrapFormMixin, forms.Form):
    """A worker added by hand: outside the registry (户外劳动者, 新就业形态劳动者 …) or a member."""

    name = _text(_("姓名"), 50)  # required, but judged by the service with every other field at once
    id_number = forms.CharField(label=_("证件号码"), max_length=40, required=False,
                                widget=forms.TextInput(attrs={"autocomplete": "off"}))
    phone = forms.CharField(label=_("手机号码"), max_length=40, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
                            help_text=_("证件号码和手机号码至少填写一项，用于防止重复发放。"))
    group = forms.ChoiceField(label=_("对象类别"), choices=RecipientGroup.choices, initial=RecipientGroup.OUTDOOR)
    is_member = forms.BooleanField(label=_("工会会员"), required=False)
    cash = _money(_("现金（元）"), help_text=_("不填则按项目标准金额。"))
    goods = _text(_("物资"), 100)
    goods_value = _money(_("物资折价（元）"), help_text=_("不填则按项目标准物资折价。"))
    payee_name = _text(_("户名"), 50)
    payee_account = forms.CharField(label=_("银行账号"), max_length=60, required=False,
                                    widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    student_name = _text(_("学生姓名"), 50)
    school = _text(_("学校"), 100)
    grade = _text(_("年级"), 30)

    def __init__(self, *args: Any, study_aid: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not study_aid:
            for name in ("student_name", "school", "grade"):
                del self.fields[name]


class RemoveForm(BootstrapFormMixin, forms.Form):
    grants = forms.TypedMultipleChoiceField(label=_("发放对象"), coerce=int, widget=forms.MultipleHiddenInput)
    reason = _text(_("原因"), 200)

    def __init__(self, *args: Any, grant_ids: list[int] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["grants"].choices = [(i, str(i)) for i in grant_ids]  # type: ignore[attr-defined]
        self.fields["grants"].error_messages["required"] = _("请勾选要移出的记录。")


class GrantForm(BootstrapFormMixin, forms.Form):
    """调整: the row's amounts, goods, payee and (金秋助学) student, while the batch is a draft."""

    cash = _money(_("现金（元）"))
    goods = _text(_("物资"), 100)
    goods_value = _money(_("物资折价（元）"))
    payee_name = _text(_("户名"), 50)
    payee_account = forms.CharField(label=_("银行账号"), max_length=60, required=False,
                                    widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                                    help_text=_("不修改请留空。"))
    student_name = _text(_("学生姓名"), 50)
    school = _text(_("学校"), 100)
    grade = _text(_("年级"), 30)

    def __init__(self, *args: Any, study_aid: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not study_aid:
            for name in ("student_name", "school", "grade"):
                del self.fields[name]

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        # The stored account is shown masked, so an empty box means "unchanged", never "erase".
        if not data.get("payee_account"):
            data.pop("payee_account", None)
        return data


class BankResultForm(VersionedForm):
    file = forms.FileField(label=_("银行回盘文件"),
                           help_text=_("Excel（.xlsx）或 CSV 文件，须含“发放编号”和“结果”列。"))
