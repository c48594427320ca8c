"""The form partials give a screen reader what the eye gets: each input's aria-describedby names
elements that exist (the hint, the error), aria-invalid only on a field in error, an error summary
linking to the fields, and a visible mark on every required field."""

import re

import pytest
from django import forms
from django.template.loader import render_to_string

from gonghui.web.cases.forms import IntakeForm
from gonghui.web.common.forms import BootstrapFormMixin


class ConsoleForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label="姓名", help_text="与身份证一致")
    note = forms.CharField(label="备注", required=False)


def _input(html: str, name: str) -> str:
    match = re.search(rf'<(?:input|textarea|select)[^>]*name="{name}"[^>]*>', html)
    assert match, name
    return match.group(0)


def _described_ids(tag: str) -> list[str]:
    match = re.search(r'aria-describedby="([^"]*)"', tag)
    return match.group(1).split() if match else []


def _render_fields(template: str, form: forms.Form) -> str:
    return "".join(render_to_string(template, {"field": form[name], "form": form}) for name in form.fields)


CASES = [
    ("web/partials/form_fields.html", ConsoleForm, False),
    ("cases/_field.html", ConsoleForm, True),
]


@pytest.mark.parametrize(("template", "form_class", "per_field"), CASES)
def test_every_id_an_input_is_described_by_exists_and_only_the_wrong_field_is_invalid(template, form_class, per_field):
    form = form_class(data={"name": "", "note": "好"})
    assert not form.is_valid()
    html = _render_fields(template, form) if per_field else render_to_string(template, {"form": form})
    name, note = _input(html, "name"), _input(html, "note")
    assert _described_ids(name) == ["id_name_helptext", "id_name_error"]
    for ref in _described_ids(name):
        assert f'id="{ref}"' in html
    assert 'aria-invalid="true"' in name and "aria-invalid" not in note
    error = re.search(r'id="id_name_error"[^>]*>(.*?)</div></div>', html, re.S)
    assert error and "必填" in error.group(1)


@pytest.mark.parametrize(("template", "form_class", "per_field"), CASES)
def test_a_hint_is_described_before_any_error(template, form_class, per_field):
    form = form_class()
    html = _render_fields(template, form) if per_field else render_to_string(template, {"form": form})
    assert _described_ids(_input(html, "name")) == ["id_name_helptext"]
    assert 'id="id_name_helptext"' in html and "aria-invalid" not in html


def test_the_error_summary_is_focusable_and_links_each_error_to_its_field():
    form = ConsoleForm(data={"name": ""})
    form.is_valid()
    form.add_error(None, "账号已被锁定")
    html = render_to_string("web/partials/form_fields.html", {"form": form})
    summary = html[: html.index("</ul>")]
    assert 'tabindex="-1"' in summary and "data-error-summary" in summary
    assert "账号已被锁定" in summary
    assert re.search(r'<a href="#id_name" data-focus-field="id_name">姓名：[^<]+</a>', summary)


def test_a_form_without_errors_has_no_summary():
    html = render_to_string("web/partials/form_fields.html", {"form": ConsoleForm()})
    assert "data-error-summary" not in html


def test_required_fields_have_a_visible_mark_and_the_required_attribute():
    html = render_to_string("web/partials/form_fields.html", {"form": ConsoleForm()})
    name_label = re.search(r'<label[^>]*for="id_name"[^>]*>.*?</label>', html, re.S).group(0)
    note_label = re.search(r'<label[^>]*for="id_note"[^>]*>.*?</label>', html, re.S).group(0)
    assert 'class="gh-req"' in name_label and "gh-req" not in note_label
    assert " required" in _input(html, "name") and " required" not in _input(html, "note")


def test_the_intake_marks_the_description_its_service_requires():
    form = IntakeForm()
    html = render_to_string("cases/_field.html", {"field": form["description"]})
    assert 'class="gh-req"' in html
    assert " required" in _input(html, "description")
    caller = render_to_string("cases/_field.html", {"field": form["caller_name"]})
    assert "gh-req" not in caller
