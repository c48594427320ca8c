"""What a worker signed in on the portal may reach: the worker's own scope, in place of a cadre's.

A worker holds no grant. Their households are found only through the phone they proved by SMS, and
through the identity of a member registered with that phone, never through an id alone. Both the
worker's reads (worker_selectors) and writes (services/portal) start here.
"""

from django.db.models import Q, QuerySet, Subquery

from gonghui.assistance.models import HardshipFile
from gonghui.assistance.workflow import BEFORE_APPROVAL
from gonghui.core.crypto import blind_index_candidates
from gonghui.members.choices import LIVE_STATUSES
from gonghui.members.models import Member, Membership
from gonghui.orgs.choices import Level

# Who takes a non-member's application: the worker's own grassroots union, or the township (street)
# or county federation where they work or live. Above the county nobody reviews households.
ACCEPTING_LEVELS = (Level.COUNTY, Level.TOWNSHIP, Level.GRASSROOTS)
# A worker adds documents while the household is still being reviewed; after the county's decision
# the union collects any further proof at the re-check.
WORKER_ATTACH_STATUSES = BEFORE_APPROVAL


def own_files_q(phone: str) -> Q:
    """A file is the worker's own when it was filed with the proved phone, or is of the identity of a
    member registered with that phone (a file a union opened with an older phone number)."""
    if not phone:
        return Q(pk__in=[])
    indexes = blind_index_candidates(phone)
    # The identities read first (a few rows by the phone's index): as a subquery ORed with the phone
    # match, PostgreSQL could use neither index and read every file of the province on each portal
    # home view (30-40 ms at 100,000 files); as values, both conditions are index look-ups.
    identities = list(Member.objects.filter(phone_index__in=indexes).values_list("id_index", flat=True)[:50])
    return Q(worker_phone_index__in=indexes) | Q(worker_id_index__in=identities)


def own_file_branches(indexes: list[str], files: QuerySet[HardshipFile]) -> list[QuerySet[HardshipFile]]:
    """`files` narrowed to the worker's own as two queries, by the phone (`indexes`: its blind-index
    candidates) and by the identities registered with it, for reading in one statement (core.compiled):
    each is an index look-up on its own (ORed, PostgreSQL could use neither). A file may come back from
    both."""
    identities = Member.objects.filter(phone_index__in=indexes).values("id_index")[:50]
    return [files.filter(worker_phone_index__in=indexes), files.filter(worker_id_index__in=Subquery(identities))]


def is_own_file(*, phone: str, file: HardshipFile) -> bool:
    return HardshipFile.objects.filter(own_files_q(phone), pk=file.pk).exists()


def worker_memberships(*, phone: str) -> list[Membership]:
    """The live memberships registered with the worker's phone (one, unless a family shares it)."""
    if not phone:
        return []
    return list(Membership.objects.filter(member__phone_index__in=blind_index_candidates(phone),
                                          status__in=LIVE_STATUSES)
                .select_related("member", "member__employer", "union").order_by("pk"))
