"""Names stored before the normalising rules (docs/decisions.md, "Text is normalised on the way in")
brought to them: members', unions', employers' and cadres' names, with the pinyin initials that
search them. Run by `manage.py names_normalize`; every new write is already normalised."""

from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import F

from gonghui.accounts.models import User
from gonghui.core.audit import Actor, audit_record
from gonghui.core.text import normalize_name, pinyin_initials
from gonghui.members.models import Member
from gonghui.orgs.models import Employer, TradeUnion

SAMPLE = 20


@dataclass(frozen=True)
class _Target:
    model: type[models.Model]
    field: str
    initials_width: int  # 0: the table has no initials to rebuild
    versioned: bool


TARGETS = {
    "member": _Target(Member, "name", 20, True),
    "union": _Target(TradeUnion, "name", 60, True),
    "employer": _Target(Employer, "name", 60, True),
    "user": _Target(User, "full_name", 0, False),
}


def _changes(target: _Target) -> list[tuple[int, str]]:
    found = []
    rows = target.model._default_manager.values_list("pk", target.field).order_by("pk")
    for pk, value in rows.iterator(chunk_size=5000):
        clean = normalize_name(value)
        # A name that would be left empty (only invisible characters) is left for a person to fix.
        if clean != value and clean:
            found.append((pk, clean))
    return found


def names_renormalize(*, actor: Any, apply: bool) -> dict[str, int]:
    """How many names of each kind differ from their normal form; with `apply`, rewritten (the
    version bumped, so an edit open on the old name is refused as stale) and audited per kind."""
    counts: dict[str, int] = {}
    for kind, target in TARGETS.items():
        changed = _changes(target)
        counts[kind] = len(changed)
        if not apply or not changed:
            continue
        with transaction.atomic():
            for pk, clean in changed:
                values: dict[str, Any] = {target.field: clean}
                if target.initials_width:
                    values["name_initials"] = pinyin_initials(clean)[:target.initials_width]
                if target.versioned:
                    values["version"] = F("version") + 1
                target.model._default_manager.filter(pk=pk).update(**values)
            audit_record(actor=Actor(id=actor.pk, label=str(actor.username)), action="text.names_normalize",
                         object_type=target.model._meta.label_lower,
                         detail={"changed": len(changed), "ids": [pk for pk, _clean in changed[:SAMPLE]]})
    return counts
