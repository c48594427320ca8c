"""Console forms of 劳动和技能竞赛. They parse what the cadre typed; the competition services judge
the plan, the people, the scores and the steps, and their errors land on the field they name."""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.core.idnumbers import IdType
from gonghui.members.choices import SkillLevel
from gonghui.skills.competition_choices import CompetitionKind, CompetitionStatus, PrizeGrade, StageKind, TieRule
from gonghui.skills.services.competitions import PersonIn, StageIn
from gonghui.web.common.forms import BootstrapFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NUMBER = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
ALL: list[tuple[str, Any]] = [("", _("全部"))]


def date_field(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE,
                           error_messages={"invalid": _("请输入有效日期，如2025-03-01。")})


def text(label: Any, max_length: int, required: bool = True, rows: int = 0, **kw: Any) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=label, max_length=max_length, required=required, widget=widget, **kw)


def year_field(label: Any = None, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(label=label or _("年度"), min_value=2000, max_value=2100, required=required,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                              error_messages={"invalid": _("请输入四位年份。")})


class Versioned(BootstrapFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CompetitionFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("查找"), required=False, max_length=60)
    kind = forms.ChoiceField(label=_("竞赛类别"), required=False, choices=ALL + CompetitionKind.choices)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=ALL + CompetitionStatus.choices)
    year = year_field(required=False)
    todo = forms.ChoiceField(required=False, widget=forms.HiddenInput,
                             choices=[("", ""), ("approve", ""), ("finalise", "")])


class PlanForm(BootstrapFormMixin, forms.Form):
    """拟定竞赛方案: the plan, its rules and its stages (each stage ticked, with how many advance)."""

    organiser = forms.TypedChoiceField(label=_("主办工会"), coerce=int)
    title = text(_("竞赛名称"), 100)
    kind = forms.ChoiceField(label=_("竞赛类别"), choices=CompetitionKind.choices)
    trade = text(_("竞赛工种"), 50, required=False, help_text=_("技能竞赛、技术比武必填，如焊工、电工。"))
    project = text(_("重点工程/项目"), 100, required=False, help_text=_("劳动竞赛必填。"))
    budget = forms.CharField(label=_("预算（元）"), required=False, max_length=20, widget=NUMBER)
    start_on = date_field(_("开始日期"))
    end_on = date_field(_("结束日期"))
    score_min = forms.CharField(label=_("最低分"), max_length=12, initial="0", widget=NUMBER)
    score_max = forms.CharField(label=_("最高分"), max_length=12, initial="100", widget=NUMBER)
    tie_rule = forms.ChoiceField(label=_("同分处理"), choices=TieRule.choices)
    max_entries = forms.IntegerField(label=_("参赛名额上限"), min_value=1, initial=1000)
    team_size = forms.IntegerField(label=_("每队人数上限"), min_value=0, initial=0,
                                   help_text=_("0 表示只接受个人参赛；安康杯竞赛以班组参赛。"))
    notice_workdays = forms.IntegerField(label=_("公示期（工作日）"), min_value=1, initial=5)
    plan = text(_("实施方案"), 20000, required=False, rows=4)

    def __init__(self, *args: Any, unions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organiser"].choices = unions  # type: ignore[attr-defined]
        for kind in StageKind:
            self.fields[f"stage_{kind.value}"] = forms.BooleanField(label=kind.label, required=False)
            self.fields[f"advance_{kind.value}"] = forms.IntegerField(
                label=_("晋级名额"), required=False, min_value=1,
                widget=forms.NumberInput(attrs={"class": "form-control"}))

    def stage_rows(self) -> list[tuple[Any, Any, Any]]:
        return [(kind.label, self[f"stage_{kind.value}"], self[f"advance_{kind.value}"]) for kind in StageKind]

    def plan_values(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {k: d[k] for k in ("title", "kind", "trade", "project", "start_on", "end_on", "score_min",
                                  "score_max", "tie_rule", "max_entries", "team_size", "notice_workdays", "plan")
                } | {"budget": d["budget"] or "0"}

    def stages(self) -> list[StageIn]:
        d = self.cleaned_data
        return [StageIn(kind.value, d.get(f"advance_{kind.value}")) for kind in StageKind
                if d.get(f"stage_{kind.value}")]


class NoteForm(Versioned):
    note = text(_("审批意见"), 500, required=False, rows=2)


class ReasonForm(Versioned):
    reason = text(_("原因"), 500, rows=2)


class DayForm(Versioned):
    on = date_field(_("日期"))


# "姓名 证件号码" per line, separated by a space, a comma or a tab.
_PERSON = re.compile(r"[，,、\s]+")


class EnterForm(BootstrapFormMixin, forms.Form):
    """登记参赛: one line is one person; with a team name the lines are its members (the first leads)."""

    team_name = text(_("队名"), 100, required=False, help_text=_("团体参赛时填写；个人参赛留空。"))
    people = text(_("参赛人员"), 5000, rows=3, help_text=_("每行一人：姓名 身份证号码（以空格或逗号分隔）。"))
    employer_name = text(_("工作单位"), 100, required=False)
    trade = text(_("工种"), 50, required=False)

    def persons(self) -> list[PersonIn]:
        rows = []
        for line in self.cleaned_data["people"].splitlines():
            bits = [b for b in _PERSON.split(line.strip()) if b]
            if bits:
                rows.append(PersonIn(name=bits[0], id_number=bits[1] if len(bits) > 1 else "",
                                     id_type=IdType.RESIDENT))
        return rows


class WithdrawForm(BootstrapFormMixin, forms.Form):
    entry = forms.TypedChoiceField(label=_("参赛者"), coerce=int)
    reason = text(_("原因"), 500, rows=2)

    def __init__(self, *args: Any, entries: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = entries  # type: ignore[attr-defined]


class AdvanceForm(BootstrapFormMixin, forms.Form):
    stage = forms.TypedChoiceField(label=_("竞赛阶段"), coerce=int)
    on = date_field(_("日期"))

    def __init__(self, *args: Any, stages: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = stages  # type: ignore[attr-defined]


class AwardForm(BootstrapFormMixin, forms.Form):
    entry = forms.TypedChoiceField(label=_("参赛者"), coerce=int)
    grade = forms.ChoiceField(label=_("奖次"), choices=PrizeGrade.choices)
    title = text(_("授予称号"), 40, required=False, help_text=_("如技术能手、技术标兵。"))
    skill_level = forms.ChoiceField(label=_("晋升技能等级"), required=False,
                                    choices=[("", _("不晋升")), *[c for c in SkillLevel.choices if c[0] != "none"]])
    note = text(_("说明"), 500, required=False)

    def __init__(self, *args: Any, entries: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = entries  # type: ignore[attr-defined]


class SummaryForm(BootstrapFormMixin, forms.Form):
    title = text(_("标题"), 100)
    text = text(_("内容"), 20000, rows=4)


class CommendForm(SummaryForm):
    year = year_field()
    entries = forms.TypedMultipleChoiceField(label=_("表扬对象"), coerce=int, required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, entries: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entries"].choices = entries  # type: ignore[attr-defined]
        self.fields["entries"].widget.attrs = {}


class FiguresForm(BootstrapFormMixin, forms.Form):
    union = forms.TypedChoiceField(label=_("工会"), coerce=int, required=False, empty_value=None)
    start = date_field(_("起始日期"), required=False)
    end = date_field(_("截止日期"), required=False)

    def __init__(self, *args: Any, unions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["union"].choices = unions  # type: ignore[attr-defined]
