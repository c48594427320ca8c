"""Forms of the 困难帮扶 pages. Like the other portal forms they only parse; the assessment and the
registry's rules judge the content, and their errors land beside the field they name."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.choices import Cause, DocumentKind, Relation
from gonghui.assistance.worker_selectors import Area
from gonghui.core.errors import msg
from gonghui.core.idnumbers import IdType
from gonghui.core.text import normalize_text
from gonghui.members.models import Membership
from gonghui.portal.common.forms import BLANK, PortalForm
from gonghui.portal.common.widgets import QuickCheckboxes, QuickSelect

MAX_HOUSEHOLD_SIZE = 20
OTHER_MEMBER_ROWS = 7  # besides the worker: most households have 2 to 5 people
DOCUMENT_SLOTS = 3
MONEY_MAX = Decimal("99999999")
# What the phone's file picker offers; the service checks the real type and the leading bytes.
ACCEPTED_FILES = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class AmountField(forms.CharField):
    """元, as people type it: full-width digits, thousands separators and a trailing 元 are accepted."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A length limit on the widget only: the cleaned value is a Decimal, which has no length.
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": "20"})

    def to_python(self, value: Any) -> Any:
        text = normalize_text(super().to_python(value)).replace(",", "").replace("元", "").strip()
        if not text:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(msg(_("%(field)s请填写数字，如 36000。"), {"field": self.label})) from None
        if not amount.is_finite() or amount < 0 or amount > MONEY_MAX:
            raise forms.ValidationError(msg(_("%(field)s不能为负数，也不能超过一亿。"), {"field": self.label}))
        if amount != amount.quantize(Decimal("0.01")):
            raise forms.ValidationError(msg(_("%(field)s最多保留两位小数。"), {"field": self.label}))
        return amount


def area_choices(areas: list[Area]) -> list[Any]:
    """Cities, each followed (as a group) by its counties that have a standard of their own."""
    choices: list[Any] = [("", _("请选择"))]
    for area in areas:
        if not area.is_county:
            choices.append((area.adcode, area.name))
        else:
            choices.append((area.adcode, msg(_("%(name)s（单列标准）"), {"name": area.name})))
    return choices


def _causes_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("致困原因"), choices=Cause.choices, widget=QuickCheckboxes(attrs={"class": "pt-check"}),
        help_text=_("可多选。"), error_messages={"required": _("请至少选择一项致困原因。"),
                                               "invalid_choice": _("致困原因无效，请重新选择。")})


def _area_field(areas: list[Area]) -> forms.ChoiceField:
    return forms.ChoiceField(label=_("家庭所在地区"), choices=area_choices(areas), widget=QuickSelect,
                             help_text=_("按家庭常住地选择；区县有单列标准的请选区县。"),
                             error_messages={"required": _("请选择家庭所在地区。"),
                                             "invalid_choice": _("所在地区无效，请重新选择。")})


