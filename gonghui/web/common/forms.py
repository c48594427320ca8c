"""Glue between Django forms and domain services: a service's DomainError lands on the form field
it names, so the cadre sees the message beside the input that caused it."""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.http import HttpRequest

from gonghui.core.errors import DomainError
from gonghui.web.common.views import flash_error

T = TypeVar("T")


def call_service(form: forms.BaseForm, fn: Callable[..., T], /, **kwargs: Any) -> T | None:
    try:
        return fn(**kwargs)
    except DomainError as exc:
        add_refusal(form, exc)
        return None


def add_refusal(form: forms.BaseForm, exc: DomainError) -> None:
    """Each of a service's errors on the field it names (the form's own message, when the field has
    one already, says it first), else above the form."""
    form_errors = form.errors
    if not hasattr(form, "cleaned_data"):
        # A form that was never bound (a button with no fields, used only to carry the refusal) is
        # never cleaned, and add_error needs cleaned_data: without it the refusal became a 500.
        form.cleaned_data = {}
    for error in getattr(exc, "errors", None) or [exc]:
        field = error.field if error.field in form.fields else None
        if field is not None and field in form_errors:
            continue
        form.add_error(field, str(error.message))


def call_service_or_message(request: HttpRequest, fn: Callable[..., T], /, **kwargs: Any) -> T | None:
    """For an action with nothing to fill in (a button): a refusal is a message on the next page."""
    try:
        return fn(**kwargs)
    except DomainError as exc:
        flash_error(request, exc)
        return None


class BootstrapFormMixin:
    """Bootstrap classes on every widget, set once here rather than in each template."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Labels stand above their fields: Django's ASCII colon after a Chinese label reads as a typo.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            # A list of ticks is ticks too, not a text box per choice.
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")

    def __getitem__(self, name: str) -> Any:
        bound = super().__getitem__(name)  # type: ignore[misc]
        if self.is_bound and name in self.errors:  # type: ignore[attr-defined]
            attrs = bound.field.widget.attrs
            if "is-invalid" not in attrs.get("class", ""):
                attrs["class"] = attrs.get("class", "") + " is-invalid"
        return bound
