"""The rows of a member export: the member list's own filters, read in chunks so a province-wide
export keeps a constant memory footprint."""

from collections.abc import Iterator
from typing import Any

from django.db.models import OuterRef, Subquery

from gonghui.members.models import Member, Membership
from gonghui.members.selectors import member_list
from gonghui.orgs.scope import Scope

CHUNK = 2000


def member_export_rows(*, scope: Scope, full: bool, **filters: Any) -> Iterator[Member]:
    """`filters` are member_list's. Without `full` the encrypted columns are never read (nor decrypted)."""
    joined = (Membership.objects.filter(member=OuterRef("pk")).order_by("-join_date", "-id")
              .values("join_date")[:1])
    qs = member_list(scope=scope, **filters).select_related("union", "employer").annotate(
        joined_on=Subquery(joined))
    if not full:
        qs = qs.defer("id_number", "phone")
    return qs.iterator(chunk_size=CHUNK)
