"""A million members for the scope benchmark, written straight into the real tables.

The read figures need realistic rows (encrypted identity and phone, blind indexes, masks, Chinese
names, org paths spread over the grassroots unions as real membership is: a few large employers,
many small ones), not the import path, which bench/import_members.py measures on its own. Rows go
in through the same COPY writer the roster import uses; the stored subtree totals are then rebuilt
from the tables (orgs.rollup), as after any bulk migration.
"""

import datetime
import random
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone

from gonghui.core.bulk_insert import bulk_insert
from gonghui.core.crypto import blind_index
from gonghui.core.idnumbers import mask_id, mask_phone, resident_check_character
from gonghui.core.text import pinyin_initials
from gonghui.members.choices import JoinChannel, MembershipStatus
from gonghui.members.models import Member, Membership
from gonghui.orgs.choices import Level
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.rollup import rollup_rebuild

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红文斌鹏飞宇浩然思雨欣怡子轩梓涵"
BATCH = 50_000


def _sizes(unions: list[tuple[int, str, str]], total: int, rng: random.Random) -> list[int]:
    """Members per union: Pareto-shaped weights scaled to `total` exactly."""
    weights = [rng.paretovariate(1.3) for _ in unions]
    scale = total / sum(weights)
    sizes = [max(1, int(w * scale)) for w in weights]
    sizes[0] += total - sum(sizes)  # the rounding remainder to the first (a large employer)
    if sizes[0] < 1:
        raise ValueError("too few members for this many unions")
    return sizes


def _people(unions: list[tuple[int, str, str]], sizes: list[int], rng: random.Random
            ) -> Iterator[tuple[dict[str, Any], tuple[int, str]]]:
    serial = 0
    for (pk, path, region), n in zip(unions, sizes, strict=True):
        for _ in range(n):
            serial += 1
            born = datetime.date(1965, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 40))
            # Unique enough through the birth date and the sequence code; the rare clash is skipped.
            body = f"{region}{born:%Y%m%d}{serial % 1000:03d}"
            number = body + resident_check_character(body)
            phone = f"1{rng.choice('3578')}{serial:09d}"[:11]
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
            yield {
                "name": name, "name_initials": pinyin_initials(name)[:20], "gender": "M" if serial % 2 else "F",
                "id_type": "resident", "id_number": number, "id_index": blind_index(f"resident:{number}"),
                "id_masked": mask_id(number), "birth_date": born, "phone": phone, "phone_index": blind_index(phone),
                "phone_masked": mask_phone(phone), "union_id": pk, "org_path": path,
                "status": MembershipStatus.ACTIVE, "created_at": timezone.now(), "updated_at": timezone.now(),
            }, (pk, path)


def load_members(total: int, seed: int, actor: Any) -> int:
    rng = random.Random(seed)
    unions = list(TradeUnion.objects.filter(level=Level.GRASSROOTS).order_by("path")
                  .values_list("pk", "path", "region_id"))
    unions = [(pk, path, region or "510100") for pk, path, region in unions]
    sizes = _sizes(unions, total, rng)
    seen: set[str] = set()
    written = 0
    with transaction.atomic():
        batch: list[tuple[dict[str, Any], tuple[int, str]]] = []
        for person, where in _people(unions, sizes, rng):
            if person["id_index"] in seen:
                continue
            seen.add(person["id_index"])
            batch.append((person, where))
            if len(batch) == BATCH:
                written += _write(batch, rng)
                batch = []
        written += _write(batch, rng)
        rollup_rebuild(actor=actor)
    return written


def _write(batch: list[tuple[dict[str, Any], tuple[int, str]]], rng: random.Random) -> int:
    if not batch:
        return 0
    ids = bulk_insert(Member, [person for person, _where in batch])
    start = datetime.date(2005, 1, 1)
    bulk_insert(Membership, [
        {"member_id": member_id, "union_id": pk, "org_path": path, "status": MembershipStatus.ACTIVE,
         "join_date": start + datetime.timedelta(days=rng.randrange(7000)), "channel": JoinChannel.ROSTER,
         "created_at": timezone.now()}
        for member_id, (_person, (pk, path)) in zip(ids, batch, strict=True)])
    return len(batch)
