"""QuickSelect and QuickCheckboxes write what Django's templates write, byte for byte."""

import pytest
from django import forms

from gonghui.portal.common.widgets import QuickCheckboxes, QuickSelect

CHOICES = [("", "请选择"), ("510100", "成都市"), ("510104", "锦江区（单列标准）"),
           ("四川", [("510700", "绵阳市"), ("5107<&>", 'a "quoted" <name>')])]


def _pair(**kwargs):
    class Django(forms.Form):
        area = forms.ChoiceField(choices=CHOICES, **kwargs)

    class Quick(forms.Form):
        area = forms.ChoiceField(choices=CHOICES, widget=QuickSelect, **kwargs)

    return Django, Quick


@pytest.mark.parametrize("data", [None, {"area": "510104"}, {"area": "5107<&>"}, {"area": "nowhere"}])
def test_same_markup_as_django(data):
    django_form, quick_form = (f(data) for f in _pair(help_text="按家庭常住地选择"))
    for form in (django_form, quick_form):
        form.fields["area"].widget.attrs.update({"class": "form-select", "aria-invalid": "true", "disabled": False,
                                                 "autofocus": True})
        form.is_valid()
    assert str(quick_form["area"]) == str(django_form["area"])
    assert 'selected' in str(quick_form["area"]) or not data or data["area"] == "nowhere"


def test_escapes_labels_and_values():
    html = str(_pair()[1]()["area"])
    assert "&lt;name&gt;" in html and "5107&lt;&amp;&gt;" in html and "<name>" not in html


@pytest.mark.parametrize("data", [None, {"causes": ["illness"]}, {"causes": ["illness", "<x>"]}])
def test_checkboxes_write_the_same_boxes_as_django(data):
    choices = [("illness", "大病"), ("<x>", 'a "b" <c>'), ("disability", "残疾")]

    class Django(forms.Form):
        causes = forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple(attrs={"class": "c"}))

    class Quick(forms.Form):
        causes = forms.MultipleChoiceField(choices=choices, widget=QuickCheckboxes(attrs={"class": "c"}))

    django_form, quick_form = Django(data), Quick(data)
    django_form.is_valid(), quick_form.is_valid()
    for theirs, ours in zip(django_form["causes"], quick_form["causes"], strict=True):
        assert str(ours.tag()) == str(theirs.tag())
        assert str(ours.tag(wrap_label=True)) == str(theirs.tag(wrap_label=True))
    assert str(quick_form["causes"]) == str(django_form["causes"])
