"""Bulk loading of a whole branch (demo province, benchmarks, initial migration from a legacy system).

Nodes are written level by level with bulk inserts, their paths assigned in memory, and the load
is audited as one entry: a 100,000-union province loads in seconds, not hours of per-row services.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F

from gonghui.core.audit import audit_record
from gonghui.core.errors import PermissionDenied
from gonghui.core.text import pinyin_initials
from gonghui.orgs import tree
from gonghui.orgs.choices import GRASSROOTS_KINDS
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.rollup import branch_sizes, rollup_adjust
from gonghui.orgs.services.common import audit_actor


@dataclass
class EmployerSpec:
    credit_code: str
    name: str
    industry: str
    ownership: str
    employee_count: int = 0
    women_count: int = 0
    migrant_count: int = 0
    above_scale: bool = False
    address: str = ""
    region_id: str | None = None


@dataclass
class NodeSpec:
    name: str
    kind: str
    level: int
    region_id: str | None = None
    credit_code: str = ""
    chair_name: str = ""
    phone: str = field(default="", repr=False)
    address: str = ""
    founded_on: Any = None
    legal_person: bool = False
    children: list["NodeSpec"] = field(default_factory=list)
    employers: list[EmployerSpec] = field(default_factory=list)


def _union_row(spec: NodeSpec, parent: TradeUnion | None, path: str, size: int) -> TradeUnion:
    return TradeUnion(
        name=spec.name, name_initials=pinyin_initials(spec.name), kind=spec.kind, level=spec.level,
        parent=parent, path=path, depth=tree.depth_of(path), child_seq=len(spec.children),
        child_count=len(spec.children), region_id=spec.region_id, credit_code=spec.credit_code,
        chair_name=spec.chair_name, phone=spec.phone, address=spec.address, founded_on=spec.founded_on,
        legal_person=spec.legal_person, subtree_unions=size,
    )


@transaction.atomic
def tree_bulk_load(*, actor: Any, parent: TradeUnion | None, nodes: list[NodeSpec], batch_size: int = 2000) -> int:
    """Insert `nodes` (with their whole branches) under `parent`, or as new roots. Returns unions made."""
    if not getattr(actor, "is_system_actor", False):
        raise PermissionDenied()
    if parent is not None:
        from gonghui.orgs.services.unions import lock_for_new_child

        parent = lock_for_new_child(parent)
        first = parent.child_seq + 1
        TradeUnion.objects.filter(pk=parent.pk).update(
            child_seq=F("child_seq") + len(nodes), child_count=F("child_count") + len(nodes)
        )
        base = parent.path
    else:
        first = TradeUnion.objects.filter(parent__isnull=True).count() + 1
        base = ""
    level: list[tuple[NodeSpec, TradeUnion | None, str]] = [
        (spec, parent, base + tree.step(first + i)) for i, spec in enumerate(nodes)
    ]
    # Each new union's branch total is known from the specs; the parent's chain gains them all.
    sizes: dict[int, int] = {}
    for spec in nodes:
        sizes.update(branch_sizes(lambda n: n.children, spec))  # type: ignore[attr-defined]
    unions_made = employers_made = 0
    while level:
        rows = [_union_row(spec, par, path, sizes[id(spec)]) for spec, par, path in level]
        TradeUnion.objects.bulk_create(rows, batch_size=batch_size)
        employers: list[Employer] = []
        next_level: list[tuple[NodeSpec, TradeUnion | None, str]] = []
        for (spec, _par, path), row in zip(level, rows, strict=True):
            covered = row.kind in GRASSROOTS_KINDS
            employers.extend(
                Employer(union=row, org_path=path, unionized=covered, name_initials=pinyin_initials(e.name),
                         **e.__dict__)
                for e in spec.employers
            )
            next_level.extend((child, row, path + tree.step(i + 1)) for i, child in enumerate(spec.children))
        Employer.objects.bulk_create(employers, batch_size=batch_size)
        unions_made += len(rows)
        employers_made += len(employers)
        level = next_level
    if parent is not None:
        rollup_adjust(parent.path, unions=unions_made)
    audit_record(actor=audit_actor(actor), action="org.bulk_load", object_type="orgs.tradeunion",
                 object_id=parent.pk if parent else "", object_label=parent.name if parent else "",
                 org_path=base, detail={"unions": unions_made, "employers": employers_made})
    return unions_made
