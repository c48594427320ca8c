"""The aid a worker received, for the worker's own page on the portal (我的帮扶).

Found the way the duplicate guard finds a person (dedup.py): through the worker's hardship files and
the identity and phone keys, never through an id the browser sends, so a worker sees only their own.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from gonghui.aid.amounts import is_paid
from gonghui.aid.choices import GrantStatus
from gonghui.aid.dedup import person_key_of_index, person_keys_of_phone
from gonghui.aid.models import AidGrant
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.worker_scope import own_files_q
from gonghui.core.crypto import blind_index_candidates, index_rotating
from gonghui.members.models import Member

MY_GRANTS_SHOWN = 100
ZERO = Decimal("0.00")


@dataclass
class MyAid:
    grants: list[AidGrant] = field(default_factory=list)
    paid_cash: Decimal = ZERO  # 元 received in cash
    paid_goods_value: Decimal = ZERO  # 元, the goods at their listed value
    paid_count: int = 0  # 人次: grants paid or delivered


def _identities(rows: QuerySet[Any], index: str, id_type: str, number: str) -> set[str]:
    """The stored identity indexes of the worker's files or memberships; while the index key rotates
    also each one's number under every key, since a grant may lag or lead the row it was keyed from.
    With one key only the index column is read."""
    if not index_rotating():
        return set(rows.values_list(index, flat=True))
    found: set[str] = set()
    for stored, kind, value in rows.values_list(index, id_type, number):
        found.add(stored)
        if value:
            found.update(blind_index_candidates(f"{kind}:{value}"))
    return found


def my_aid_grants(*, phone: str) -> MyAid:
    """Every grant to the worker or their household in file, in every programme and union, newest first:
    paid, pending and failed ones (a cancelled row never reached them). 3 queries."""
    if not phone:
        return MyAid()
    files = HardshipFile.objects.filter(own_files_q(phone))
    identities = _identities(files, "worker_id_index", "worker_id_type", "worker_id_number")
    identities |= _identities(Member.objects.filter(phone_index__in=blind_index_candidates(phone)),
                              "id_index", "id_type", "id_number")
    keys = [person_key_of_index(i) for i in sorted(identities) if i] + person_keys_of_phone(phone)
    grants = list(AidGrant.objects.filter(Q(hardship_file__in=files) | Q(person_index__in=keys))
                  .exclude(status=GrantStatus.CANCELLED)
                  .defer("id_number", "phone", "payee_account")
                  .select_related("programme", "campaign", "union")
                  .order_by("-granted_on", "-id")[:MY_GRANTS_SHOWN])
    paid = [g for g in grants if is_paid(g)]
    return MyAid(grants=grants, paid_cash=sum((g.cash for g in paid), ZERO),
                 paid_goods_value=sum((g.goods_value for g in paid), ZERO), paid_count=len(paid))
