"""Widgets the portal renders on its busiest pages."""

from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict[str, Any]) -> SafeString:
    """django/forms/widgets/attrs.html: False leaves the attribute out, True writes its bare name."""
    return mark_safe("".join(  # noqa: S308 - each part went through format_html
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value))
        for name, value in attrs.items() if value is not False))


class QuickSelect(forms.Select):
    """A <select> with the very markup of Django's, written here rather than through its templates: those
    include two templates per option, and a list of a province's cities and counties took some 6 ms to
    render that way (the 困难自测 page's largest cost)."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts: list[str] = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            parts.extend(format_html('\n  <option value="{}"{}>{}</option>\n', str(option["value"]),
                                     _attrs(option["attrs"]), option["label"]) for option in options)
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part went through format_html


class QuickCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes whose each box (`{{ choice.tag }}` in a template) is written here with Django's own markup,
    not through three nested templates per box."""

    def _render(self, template_name: str, context: dict[str, Any], renderer: Any = None) -> SafeString:
        option = context["widget"]
        if template_name != self.option_template_name or option.get("wrap_label"):
            return super()._render(template_name, context, renderer)  # type: ignore[misc]
        value = option["value"]
        html = format_html('<input type="{}" name="{}"', option["type"], option["name"])
        if value is not None:
            html += format_html(' value="{}"', str(value))
        return mark_safe(html + _attrs(option["attrs"]) + ">")  # noqa: S308 - every part went through format_html
