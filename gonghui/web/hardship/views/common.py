"""What the 困难职工档案 console pages share: who may see them, and which steps a cadre may take on a
file in its present state."""

from collections.abc import Callable

from django import forms
from django.http import HttpRequest
from django.utils import timezone

from gonghui.assistance.choices import Action, Status
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.services.transition import approval_path
from gonghui.assistance.standing import archived_refusal
from gonghui.assistance.workflow import RULES, Level, allowed_actions
from gonghui.core.errors import DomainError
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import Scope, scope_for
from gonghui.web.common.views import View, can, needs_any

HARDSHIP_PERMISSIONS = (Perm.HARDSHIP_VIEW, Perm.HARDSHIP_EDIT, Perm.HARDSHIP_APPROVE, Perm.HARDSHIP_REVEAL)
# Steps that are not buttons of the file page: the household has a page of its own, and a household
# is marked aided by the aid batch that paid it.
NOT_BUTTONS = {Action.EDIT, Action.AID, Action.SURVEY, Action.RECHECK_DUE}
# The order the buttons are offered in: the way forward first, then the way out.
BUTTON_ORDER = [Action.APPLY, Action.REVIEW, Action.APPROVE, Action.FILE_OPEN, Action.RECHECK, Action.EXIT,
                Action.CLOSE, Action.RELAPSE, Action.CONSENT, Action.ATTACH, Action.REJECT, Action.WITHDRAW]

def hardship_scope(request: HttpRequest, permission: str = Perm.HARDSHIP_VIEW) -> Scope:
    return scope_for(request.user, permission)


def needs_hardship_permission(*permissions: str) -> Callable[[View], View]:
    """A page of the 困难帮扶 section for those holding one of `permissions` anywhere; others get 403."""
    return needs_any(*(permissions or HARDSHIP_PERMISSIONS))


def _grant_reaches(request: HttpRequest, action: str, file: HardshipFile) -> bool:
    rule = RULES[action]
    # A refusal after the grassroots review is the county's, like the approval (assistance.workflow).
    county = rule.level == Level.COUNTY or (action == Action.REJECT and file.status == Status.REVIEWED)
    return can(request, rule.permission, approval_path(file.org_path) if county else file.org_path)


def available_actions(request: HttpRequest, file: HardshipFile) -> list[str]:
    """What the status table allows, narrowed to what this cadre may do here and now. The services
    check all of it again; this only keeps buttons off the page that would be refused."""
    if archived_refusal(file):
        return []
    allowed = set(allowed_actions(file.status)) - NOT_BUTTONS
    shown: list[str] = []
    for action in BUTTON_ORDER:
        if action not in allowed or not _grant_reaches(request, action, file):
            continue
        if action == Action.APPROVE and file.reviewed_by_id == request.user.pk:
            continue  # two people look at every household
        if action == Action.CLOSE and file.watch_until and timezone.localdate() < file.watch_until:
            continue  # the watch is still running
        shown.append(action)
    return shown


def may_edit_household(request: HttpRequest, file: HardshipFile) -> bool:
    return (archived_refusal(file) is None and Action.EDIT in allowed_actions(file.status)
            and can(request, Perm.HARDSHIP_EDIT, file.org_path))


def form_errors_from(exc: DomainError, form: forms.BaseForm,
                     formset: forms.BaseFormSet | None = None, rows: list[int] | None = None,
                     others: list[forms.BaseForm] | None = None) -> None:
    """Put every error of a service on the field that caused it: a household row's error
    ("household.2.id_number") on that row of the table, a field of another form on that form, and
    the rest above the main form."""
    for error in getattr(exc, "errors", None) or [exc]:
        field = error.field or ""
        message = str(error.message)
        parts = field.split(".")
        if formset is not None and rows and len(parts) == 3 and parts[0] == "household" and parts[1].isdigit():
            position = int(parts[1]) - 1
            if 0 <= position < len(rows):
                row = formset.forms[rows[position]]
                row.add_error(parts[2] if parts[2] in row.fields else None, message)
                continue
        # A stale copy ("version") has nothing to fix in a field: it is said above the form.
        target = next((f for f in [form, *(others or [])] if field in f.fields and field != "version"), None)
        if target is not None:
            target.add_error(field, message)
        else:
            form.add_error(None, message)
