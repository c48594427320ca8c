"""Forms of the 维权 pages (the guest's phone form is the portal's, re-exported here). Like the other
portal forms they only parse: the case engine's intake rules judge the content, and their errors land
beside the field they name."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gonghui.cases import limits
from gonghui.cases.choices import Kind, Rating
from gonghui.cases.services.attachments import MAX_WORKER_ATTACHMENTS
from gonghui.core.errors import msg
from gonghui.portal.common.forms import PortalForm
from gonghui.portal.common.guest import GuestPhoneForm


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several files from one picker (a phone's camera roll); the case engine judges each by content."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPTED_EVIDENCE}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(EvidenceField, self).clean(f, initial) for f in files]


# What the phone's picker offers; the service checks the leading bytes whatever the name says.
ACCEPTED_EVIDENCE = ".jpg,.jpeg,.png,.pdf,.doc,.docx,image/jpeg,image/png,application/pdf"


class CaseRequestForm(PortalForm):
    """我要求助: only what the hotline needs to act (PIPL: collect no more)."""

    kind = forms.ChoiceField(label=_("诉求类型"), choices=Kind.choices, initial=Kind.COMPLAINT,
                             widget=forms.RadioSelect(attrs={"class": "pt-choice"}))
    description = forms.CharField(label=_("发生了什么"), max_length=limits.DESCRIPTION, error_messages={
        "required": _("请写明发生了什么和您的诉求。")}, widget=forms.Textarea(attrs={
        "rows": 5,
        "placeholder": _("请写明时间、经过和您的诉求，如：2026年3月起被拖欠工资三个月，共约一万二千元，希望足额支付。"),
    }))
    employer_name = forms.CharField(label=_("用人单位名称"), max_length=limits.EMPLOYER_NAME, required=False,
                                    widget=forms.TextInput(attrs={
                                        "placeholder": _("与营业执照一致的全称，不清楚可写常用名")}))
    employer_credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=limits.CREDIT_CODE, required=False,
                                           help_text=_("选填，营业执照上的18位代码。"), widget=forms.TextInput(
                                               attrs={"autocapitalize": "characters", "spellcheck": "false"}))
    address = forms.CharField(label=_("工作地点"), max_length=limits.ADDRESS, required=False, widget=forms.TextInput(
        attrs={"placeholder": _("如：成都市锦江区春熙路88号"), "autocomplete": "street-address"}))
    attachments = EvidenceField(
        label=_("上传照片或文件"), required=False,
        help_text=msg(_("选填。劳动合同、工资条、聊天记录截图、现场照片等，最多%(n)d个，每个不超过%(mb)dMB，"
                        "支持图片（JPG/PNG）、PDF 和 Word 文档。"),
                      {"n": MAX_WORKER_ATTACHMENTS, "mb": settings.GONGHUI_CASE_ATTACHMENT_MAX_MB}))
    caller_name = forms.CharField(label=_("您的姓名"), max_length=limits.CALLER_NAME, error_messages={
        "required": _("请填写您的姓名，工会回访时称呼您。")}, widget=forms.TextInput(
        attrs={"autocomplete": "name"}))
    identity_withheld = forms.BooleanField(label=_("对用人单位保密我的身份"), required=False,
                                      help_text=_("工会向单位核实情况时不透露您的姓名和电话。"))
    consent = forms.BooleanField(label=_("我已阅读并同意《个人信息处理说明》，同意工会为办理本诉求处理上述信息。"),
                                 error_messages={"required": _("请阅读并勾选同意个人信息处理说明后再提交。")})

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("consent", "attachments")}


class CaseFollowForm(PortalForm):
    number = forms.CharField(label=_("案件编号"), max_length=limits.CASE_NUMBER, error_messages={
        "required": _("请填写案件编号。")}, widget=forms.TextInput(attrs={
        "placeholder": _("如：12351-2026-000123"), "autocapitalize": "characters", "spellcheck": "false",
        "data-testid": "case-number"}))


class CaseRatingForm(PortalForm):
    rating = forms.ChoiceField(label=_("您对办理结果是否满意"), choices=Rating.choices,
                               error_messages={"required": _("请选择满意、基本满意或不满意。")},
                               widget=forms.RadioSelect(attrs={"class": "pt-choice"}))
    note = forms.CharField(label=_("意见和建议"), max_length=limits.CALLBACK_NOTE, required=False,
                           widget=forms.Textarea(attrs={"rows": 3, "placeholder": _("选填，您的意见会转给承办工会。")}))


class CaseReopenForm(PortalForm):
    reason = forms.CharField(label=_("申请重新办理的原因"), max_length=limits.REASON, error_messages={
        "required": _("请写明为什么需要重新办理。")}, widget=forms.Textarea(attrs={
        "rows": 3, "placeholder": _("如：单位承诺补发的工资至今未到账。")}))


__all__ = ["CaseFollowForm", "CaseRatingForm", "CaseReopenForm", "CaseRequestForm", "GuestPhoneForm"]
