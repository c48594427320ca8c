"""Console forms of the 维权 case engine. They parse what the cadre typed; the case services judge it,
and a service's error lands on the field it names (forms_util.call_service)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.cases import limits
from gonghui.cases.choices import Category, Channel, Difficulty, Kind, Line, Rating, Status
from gonghui.cases.sla_models import DEFAULT_WORKDAY_END, PeriodKindChoice
from gonghui.web.common.forms import BootstrapFormMixin

BLANK: list[tuple[str, Any]] = [("", "—")]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(label: Any, max_length: int, required: bool = False, rows: int = 0,
          attrs: dict[str, Any] | None = None) -> forms.CharField:
    attrs = attrs or {}
    widget = forms.Textarea(attrs={"rows": rows, **attrs}) if rows else forms.TextInput(attrs=attrs)
    # The services' own caps (cases.limits): the browser stops a paste there, and a longer value is
    # named beside the field before any service runs.
    return forms.CharField(label=label, max_length=max_length, required=required, widget=widget)


class IntakeForm(BootstrapFormMixin, forms.Form):
    """受理: laid out in the order an agent hears a call; line, channel and kind default to a phone call."""

    caller_name = _text(_("诉求人"), limits.CALLER_NAME, attrs={"autofocus": True, "autocomplete": "off"})
    caller_phone = forms.CharField(label=_("联系电话"), max_length=limits.CALLER_PHONE, required=False,
                                   widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off",
                                                                 "class": "form-control gh-route-input"}))
    anonymous = forms.BooleanField(label=_("匿名"), required=False)
    identity_withheld = forms.BooleanField(label=_("对用人单位保密身份"), required=False,
                                           help_text=_("向用人单位核实情况时不透露诉求人的姓名和电话。"))
    employer_name = _text(_("用人单位名称"), limits.EMPLOYER_NAME,
                          attrs={"autocomplete": "off", "class": "form-control gh-route-input"})
    employer_credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=limits.CREDIT_CODE, required=False,
                                           widget=forms.TextInput(attrs={"autocomplete": "off",
                                                                         "class": "form-control gh-route-input"}))
    address = _text(_("地址"), limits.ADDRESS, attrs={"autocomplete": "off", "class": "form-control gh-route-input"})
    # Required, but judged by the service so its message names the field like every other one.
    description = _text(_("诉求内容"), limits.DESCRIPTION, rows=5,
                        attrs={"class": "form-control gh-route-input", "data-ctrl-enter": "1", "required": True})
    category = forms.ChoiceField(label=_("问题类别"), choices=BLANK + Category.choices, required=False)
    kind = forms.ChoiceField(label=_("诉求类型"), choices=Kind.choices, initial=Kind.COMPLAINT)
    difficulty = forms.ChoiceField(label=_("难易程度"), choices=BLANK + Difficulty.choices, required=False,
                                   help_text=_("选择后即分类定级并计算办结时限。"))
    dispatch_to = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    line = forms.ChoiceField(label=_("业务条线"), choices=Line.choices, initial=Line.HOTLINE)
    channel = forms.ChoiceField(label=_("来源渠道"), choices=Channel.choices, initial=Channel.PHONE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("dispatch_to"):
            # Only a classified case can be dispatched (cases.workflow): both are needed first.
            if not data.get("category"):
                self.add_error("category", _("派单前请选择问题类别。"))
            if not data.get("difficulty"):
                self.add_error("difficulty", _("派单前请选择难易程度。"))
        return data

    def intake_data(self) -> dict[str, Any]:
        keep = ("caller_name", "caller_phone", "anonymous", "identity_withheld", "employer_name",
                "employer_credit_code", "address", "description", "category", "kind", "line", "channel")
        return {k: self.cleaned_data.get(k) for k in keep}


class QueueFilterForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("状态"), required=False,
                               choices=[("", _("全部状态")), ("open", _("未办结")), *Status.choices])
    category = forms.ChoiceField(label=_("问题类别"), required=False, choices=[("", _("全部类别")), *Category.choices])
    difficulty = forms.ChoiceField(label=_("难易程度"), required=False,
                                   choices=[("", _("全部难度")), *Difficulty.choices])
    line = forms.ChoiceField(label=_("业务条线"), required=False, choices=[("", _("全部条线")), *Line.choices])


class VersionedForm(BootstrapFormMixin, forms.Form):
    # The version the cadre saw; an action on a case changed since then is refused as a lost race.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class NoteForm(VersionedForm):
    note = _text(_("说明"), limits.NOTE, rows=2)


class RequiredNoteForm(VersionedForm):
    note = _text(_("办理记录"), limits.RECORD, required=True, rows=3)


class ReasonForm(VersionedForm):
    reason = _text(_("原因"), limits.REASON, required=True, rows=2)


class ClassifyForm(NoteForm):
    category = forms.ChoiceField(label=_("问题类别"), choices=Category.choices)
    difficulty = forms.ChoiceField(label=_("难易程度"), choices=Difficulty.choices)
    kind = forms.ChoiceField(label=_("诉求类型"), choices=Kind.choices)
    field_order = ["category", "difficulty", "kind", "note"]


class DispatchForm(NoteForm):
    union = forms.IntegerField(label=_("接收工会"), min_value=1, widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("union"):
            # The field is filled by the picker above the form, so the message goes above it too.
            self.add_error(None, _("请选择接收工会。"))
        return data


class AssignForm(NoteForm):
    handler = forms.TypedChoiceField(label=_("承办人"), required=False, coerce=int, empty_value=None)
    lawyer = forms.TypedChoiceField(label=_("律师"), required=False, coerce=int, empty_value=None)
    field_order = ["handler", "lawyer", "note"]

    def __init__(self, *args: Any, people: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        for name in ("handler", "lawyer"):
            self.fields[name].choices = BLANK + list(people)  # type: ignore[attr-defined]


class ResolveForm(VersionedForm):
    outcome = _text(_("办理结果"), limits.OUTCOME, required=True, rows=3)
    money_recovered = forms.CharField(label=_("挽回经济损失（元）"), max_length=40, required=False,
                                      widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    people_helped = forms.CharField(label=_("涉及人数"), max_length=20, required=False,
                                    widget=forms.TextInput(attrs={"inputmode": "numeric"}))


class CallbackForm(VersionedForm):
    reached = forms.BooleanField(label=_("已联系上诉求人"), required=False, initial=True)
    rating = forms.ChoiceField(label=_("满意度"), choices=BLANK + Rating.choices, required=False)
    note = _text(_("回访情况"), limits.CALLBACK_NOTE, rows=2)
    field_order = ["reached", "rating", "note"]


class SuperviseForm(VersionedForm):
    by_union = forms.TypedChoiceField(label=_("督办单位"), coerce=int)
    note = _text(_("督办意见"), limits.RECORD, required=True, rows=2)
    reply_due = forms.DateField(label=_("要求回复日期"), required=False, widget=DATE)

    def __init__(self, *args: Any, unions: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["by_union"].choices = list(unions)  # type: ignore[attr-defined]


class ReplyForm(VersionedForm):
    supervision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reply = _text(_("回复"), limits.RECORD, required=True, rows=2)


class AttachForm(VersionedForm):
    file = forms.FileField(label=_("附件"))


class SlaPolicyForm(BootstrapFormMixin, forms.Form):
    difficulty = forms.ChoiceField(label=_("难易程度"), choices=Difficulty.choices)
    period_kind = forms.ChoiceField(label=_("时限类型"), choices=PeriodKindChoice.choices)
    amount = forms.IntegerField(label=_("天数"), required=False, min_value=0, max_value=366,
                                help_text=_("“当天”无需填写。"))
    workday_end = forms.TimeField(label=_("下班时间"), initial=DEFAULT_WORKDAY_END,
                                  widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
