"""What every 荣誉评选 page shares: the two scopes, the union the cadre acts at, and refusals shown as
messages when the refused step's form is not on the page."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from gonghui.core.permissions import Perm
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, scope_for
from gonghui.web.common.unions import home_union

VIEW, MANAGE = Perm.HONOURS_VIEW, Perm.HONOURS_MANAGE
PERMS = (VIEW, MANAGE)


def view_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, VIEW)


def manage_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, MANAGE)


def my_union(request: HttpRequest) -> TradeUnion | None:
    """The level a cadre reviews at: their own union when they manage honours there."""
    return home_union(request, MANAGE)


def may_manage(request: HttpRequest, org_path: str) -> bool:
    return manage_scope(request).covers(org_path)


def say_refusal(request: HttpRequest, form: forms.Form) -> None:
    """A refused form the page does not show (the step is not the viewer's): its reason as a message."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
