"""What every portal form shares. Forms only parse: the rules (ID check digits, choices, lengths) live in
the services, whose errors land beside the field they name."""

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import DomainError
from gonghui.core.idnumbers import parse_mobile

T = TypeVar("T")
BLANK = [("", _("请选择"))]


def call_service(form: forms.BaseForm, fn: Callable[..., T], /, **kwargs: Any) -> T | None:
    """Run a service; its errors become form errors on the fields they name (else the whole form)."""
    try:
        return fn(**kwargs)
    except DomainError as exc:
        for error in getattr(exc, "errors", None) or [exc]:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        return None


def add_errors(exc: DomainError, *forms_: forms.BaseForm, aliases: Mapping[str, str] | None = None) -> None:
    """Each error beside the field it names (`aliases`: the service's field names where the forms call
    them otherwise), in whichever form has that field; else on the first form."""
    for error in getattr(exc, "errors", None) or [exc]:
        field = (aliases or {}).get(error.field or "", error.field)
        target = next((f for f in forms_ if field in f.fields), forms_[0])
        if field in target.fields and target.has_error(field):
            continue  # the form's own message about the same field is already there
        target.add_error(field if field in target.fields else None, str(error.message))


class PortalForm(forms.Form):
    """Bootstrap classes set once here; an invalid field is marked for screen readers and CSS."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = ("form-check-input" if isinstance(widget, forms.CheckboxInput)
                   else "form-select" if isinstance(widget, forms.Select) else "form-control")
            widget.attrs.setdefault("class", css)

    def __getitem__(self, name: str) -> Any:
        bound = super().__getitem__(name)
        if self.is_bound and name in self.errors:
            attrs = bound.field.widget.attrs
            if "is-invalid" not in attrs.get("class", ""):
                attrs["class"] = attrs.get("class", "") + " is-invalid"
                attrs["aria-invalid"] = "true"
        return bound


class PhoneForm(PortalForm):
    phone = forms.CharField(label=_("手机号码"), max_length=20, widget=forms.TextInput(attrs={
        "inputmode": "tel", "autocomplete": "tel", "placeholder": _("请输入11位手机号"), "data-testid": "phone"}))

    def clean_phone(self) -> str:
        # The registry's own rule (spaces, +86, full-width digits), so the phone matches its records.
        try:
            return parse_mobile(self.cleaned_data["phone"])
        except DomainError as exc:
            raise forms.ValidationError(str(exc.message)) from None


class CodeForm(PortalForm):
    code = forms.CharField(label=_("短信验证码"), max_length=8, widget=forms.TextInput(attrs={
        "inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*", "placeholder": _("6位数字"),
        "data-testid": "code"}))
