"""Whose record it is: the union holding a record at `path` acts on it; a union above supervises.

A grant covers its whole subtree for reading, but a record's steps are taken by the union that
holds it (a grant on that very union), as the case engine settled in `cases/standing.py`. The
collective contracts and 民主管理 ask here through their own `standing` modules, which add their
steps and their messages.
"""

from typing import Any

from gonghui.orgs import tree
from gonghui.orgs.scope import Scope, scope_for


def held_paths(actor: Any, permission: str) -> set[str]:
    """The unions the actor holds `permission` on, as granted (not the scope's outermost roots): a
    grant on a grassroots union counts even when the same person also holds one above it."""
    roots = getattr(actor, "scope_roots", None)
    return set(roots(permission)) if roots else set()


def holds(actor: Any, permission: str, path: str) -> bool:
    if getattr(actor, "is_system_actor", False):
        return True  # the sweeps act on behalf of every union
    return path in held_paths(actor, permission)


def supervises(actor: Any, permission: str, path: str) -> bool:
    """The actor's `permission` covers a union strictly above the one at `path`."""
    scope = scope_for(actor, permission)
    return any(scope.covers(p) for p in tree.ancestor_paths(path))


def held_scope(actor: Any, permission: str) -> Scope:
    """The subtrees under the unions the actor holds `permission` on (its own union's employers)."""
    if getattr(actor, "is_system_actor", False):
        return Scope.all(permission)
    return Scope.of(held_paths(actor, permission), permission)
