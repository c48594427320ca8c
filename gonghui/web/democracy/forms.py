"""Console forms of 民主管理. They parse what the cadre typed; the democracy services judge counts,
dates, composition and thresholds, and their errors land on the field they name."""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.core.votes import VoteBase
from gonghui.democracy.choices import (
    AgendaKind,
    CongressForm,
    DelegateCategory,
    DisclosureCategory,
    DisclosureChannel,
    ProposalStatus,
    Rating,
    SeatKind,
)
from gonghui.democracy.services import DelegateInput
from gonghui.web.common.employers import EmployerPick, EmployerPickField, bind_employer_pick
from gonghui.web.common.forms import BootstrapFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
COUNT = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})


def _date(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE, error_messages={"invalid": _("请输入有效日期，如2025-03-01。")})


def _count(label: Any, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, required=required, widget=COUNT,
                              error_messages={"invalid": _("请输入整数。"), "min_value": _("不能为负数。")})


class EstablishForm(BootstrapFormMixin, forms.Form):
    employer = EmployerPickField(label=_("用人单位"))
    form = forms.ChoiceField(label=_("形式"), choices=CongressForm.choices)
    established_on = _date(_("建制日期"))

    def __init__(self, *args: Any, employers: EmployerPick, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bind_employer_pick(self, employers)


class TermForm(BootstrapFormMixin, forms.Form):
    starts_on = _date(_("任期开始"))
    ends_on = _date(_("任期届满"))
    workforce = _count(_("职工总数"))
    women_workforce = _count(_("女职工人数"))
    dispatched_workforce = _count(_("劳务派遣职工人数"))


class SessionForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("会议名称"), max_length=200)
    held_on = _date(_("召开日期"))


CATEGORY_WORDS = {str(label): value for value, label in DelegateCategory.choices} | {
    "一线": DelegateCategory.FRONTLINE, "技术": DelegateCategory.TECHNICAL, "管理": DelegateCategory.MANAGER,
    "领导": DelegateCategory.LEADER, "中层以上": DelegateCategory.LEADER}
ID_NUMBER = re.compile(r"^(\d{17}[\dXx]|\d{15})$")
YES = {"女", "是", "派遣", "劳务派遣", "女职工", "√", "1"}


class RosterForm(BootstrapFormMixin, forms.Form):
    roster = forms.CharField(
        label=_("代表名单"), widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text=_("每行一名代表：姓名、选区、类别（一线职工/专业技术人员/一般管理人员/中层以上管理人员和领导人员）、"
                    "是否女职工（女）、是否劳务派遣（派遣），以逗号或空格分隔；写上代表的身份证号码即关联到本单位的"
                    "该会员（可放在行内任意位置）。提交后整体替换本届名单。"))

    def delegates(self) -> list[DelegateInput]:
        rows = []
        for line in self.cleaned_data["roster"].splitlines():
            parts = [p for p in line.replace("，", ",").replace(",", " ").replace("\t", " ").split(" ") if p]
            if not parts:
                continue
            # The ID number links the row to its member; it may sit anywhere on the line.
            ids = [p for p in parts if ID_NUMBER.match(p)]
            parts = [p for p in parts if not ID_NUMBER.match(p)]
            parts += [""] * (5 - len(parts))
            rows.append(DelegateInput(name=parts[0], constituency=parts[1],
                                      category=CATEGORY_WORDS.get(parts[2], parts[2]),
                                      is_woman=parts[3] in YES, is_dispatched=parts[4] in YES,
                                      id_number=ids[0] if ids else ""))
        return rows


class AgendaForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("事项类型"), choices=AgendaKind.choices)
    title = forms.CharField(label=_("议题"), max_length=240)


class VoteForm(BootstrapFormMixin, forms.Form):
    present = _count(_("实到人数"))
    in_favour = _count(_("赞成票"))
    against = _count(_("反对票"), required=False)
    abstained = _count(_("弃权票"), required=False)


