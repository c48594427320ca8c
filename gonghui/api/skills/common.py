"""What every skills endpoint shares: the caller's scopes, the error statuses it lists, and the
loaders of the records a body refers to (a record out of sight answers like a missing one, naming
the key the client sent)."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path

from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS
from gonghui.api.common.schemas import MAX_ID, ErrorOut
from gonghui.core.audit import actor_shown
from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.core.permissions import Perm
from gonghui.members.models import Member
from gonghui.members.selectors import member_get
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.scope import Scope, scope_for
from gonghui.orgs.selectors import employer_get, union_get

PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
READ: dict[Any, Any] = {READ_ERRORS | {400, 403}: ErrorOut}
WRITE: dict[Any, Any] = {WRITE_ERRORS: ErrorOut}


def view_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, Perm.SKILLS_VIEW)


def manage_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, Perm.SKILLS_MANAGE)


def list_scope(request: HttpRequest) -> Scope:
    """A list for someone who holds the permission nowhere is a refusal, not an empty page."""
    scope = view_scope(request)
    if scope.is_empty:
        raise PermissionDenied()
    return scope


def load_union(request: HttpRequest, pk: int, field: str = "union_id") -> TradeUnion:
    try:
        return union_get(scope=view_scope(request), pk=pk)
    except NotFound:
        raise NotFound(field=field) from None


def load_employer(request: HttpRequest, pk: int, field: str = "employer_id") -> Employer:
    try:
        return employer_get(scope=view_scope(request), pk=pk)
    except NotFound:
        raise NotFound(field=field) from None


def load_member(request: HttpRequest, pk: int | None, field: str) -> Member | None:
    """A registry member, read with the member registry's own permission (personal data)."""
    if pk is None:
        return None
    try:
        return member_get(scope=scope_for(request.user, Perm.MEMBER_VIEW), pk=pk)
    except NotFound:
        raise NotFound(field=field) from None


def ref(pk: int | None, name: str | None) -> dict[str, Any] | None:
    return {"id": pk, "name": name or ""} if pk is not None else None


def events_out(rows: Any) -> list[dict[str, Any]]:
    return [{"action": e.action, "action_label": str(e.get_action_display()), "old_status": e.old_status,
             "new_status": e.new_status, "actor": actor_shown(e.actor_label), "note": e.note, "at": e.at}
            for e in rows]
