"""Console forms of 职工互助保障. They parse what the cadre typed; the mutual-aid services judge
amounts, dates, limits and documents, and their errors land on the field they name."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core import limits as text_limits
from gonghui.mutualaid.choices import ClaimKind, PlanKind, PlanStatus
from gonghui.web.common.forms import BootstrapFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _money(label: Any, help_text: Any = "") -> forms.CharField:
    # Text: "1,200" and full-width digits are read by the service, which names the field when wrong.
    return forms.CharField(label=label, max_length=40, required=False, help_text=help_text,
                           widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))


def _text(label: Any, max_length: int, required: bool = False, rows: int = 0) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput(attrs={"autocomplete": "off"})
    return forms.CharField(label=label, max_length=max_length * 2, required=required, widget=widget)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several scans at once; each is checked by the claim service (type, size, leading bytes)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class PlanForm(BootstrapFormMixin, forms.Form):
    union = forms.TypedChoiceField(label=_("承办工会"), coerce=int)
    name = _text(_("计划名称"), 100)
    kind = forms.ChoiceField(label=_("保障类别"), choices=PlanKind.choices)
    year = forms.CharField(label=_("保障年度"), max_length=10, required=False,
                           widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    starts_on = forms.CharField(label=_("保障起期"), required=False, max_length=text_limits.DATE_TEXT, widget=DATE)
    ends_on = forms.CharField(label=_("保障止期"), required=False, max_length=text_limits.DATE_TEXT, widget=DATE)
    premium = _money(_("每人每年互助金（元）"))
    per_claim_limit = _money(_("单次给付限额（元）"))
    yearly_limit = _money(_("年度累计给付限额（元）"))
    waiting_days = forms.CharField(label=_("等待期（天）"), max_length=10, required=False, initial="0",
                                   widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                                   help_text=_("参保后多少天内发病不予给付；续保会员不受影响时填0。"))

    def __init__(self, *args: Any, unions: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["union"].choices = list(unions)  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year

    def plan_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "union"}


class PlanFilterForm(BootstrapFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("保障年度"), coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部状态")), *PlanStatus.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, str(y)) for y in range(this_year + 1, 2019, -1)]  # type: ignore[attr-defined]


class VersionedForm(BootstrapFormMixin, forms.Form):
    # The version the cadre saw; a change by someone else since then is refused as a lost race.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class EnrolForm(BootstrapFormMixin, forms.Form):
    union = forms.TypedChoiceField(label=_("参保工会"), coerce=int)
    include_branch = forms.BooleanField(label=_("含下级工会的会员"), required=False, initial=True)
    paid_on = forms.DateField(label=_("缴费日期"), required=False, widget=DATE,
                              help_text=_("互助金已收齐的日期；尚未收取可不填。"))

    def __init__(self, *args: Any, unions: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["union"].choices = list(unions)  # type: ignore[attr-defined]


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("参保名单"), help_text=_(
        "Excel、ODS 或 CSV 文件，每行一人，须有“证件号码”（或“身份证号”）列，可有“姓名”列用于核对。"))
    paid_on = forms.DateField(label=_("缴费日期"), required=False, widget=DATE)


class ReasonForm(BootstrapFormMixin, forms.Form):
    reason = _text(_("原因"), 300, required=True, rows=2)


class ClaimForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("给付类别"), choices=ClaimKind.choices)
    event_date = forms.CharField(label=_("发病/出险日期"), required=False, max_length=text_limits.DATE_TEXT,
                                 widget=DATE)
    amount_claimed = _money(_("申请金额（元）"))
    diagnosis = _text(_("诊断/事故经过"), 2000, rows=3)
    documents = MultipleFileField(label=_("证明材料"), required=False,
                                  help_text=_("出院小结、发票、诊断证明等，PDF 或 JPG、PNG 图片，可多选。"))

    def __init__(self, *args: Any, kinds: list[str] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        labels = dict(ClaimKind.choices)
        self.fields["kind"].choices = [(k, labels[k]) for k in ClaimKind.values if k in kinds]  # type: ignore[attr-defined]

    def claim_data(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in ("kind", "event_date", "amount_claimed", "diagnosis")}


class NoteForm(VersionedForm):
    note = _text(_("说明"), 500, rows=2)


class ApproveForm(NoteForm):
    amount = _money(_("核定金额（元）"))
    field_order = ["amount", "note"]


class RejectForm(VersionedForm):
    reason = _text(_("拒付原因"), 300, required=True, rows=2)


class PayForm(NoteForm):
    paid_on = forms.DateField(label=_("给付日期"), required=False, widget=DATE)
    field_order = ["paid_on", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = timezone.localdate()


class AttachForm(VersionedForm):
    file = forms.FileField(label=_("证明材料"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))


class RevealForm(BootstrapFormMixin, forms.Form):
    reason = _text(_("查看原因"), 200, required=True)
