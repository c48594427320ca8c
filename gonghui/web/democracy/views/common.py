"""What every 民主管理 page shares: the two scopes and whether the viewer may act on a row."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from gonghui.core.permissions import Perm
from gonghui.democracy.standing import may_act, may_guide
from gonghui.orgs.scope import Scope, scope_for

VIEW, MANAGE = Perm.DEMOCRACY_VIEW, Perm.DEMOCRACY_MANAGE
PERMS = (VIEW, MANAGE)


def say_refusal(request: HttpRequest, form: forms.Form) -> None:
    """A refused form the page does not show (the step is not the viewer's): its reason as a message."""
    for error in form.non_field_errors():
        messages.error(request, str(error))


def view_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, VIEW)


def may_manage(request: HttpRequest, org_path: str) -> bool:
    """The viewer holds the record's union and so is offered its steps (democracy/standing.py)."""
    return may_act(request.user, org_path)


def may_supervise(request: HttpRequest, org_path: str) -> bool:
    """The viewer's union is above the record's: offered 指导意见 only."""
    return may_guide(request.user, org_path)
