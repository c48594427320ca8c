"""Console forms of 五小 and 合理化建议, 创新工作室, 师带徒 and 职工技能培训. They parse; the innovation
services judge dates, amounts and people, and name the field they refuse."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.members.choices import SkillLevel
from gonghui.skills.innovation_choices import (
    ApprenticeshipStatus,
    AssessmentGrade,
    CourseKind,
    PatentKind,
    StudioKind,
    StudioLevel,
    StudioResultKind,
    StudioStatus,
    SuggestionKind,
    SuggestionStatus,
)
from gonghui.web.common.employers import EmployerPick, EmployerPickField, bind_employer_pick
from gonghui.web.common.forms import BootstrapFormMixin
from gonghui.web.skills.forms import ALL, NUMBER, Versioned, date_field, text, year_field

LEVELS = [c for c in SkillLevel.choices if c[0] != SkillLevel.NONE]
ID_HELP = _("填写该职工的身份证号码，在本单位会员中查找。")


class EmployerChoice(BootstrapFormMixin, forms.Form):
    employer = EmployerPickField(label=_("单位"))

    def __init__(self, *args: Any, employers: EmployerPick, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bind_employer_pick(self, employers)


class SuggestionFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("查找"), required=False, max_length=60)
    kind = forms.ChoiceField(label=_("类别"), required=False, choices=ALL + SuggestionKind.choices)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=ALL + SuggestionStatus.choices)
    start = date_field(_("提出日期自"), required=False)
    end = date_field(_("至"), required=False)
    waiting = forms.BooleanField(label=_("超期未评审"), required=False)


class SuggestionForm(EmployerChoice):
    kind = forms.ChoiceField(label=_("类别"), choices=SuggestionKind.choices)
    title = text(_("名称"), 120)
    content = text(_("内容"), 5000, rows=4)
    proposer_name = text(_("提出人"), 50)
    co_proposers = text(_("共同提出人"), 200, required=False)
    department = text(_("部门/班组"), 60, required=False)
    submitted_on = date_field(_("提出日期"))


class DecideForm(Versioned):
    on = date_field(_("日期"))
    note = text(_("意见或理由"), 500, required=False, rows=2, help_text=_("不予采纳时必须填写理由。"))


class AssessForm(Versioned):
    benefit = forms.CharField(label=_("创效（万元）"), max_length=20, widget=NUMBER)
    assessor = text(_("核定人"), 100)
    assessed_on = date_field(_("核定日期"))
    basis = text(_("核定依据"), 500, required=False, rows=2)


class RewardForm(BootstrapFormMixin, forms.Form):
    amount = forms.CharField(label=_("奖励金额（元）"), max_length=20, widget=NUMBER)
    paid_on = date_field(_("奖励日期"))
    note = text(_("说明"), 200, required=False)


class PatentForm(BootstrapFormMixin, forms.Form):
    number = text(_("专利号"), 30)
    kind = forms.ChoiceField(label=_("专利类型"), choices=PatentKind.choices)
    title = text(_("专利名称"), 120)
    granted_on = date_field(_("授权日期"))


class StudioFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("查找"), required=False, max_length=60)
    kind = forms.ChoiceField(label=_("类型"), required=False, choices=ALL + StudioKind.choices)
    level = forms.ChoiceField(label=_("级别"), required=False, choices=ALL + StudioLevel.choices)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=ALL + StudioStatus.choices)
    due = forms.BooleanField(label=_("待年度考核"), required=False)


class StudioForm(EmployerChoice):
    name = text(_("工作室名称"), 100)
    kind = forms.ChoiceField(label=_("类型"), choices=StudioKind.choices)
    level = forms.ChoiceField(label=_("级别"), choices=StudioLevel.choices)
    leader_name = text(_("领衔人"), 50)
    field = text(_("专业领域"), 60, required=False)
    named_on = date_field(_("命名日期"))
    named_by = text(_("命名单位"), 100, required=False)


class TeamForm(BootstrapFormMixin, forms.Form):
    name = text(_("姓名"), 50)
    role = text(_("分工"), 50, required=False)
    joined_on = date_field(_("加入日期"))


class ResultForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("成果类型"), choices=StudioResultKind.choices)
    title = text(_("名称"), 120)
    year = year_field()
    benefit = forms.CharField(label=_("创效（万元）"), max_length=20, required=False, widget=NUMBER)
    note = text(_("说明"), 500, required=False)


class StudioAssessForm(BootstrapFormMixin, forms.Form):
    year = year_field(_("考核年度"))
    grade = forms.ChoiceField(label=_("考核等次"), choices=AssessmentGrade.choices)
    assessed_on = date_field(_("考核日期"))
    note = text(_("考核意见"), 500, required=False)


class RelevelForm(Versioned):
    level = forms.ChoiceField(label=_("级别"), choices=StudioLevel.choices)
    note = text(_("说明"), 500, required=False)


class RevokeForm(Versioned):
    reason = text(_("摘牌原因"), 500, rows=2)
    revoked_on = date_field(_("摘牌日期"))


class PairFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("查找"), required=False, max_length=60)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=ALL + ApprenticeshipStatus.choices)
    overdue = forms.BooleanField(label=_("期满未出师"), required=False)


class SignForm(EmployerChoice):
    master_id = forms.CharField(label=_("师傅身份证号码"), max_length=18, help_text=ID_HELP,
                                widget=forms.TextInput(attrs={"autocomplete": "off"}))
    apprentice_id = forms.CharField(label=_("徒弟身份证号码"), max_length=18, help_text=ID_HELP,
                                    widget=forms.TextInput(attrs={"autocomplete": "off"}))
    trade = text(_("工种"), 50, required=False)
    agreed_on = date_field(_("协议签订日期"))
    starts_on = date_field(_("带徒期限开始"))
    ends_on = date_field(_("带徒期限届满"))
    targets = text(_("带徒目标"), 2000, rows=3)
    target_level = forms.ChoiceField(label=_("目标技能等级"), required=False, choices=[("", _("不设")), *LEVELS])
    allowance = forms.CharField(label=_("师傅带徒津贴（元）"), max_length=20, required=False, widget=NUMBER)


class PairStepForm(Versioned):
    on = date_field(_("日期"))
    outcome_level = forms.ChoiceField(label=_("出师技能等级"), required=False, choices=[("", _("请选择")), *LEVELS])
    note = text(_("意见或原因"), 500, required=False, rows=2)


class CourseFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("查找"), required=False, max_length=60)
    kind = forms.ChoiceField(label=_("培训类型"), required=False, choices=ALL + CourseKind.choices)
    year = year_field(required=False)


class CourseForm(BootstrapFormMixin, forms.Form):
    union = forms.TypedChoiceField(label=_("举办工会"), coerce=int)
    title = text(_("培训名称"), 120)
    kind = forms.ChoiceField(label=_("培训类型"), choices=CourseKind.choices)
    provider = text(_("承办机构"), 100, required=False)
    starts_on = date_field(_("开始日期"))
    ends_on = date_field(_("结束日期"))
    hours = forms.IntegerField(label=_("学时"), required=False, min_value=0)
    trainees = forms.IntegerField(label=_("培训人次"), min_value=0)

    def __init__(self, *args: Any, unions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["union"].choices = unions  # type: ignore[attr-defined]
        for value, label in LEVELS:
            self.fields[f"level_{value}"] = forms.IntegerField(
                label=label, required=False, min_value=0, widget=forms.NumberInput(attrs={"class": "form-control"}))

    def level_fields(self) -> list[Any]:
        return [self[f"level_{value}"] for value, _label in LEVELS]

    def levels(self) -> dict[str, int]:
        return {v: self.cleaned_data[f"level_{v}"] for v, _label in LEVELS if self.cleaned_data.get(f"level_{v}")}
