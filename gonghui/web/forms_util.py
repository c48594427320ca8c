"""Glue between Django forms and domain services: a service's DomainError lands on the form field
it names, so the cadre sees the message beside the input that caused it."""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms

from gonghui.core.errors import DomainError

T = TypeVar("T")


def call_service(form: forms.BaseForm, fn: Callable[..., T], /, **kwargs: Any) -> T | None:
    try:
        return fn(**kwargs)
    except DomainError as exc:
        for error in getattr(exc, "errors", None) or [exc]:
            field = error.field if error.field in form.fields else None
            form.add_error(field, str(error.message))
        return None


class BootstrapFormMixin:
    """Bootstrap classes on every widget, set once here rather than in each template."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
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
