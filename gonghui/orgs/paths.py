"""Registry of denormalized org-path copies, so a subtree move rewrites every one of them.

Each big table that carries the org path registers (model, field) here in its AppConfig.ready;
`rewrite_prefix` then moves the whole subtree in one UPDATE per table.
"""

from typing import Any

from django.db import models
from django.db.models import Value
from django.db.models.functions import Concat, Substr

from gonghui.orgs.scope import subtree_q

_COPIES: list[tuple[type[models.Model], str]] = []


def register_path_copy(model: type[models.Model], field: str) -> None:
    if (model, field) not in _COPIES:
        _COPIES.append((model, field))


def registered_copies() -> list[tuple[type[models.Model], str]]:
    return list(_COPIES)


def rewrite_prefix(model: type[models.Model], field: str, old: str, new: str, **also: Any) -> int:
    """Replace the prefix `old` by `new` in the subtree; `also` sets more columns in the same UPDATE."""
    manager = model._default_manager
    return manager.filter(subtree_q(field, old)).update(
        **{field: Concat(Value(new), Substr(field, len(old) + 1), output_field=models.CharField())}, **also
    )