class SelfCheckForm(PortalForm):
    """困难自测: only the totals the assessment needs; nothing typed here is stored."""

    area = forms.ChoiceField()
    household_size = forms.IntegerField(
        label=_("家庭人口（人）"), min_value=1, max_value=MAX_HOUSEHOLD_SIZE,
        help_text=_("共同生活的家庭成员，含您本人。"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": _("如：3")}),
        error_messages={"required": _("请填写家庭人口。"), "invalid": _("家庭人口应为整数。"),
                        "min_value": _("家庭人口至少为1人。"),
                        "max_value": _("家庭人口不能超过20人。")})
    household_income = AmountField(
        label=_("家庭年收入（元）"), error_messages={"required": _("请填写家庭年收入，没有收入请填0。")},
        help_text=_("全家一年的工资、经营、养老金和各类补贴等收入合计；按月估算可乘以12。"),
        widget=forms.TextInput(attrs={"placeholder": _("如：36000")}))
    rigid_expenses = AmountField(
        label=_("刚性支出（元/年）"), required=False,
        help_text=_("一年内自付的医疗费用、子女上学等必需支出，没有可不填。"))
    causes = forms.MultipleChoiceField()

    def __init__(self, *args: Any, areas: list[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"] = _area_field(areas)
        self.fields["area"].widget.attrs["class"] = "form-select"
        self.fields["causes"] = _causes_field()


class HouseholdRowForm(PortalForm):
    """One other member of the household; a row left blank is not a member."""

    relation = forms.ChoiceField(label=_("与您的关系"), required=False,
                                 choices=BLANK + [c for c in Relation.choices if c[0] != Relation.SELF])
    name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    id_number = forms.CharField(label=_("身份证号码"), max_length=30, required=False,
                                help_text=_("未办理身份证的子女可不填。"),
                                widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false",
                                                              "autocomplete": "off"}))
    annual_income = AmountField(label=_("年收入（元）"), required=False, help_text=_("没有收入可不填。"))

    def row(self) -> dict[str, Any] | None:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        if not any(data.get(k) not in (None, "") for k in ("relation", "name", "id_number", "annual_income")):
            return None
        return {"relation": data.get("relation", ""), "name": data.get("name", ""),
                "id_number": data.get("id_number", ""), "annual_income": data.get("annual_income") or 0}


HouseholdFormSet = forms.formset_factory(HouseholdRowForm, extra=OTHER_MEMBER_ROWS, max_num=OTHER_MEMBER_ROWS,
                                         absolute_max=OTHER_MEMBER_ROWS)


class ApplyForm(PortalForm):
    """申请帮扶. A member's name and ID come from the registry; a worker who is not a member types them."""

    member = forms.ChoiceField(label=_("申请人"), required=False)
    name = forms.CharField(label=_("姓名"), max_length=50, widget=forms.TextInput(attrs={"autocomplete": "name"}),
                           error_messages={"required": _("请填写您的姓名。")})
    id_type = forms.ChoiceField(label=_("证件类型"), choices=IdType.choices, initial=IdType.RESIDENT)
    id_number = forms.CharField(label=_("证件号码"), max_length=30, error_messages={"required": _("请填写证件号码。")},
                                widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                                              "spellcheck": "false"}))
    employer_name = forms.CharField(label=_("工作单位"), max_length=100, required=False,
                                    widget=forms.TextInput(attrs={"placeholder": _("没有固定单位可不填")}))
    address = forms.CharField(label=_("家庭住址"), max_length=200, error_messages={
        "required": _("请填写家庭住址，工会核实时需要入户走访。")}, widget=forms.TextInput(
        attrs={"placeholder": _("如：春熙路街道和平小区3栋2单元"), "autocomplete": "street-address"}))
    area = forms.ChoiceField()
    self_income = AmountField(label=_("本人年收入（元）"), error_messages={
        "required": _("请填写本人年收入，没有收入请填0。")}, help_text=_("工资、经营、养老金等一年的收入合计。"))
    causes = forms.MultipleChoiceField()
    rigid_expenses = AmountField(label=_("刚性支出（元/年）"), required=False,
                                 help_text=_("一年内自付的医疗费用、子女上学等必需支出，没有可不填。"))
    description = forms.CharField(label=_("困难情况说明"), max_length=500, error_messages={
        "required": _("请简要说明家庭遇到的困难。")}, widget=forms.Textarea(attrs={
        "rows": 4, "placeholder": _("如：妻子2025年患尿毒症需长期透析，每月自付医疗费约三千元，孩子读高中……")}))
    consent = forms.BooleanField(
        label=_("我同意工会为困难帮扶认定和帮扶处理上述敏感个人信息，并已告知共同生活的家庭成员、征得其同意。"),
        error_messages={"required": _("请阅读并勾选同意工会处理家庭敏感个人信息后再提交。")})

    def __init__(self, *args: Any, areas: list[Area], memberships: list[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"] = _area_field(areas)
        self.fields["area"].widget.attrs["class"] = "form-select"
        self.fields["area"].required = bool(areas)
        self.fields["causes"] = _causes_field()
        if memberships:
            # The registry knows who the member is: nothing to type, nothing to get wrong.
            for name in ("name", "id_type", "id_number"):
                del self.fields[name]
        if len(memberships) > 1:
            self.fields["member"] = forms.ChoiceField(
                label=_("申请人"), choices=BLANK + [(str(m.member_id), m.member.name) for m in memberships],
                help_text=_("本手机号登记了多位会员，请选择为谁申请。"),
                error_messages={"required": _("请选择申请人。")})
            self.fields["member"].widget.attrs["class"] = "form-select"
        else:
            del self.fields["member"]

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["adcode"] = data.pop("area", "")
        data.pop("member", None)
        return data


class DocumentSlotsForm(PortalForm):
    """Up to three documents sent with the application; more can be added on the file's page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The proofs most applications carry first; any slot may be set to another kind.
        defaults = (DocumentKind.INCOME, DocumentKind.MEDICAL, DocumentKind.OTHER)
        for slot in range(1, DOCUMENT_SLOTS + 1):
            self.fields[f"kind_{slot}"] = forms.ChoiceField(label=_("材料类型"), choices=DocumentKind.choices,
                                                            initial=defaults[slot - 1], required=False)
            self.fields[f"kind_{slot}"].widget.attrs["class"] = "form-select"
            self.fields[f"file_{slot}"] = forms.FileField(
                label=_("选择文件"), required=False,
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES, "class": "form-control"}))

    def documents(self) -> list[tuple[str, Any]]:
        return [(self.cleaned_data.get(f"kind_{s}") or DocumentKind.OTHER, self.cleaned_data[f"file_{s}"])
                for s in range(1, DOCUMENT_SLOTS + 1) if self.cleaned_data.get(f"file_{s}")]

    def slots(self) -> list[tuple[Any, Any]]:
        return [(self[f"kind_{s}"], self[f"file_{s}"]) for s in range(1, DOCUMENT_SLOTS + 1)]


class DocumentForm(PortalForm):
    kind = forms.ChoiceField(label=_("材料类型"), choices=DocumentKind.choices,
                             error_messages={"required": _("请选择材料类型。")})
    file = forms.FileField(label=_("选择文件"), error_messages={"required": _("请选择要上传的文件。")},
                           widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}))


class WithdrawForm(PortalForm):
    reason = forms.CharField(label=_("撤回原因"), max_length=500, error_messages={
        "required": _("请填写撤回原因。")}, widget=forms.Textarea(attrs={
        "rows": 2, "placeholder": _("如：家庭情况已好转，暂不需要帮扶。")}))


class UnionSearchForm(PortalForm):
    q = forms.CharField(label=_("单位或所在地"), max_length=50, required=False, widget=forms.TextInput(attrs={
        "placeholder": _("单位名称或街道、区县"), "type": "search", "enterkeyhint": "search"}))
