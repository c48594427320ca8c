"""Loading the division list shipped in orgs/data (built by scripts/build_regions.py, see SOURCE.md).

Loading is bulk and idempotent: new codes are inserted level by level (parents first), changed ones
updated, and a code the list no longer carries as current is marked retired, never deleted, since
unions, employers, cases and hardship files may still name it.
"""

import csv
import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from gonghui.core.audit import audit_record
from gonghui.core.errors import PermissionDenied
from gonghui.orgs.models import Region
from gonghui.orgs.services.common import audit_actor

REGIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "regions.csv.gz"
_FIELDS = ("name", "level", "parent_id", "is_current", "retired_to_id", "dataset")


@dataclass(frozen=True)
class RegionRow:
    adcode: str
    name: str
    level: int
    parent: str | None
    current: bool
    successor: str | None


def read_regions(source: Path = REGIONS_FILE) -> tuple[str, list[RegionRow]]:
    """The dataset's name and its rows, parents before children."""
    with gzip.open(source, "rt", encoding="utf-8") as f:
        first = f.readline()
        dataset = first.removeprefix("# dataset:").strip()
        rows = [RegionRow(adcode=r["code"], name=r["name"], level=int(r["level"]), parent=r["parent"] or None,
                          current=r["current"] == "1", successor=r["successor"] or None)
                for r in csv.DictReader(f)]
    return dataset, rows


def _batches(items: list[Region], size: int = 2000) -> Iterator[list[Region]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


@transaction.atomic
def regions_load(*, actor: Any, source: Path = REGIONS_FILE, towns: bool = True) -> int:
    """Load or refresh the division list; `towns=False` stops at the county (a lighter load for a
    test or a bench that never names a township). Returns the number of divisions in the list."""
    if not getattr(actor, "is_system_actor", False):
        raise PermissionDenied()
    dataset, rows = read_regions(source)
    dataset = dataset[:40]
    if not towns:
        rows = [r for r in rows if r.level < Region.RegionLevel.TOWN]
    listed = {r.adcode for r in rows}
    existing = {values[0]: values[1:] for values in Region.objects.values_list("adcode", *_FIELDS)}

    def region(r: RegionRow, successor: str | None) -> Region:
        return Region(adcode=r.adcode, name=r.name, level=r.level, parent_id=r.parent, is_current=r.current,
                      retired_to_id=successor if successor in listed else None, dataset=dataset)

    wanted = {r.adcode: region(r, r.successor) for r in rows}
    # Successors may come later in the list than the codes they replace: set them once all exist.
    new = [region(r, None) for r in rows if r.adcode not in existing]
    for level in Region.RegionLevel.values:
        Region.objects.bulk_create([r for r in new if r.level == level], batch_size=2000)
    changed = [region for code, region in wanted.items()
               if (region.retired_to_id if code not in existing
                   else existing[code] != tuple(getattr(region, f) for f in _FIELDS))]
    for batch in _batches(changed):
        Region.objects.bulk_update(batch, list(_FIELDS))
    # A code loaded from an earlier list and missing from this one is kept, as retired.
    gone = [code for code, values in existing.items()
            if code not in listed and values[3] and (towns or values[1] < Region.RegionLevel.TOWN)]
    for i in range(0, len(gone), 500):
        Region.objects.filter(adcode__in=gone[i:i + 500]).update(is_current=False)
    audit_record(actor=audit_actor(actor), action="region.load", object_type="orgs.region",
                 object_label=dataset, detail={"regions": len(rows), "new": len(new), "changed": len(changed),
                                               "retired": len(gone)})
    return len(rows)
