"""What every 技能创新 page shares: the two scopes, who may see the section, the choices a form offers."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from gonghui.core.permissions import Perm
from gonghui.orgs.scope import Scope, scope_for
from gonghui.web.common.employers import EmployerPick, employer_pick_for
from gonghui.web.common.unions import union_choices

VIEW, MANAGE = Perm.SKILLS_VIEW, Perm.SKILLS_MANAGE
PERMS = (VIEW, MANAGE)


def view_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, VIEW)


def manage_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, MANAGE)


def may_manage(request: HttpRequest, org_path: str) -> bool:
    return manage_scope(request).covers(org_path)


def employer_choices(request: HttpRequest) -> EmployerPick:
    return employer_pick_for(request, "skills")


def manage_unions(request: HttpRequest) -> list[tuple[int, str]]:
    return union_choices(request, MANAGE)


def say_refusal(request: HttpRequest, form: forms.BaseForm) -> None:
    """A refused form the page does not show again (the step is no longer offered): its reason as a message."""
    for error in form.non_field_errors() or [e for errs in form.errors.values() for e in errs]:
        messages.error(request, str(error))


def int_param(request: HttpRequest, name: str) -> int | None:
    """A number from the query string; anything else is as if it were not there."""
    value: Any = request.GET.get(name, "")
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 10 else None
