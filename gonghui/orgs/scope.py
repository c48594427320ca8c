"""THE data-scope module: the one place that turns a user into what that user may see.

A role is granted on an org node and covers the node's whole subtree, so a scope is a set of
subtree roots (materialized paths). Lists are filtered only through `visible_to(scope)`, which
returns nothing for an empty scope; single objects load only through `get_visible`, which raises
the same NotFound for an out-of-scope row as for a missing one.
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


@dataclass(frozen=True)
class Scope:
    roots: tuple[str, ...]
    permission: str = ""
    everything: bool = False

    @classmethod
    def of(cls, paths: Iterable[str], permission: str = "") -> "Scope":
        # Keep only the outermost roots: a grant inside another grant adds nothing.
        minimal: list[str] = []
        for p in sorted(set(paths)):
            if not any(p.startswith(m) for m in minimal):
                minimal.append(p)
        return cls(roots=tuple(minimal), permission=permission)

    @classmethod
    def all(cls, permission: str = "") -> "Scope":
        return cls(roots=(), permission=permission, everything=True)

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.roots

    def covers(self, path: str) -> bool:
        return self.everything or any(path.startswith(r) for r in self.roots)

    def q(self, field: str) -> Q:
        if self.everything:
            return Q()
        if not self.roots:
            return Q(pk__in=[])
        q = Q()
        for root in self.roots:
            q |= subtree_q(field, root)
        return q


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

    def __str__(self) -> str:
        return self.username


def scope_for(user: Any, permission: str) -> Scope:
    if user is None or not getattr(user, "is_active", False) or not getattr(user, "is_authenticated", False):
        return Scope.of((), permission)
    if getattr(user, "is_system_actor", False):
        return Scope.all(permission)
    return Scope.of(user.scope_roots(permission), permission)


def require(user: Any, permission: str, path: str, *, visible_permission: str = "org.view") -> None:
    """Raise unless `user` holds `permission` over `path`.

    Someone who cannot even see the object gets NotFound, exactly as for a missing one; someone who
    sees it but may not act gets PermissionDenied.
    """
    if scope_for(user, permission).covers(path):
        return
    if visible_permission and scope_for(user, visible_permission).covers(path):
        raise PermissionDenied()
    raise NotFound()


class ScopedQuerySet(models.QuerySet):
    scope_field = "org_path"

    def visible_to(self, scope: Scope) -> "ScopedQuerySet":
        return self.filter(scope.q(self.scope_field))


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
    return Scope.of([r for s in scopes for r in s.roots])
