from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.portal.common.forms import PortalForm


class NameForm(PortalForm):
    """A guest (not a member) gives the name the organiser will call out at the door."""

    name = forms.CharField(label=_("姓名"), max_length=50, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
