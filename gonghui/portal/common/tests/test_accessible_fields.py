"""The portal's field partial ties its hint and error to the input (the ids Django's aria-describedby
names) and marks only the wrong field invalid, as the console's partials do."""

import re

from django import forms
from django.template.loader import render_to_string

from gonghui.portal.common.forms import PortalForm


class WorkerForm(PortalForm):
    name = forms.CharField(label="姓名", help_text="与身份证一致")
    note = forms.CharField(label="备注", required=False)


def _render(form: forms.Form) -> str:
    return "".join(render_to_string("portal/_field.html", {"field": form[name]}) for name in form.fields)


def _input(html: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert match, name
    return match.group(0)


def test_every_id_an_input_is_described_by_exists_and_only_the_wrong_field_is_invalid():
    form = WorkerForm(data={"name": "", "note": "好"})
    assert not form.is_valid()
    html = _render(form)
    name, note = _input(html, "name"), _input(html, "note")
    assert 'aria-describedby="id_name_helptext id_name_error"' in name
    assert 'id="id_name_helptext"' in html and 'id="id_name_error"' in html
    assert 'aria-invalid="true"' in name and "aria-invalid" not in note


def test_a_required_field_has_a_visible_mark_and_the_required_attribute():
    html = _render(WorkerForm())
    assert re.search(r'for="id_name">姓名<span class="pt-req" aria-hidden="true">\*</span>', html)
    assert 'for="id_note">备注</label>' in html
    assert " required" in _input(html, "name") and 'aria-describedby="id_name_helptext"' in _input(html, "name")
