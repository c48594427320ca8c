"""THE data-scope module: the one place that turns a user into what that user may see.

A role is granted on an org node and covers the node's whole subtree, so a scope is a set of
subtree roots (materialized paths). A few roles (the lawyer's) hold a permission only over the rows
assigned to their holder: those grants are `assigned_roots`, which reach only the rows of a model
that names its assignees (`ScopedQuerySet.assignee_fields`) and nothing of any other.

Lists are filtered only through `visible_to(scope)`, which returns nothing for an empty scope;
single objects load only through `get_visible`, which raises the same NotFound for an out-of-scope
row as for a missing one.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import connection, models
from django.db.models import Q

from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.orgs import tree


class Principal(Protocol):
    """What a user must offer to be turned into a scope (accounts.User implements it)."""

    is_active: bool

    def scope_roots(self, permission: str) -> Iterable[str]: ...

    def assigned_roots(self, permission: str) -> Iterable[str]: ...


def _outermost(paths: Iterable[str]) -> list[str]:
    # A grant inside another grant adds nothing.
    minimal: list[str] = []
    for p in sorted(set(paths)):
        if not any(p.startswith(m) for m in minimal):
            minimal.append(p)
    return minimal


@dataclass(frozen=True)
class Scope:
    roots: tuple[str, ...]
    permission: str = ""
    everything: bool = False
    # Subtrees where only the rows assigned to `user_id` are in scope.
    assigned_roots: tuple[str, ...] = ()
    user_id: int | None = None

    @classmethod
    def of(cls, paths: Iterable[str], permission: str = "", *, assigned: Iterable[str] = (),
           user_id: int | None = None) -> "Scope":
        roots = _outermost(paths)
        # Assigned rows under a whole-subtree grant are in scope anyway.
        own = [p for p in _outermost(assigned) if user_id is not None and not any(p.startswith(r) for r in roots)]
        return cls(roots=tuple(roots), permission=permission, assigned_roots=tuple(own),
                   user_id=user_id if own else None)

    @classmethod
    def all(cls, permission: str = "") -> "Scope":
        return cls(roots=(), permission=permission, everything=True)

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.roots and not self.assigned_roots

    def covers(self, path: str) -> bool:
        """The whole subtree at `path` is in scope."""
        return self.everything or any(path.startswith(r) for r in self.roots)

    def allows(self, path: str, assignees: Iterable[int | None] = ()) -> bool:
        """A row at `path` assigned to `assignees` is in scope."""
        return self.covers(path) or (self.user_id is not None and self.user_id in set(assignees)
                                     and any(path.startswith(r) for r in self.assigned_roots))

    def reaches(self, path: str) -> bool:
        """Some row at `path` may be in scope: the whole subtree, or the rows assigned to the holder."""
        return self.covers(path) or any(path.startswith(r) for r in self.assigned_roots)

    def q(self, field: str, assignee_fields: tuple[str, ...] = ()) -> Q:
        if self.everything:
            return Q()
        parts = [subtree_q(field, root) for root in self.roots]
        if assignee_fields and self.user_id is not None:
            mine = Q()
            for name in assignee_fields:
                mine |= Q(**{name: self.user_id})
            parts += [subtree_q(field, root) & mine for root in self.assigned_roots]
        if not parts:
            return Q(pk__in=[])
        q = Q()
        for part in parts:
            q |= part
        return q


def covers_all_roots(scope: Scope) -> bool:
    """The scope covers the whole deployment: every root union (or `everything`). Whatever concerns the
    deployment as a whole (its settings, rules, national figures) is for such a scope only; covering one
    root of several is not enough."""
    if scope.everything:
        return True
    from gonghui.orgs.models import TradeUnion  # the models build on this module

    roots = list(TradeUnion.objects.filter(parent__isnull=True).values_list("path", flat=True))
    return bool(roots) and all(scope.covers(root) for root in roots)


def subtree_q(field: str, path: str) -> Q:
    """Rows whose `field` path lies in the subtree at `path`, as an index-friendly predicate.

    PostgreSQL uses LIKE 'prefix%' against a varchar_pattern_ops index; SQLite's LIKE ignores its
    index, so there a half-open range in binary collation does the same job.
    """
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__startswith": path})
    return Q(**{f"{field}__gte": path, f"{field}__lt": tree.upper_bound(path)})


class SystemActor:
    """A background task or command acting on behalf of the system: sees everything, is audited."""

    is_active = True
    is_authenticated = True
    is_system_actor = True
    pk = None
    id = None

    def __init__(self, label: str = "system"):
        self.username = label
        self.request_ip = ""

    def scope_roots(self, permission: str) -> Iterable[str]:
        return ()

    def assigned_roots(self, permission: str) -> Iterable[str]:
        return ()

    def __str__(self) -> str:
        return self.username


def scope_for(user: Any, permission: str) -> Scope:
    if user is None or not getattr(user, "is_active", False) or not getattr(user, "is_authenticated", False):
        return Scope.of((), permission)
    if getattr(user, "is_system_actor", False):
        return Scope.all(permission)
    assigned = getattr(user, "assigned_roots", None)
    return Scope.of(user.scope_roots(permission), permission, assigned=assigned(permission) if assigned else (),
                    user_id=getattr(user, "pk", None))


def require(user: Any, permission: str, path: str, *, visible_permission: str = "org.view",
            assignees: Iterable[int | None] = ()) -> None:
    """Raise unless `user` holds `permission` over `path` (or over the row there assigned to
    `assignees`, for a role that holds it only over its own rows).

    Someone who cannot even see the object gets NotFound, exactly as for a missing one; someone who
    sees it but may not act gets PermissionDenied.
    """
    assignees = tuple(assignees)
    if scope_for(user, permission).allows(path, assignees):
        return
    if visible_permission and scope_for(user, visible_permission).allows(path, assignees):
        raise PermissionDenied()
    raise NotFound()


class ScopedQuerySet(models.QuerySet):
    scope_field = "org_path"
    # Columns naming the users a row is assigned to: only a model that has them shows rows to an
    # assigned-only grant.
    assignee_fields: tuple[str, ...] = ()

    def visible_to(self, scope: Scope) -> "ScopedQuerySet":
        return self.filter(scope.q(self.scope_field, self.assignee_fields))


def get_visible(queryset: Any, scope: Scope, **lookup: Any) -> Any:
    try:
        return queryset.visible_to(scope).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def scope_for_any(user: Any, permissions: Iterable[str]) -> Scope:
    """Where the user holds at least one of `permissions` (e.g. who may see an account list)."""
    scopes = [scope_for(user, p) for p in permissions]
    if any(s.everything for s in scopes):
        return Scope.all()
    user_id = next((s.user_id for s in scopes if s.user_id is not None), None)
    return Scope.of([r for s in scopes for r in s.roots], assigned=[r for s in scopes for r in s.assigned_roots],
                    user_id=user_id)