class ResolutionForm(BootstrapFormMixin, forms.Form):
    resolution = forms.CharField(label=_("决议"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)


class ProposalForm(BootstrapFormMixin, forms.Form):
    submitter = forms.TypedChoiceField(label=_("提案人"), coerce=int)
    cosigners = forms.TypedMultipleChoiceField(label=_("附议人"), coerce=int, required=False,
                                               help_text=_("勾选附议的职工代表，提案人本人不计。"),
                                               widget=forms.CheckboxSelectMultiple)
    title = forms.CharField(label=_("案由"), max_length=240)
    content = forms.CharField(label=_("提案内容"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000)

    def __init__(self, *args: Any, delegates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submitter"].choices = [("", _("请选择")), *delegates]  # type: ignore[attr-defined]
        self.fields["cosigners"].choices = delegates  # type: ignore[attr-defined]
        self.fields["cosigners"].widget.attrs = {"class": "form-check-input"}


class ProposalFilterForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部")), *ProposalStatus.choices])
    q = forms.CharField(label=_("关键词"), required=False, max_length=50)
    overdue = forms.BooleanField(label=_("只看答复超期"), required=False)


class ProposalActionForm(BootstrapFormMixin, forms.Form):
    """Every field any step may need; the page shows only those of the step offered."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("说明"), required=False, max_length=1000)
    reason = forms.CharField(label=_("理由"), required=False, max_length=1000)
    department = forms.CharField(label=_("承办部门"), required=False, max_length=120)
    answer = forms.CharField(label=_("答复内容"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                             max_length=10000)
    rating = forms.ChoiceField(label=_("提案人评价"), required=False, choices=[("", _("请选择")), *Rating.choices])
    rating_note = forms.CharField(label=_("评价说明"), required=False, max_length=600)


class DisclosureForm(BootstrapFormMixin, forms.Form):
    employer = EmployerPickField(label=_("用人单位"))
    # Optional here so the service names a missing choice with the other fields; marked required.
    category = forms.ChoiceField(label=_("公开类别"), choices=[("", _("请选择")), *DisclosureCategory.choices],
                                 required=False, widget=forms.Select(attrs={"required": True}))
    channel = forms.ChoiceField(label=_("公开形式"), choices=[("", _("请选择")), *DisclosureChannel.choices],
                                required=False, widget=forms.Select(attrs={"required": True}))
    title = forms.CharField(label=_("标题"), max_length=240)
    content = forms.CharField(label=_("公开内容"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000)
    period_start = _date(_("公开期起"))
    period_end = _date(_("公开期止"))
    publish = forms.BooleanField(label=_("立即发布"), required=False, initial=True)

    def __init__(self, *args: Any, employers: EmployerPick, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bind_employer_pick(self, employers)


class DisclosureFilterForm(BootstrapFormMixin, forms.Form):
    category = forms.ChoiceField(label=_("公开类别"), required=False,
                                 choices=[("", _("全部")), *DisclosureCategory.choices])
    q = forms.CharField(label=_("关键词"), required=False, max_length=50)


class GuidanceForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(label=_("指导意见"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("记在本单位职代会页面，本单位工会可见；不改变已登记的内容。"))


class AssessmentForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, widget=COUNT)
    satisfied = _count(_("满意"))
    basic = _count(_("基本满意"))
    dissatisfied = _count(_("不满意"))


class SeatForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=SeatKind.choices)
    holder_name = forms.CharField(label=_("姓名"), max_length=100)
    elected_by = forms.TypedChoiceField(label=_("选举会议"), coerce=int)
    starts_on = _date(_("任期开始"))
    ends_on = _date(_("任期届满"))

    def __init__(self, *args: Any, sessions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["elected_by"].choices = [("", _("请选择")), *sessions]  # type: ignore[attr-defined]


class PeriodForm(BootstrapFormMixin, forms.Form):
    start = _date(_("起始日期"))
    end = _date(_("截止日期"))


class RuleForm(BootstrapFormMixin, forms.Form):
    value = forms.CharField(label=_("取值"), max_length=200)


class AgendaRuleForm(BootstrapFormMixin, forms.Form):
    """One agenda kind's thresholds as fractions ("2/3"); the service judges them and names the field."""

    quorum = forms.CharField(label=_("出席比例"), max_length=20, required=False,
                             help_text=_("如 2/3；留空表示不要求出席比例。"))
    quorum_base = forms.ChoiceField(label=_("出席比例基数"), choices=VoteBase.choices)
    quorum_inclusive = forms.BooleanField(label=_("出席含本数（以上）"), required=False)
    majority = forms.CharField(label=_("同意比例"), max_length=20, required=False, help_text=_("如 1/2"))
    majority_base = forms.ChoiceField(label=_("同意比例基数"), choices=VoteBase.choices)
    majority_inclusive = forms.BooleanField(label=_("同意含本数（以上）"), required=False,
                                            help_text=_("不勾选即“超过”，本数不算通过。"))
