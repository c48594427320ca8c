"""The reads of the worker's own side (portal) of 民主管理.

A worker has no scope: they are found through the phone they proved by SMS, and see only what their
own employer published, their own delegate seat and the proposals they submitted.
"""

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import NotFound
from gonghui.democracy.models import Delegate, Disclosure, DisclosureRead, OpennessVote, Proposal
from gonghui.democracy.selectors import disclosures_for_member
from gonghui.members.choices import LIVE_STATUSES
from gonghui.members.models import Member


def worker_members(*, phone: str) -> list[Member]:
    """The live members registered with this phone who have an employer on record."""
    return list(Member.objects.filter(phone_index__in=blind_index_candidates(phone), status__in=LIVE_STATUSES,
                                      employer__isnull=False).select_related("employer").order_by("pk")[:5])


def worker_disclosures(*, member: Member) -> QuerySet[Disclosure]:
    return disclosures_for_member(member).annotate(
        is_read=Exists(DisclosureRead.objects.filter(disclosure=OuterRef("pk"), member=member)))


def worker_disclosure_get(*, member: Member, pk: Any) -> Disclosure:
    found = disclosures_for_member(member).filter(pk=pk if isinstance(pk, int) else -1).first()
    if found is None:
        raise NotFound()
    return found


def worker_seat(*, member: Member, today: datetime.date | None = None) -> Delegate | None:
    """The member's delegate seat in a term of their employer's congress that is running today."""
    today = today or timezone.localdate()
    if member.employer_id is None:
        return None
    return (Delegate.objects.filter(member=member, term__congress__employer_id=member.employer_id,
                                    term__starts_on__lte=today, term__ends_on__gte=today)
            .select_related("term__congress__employer").order_by("-term__number").first())


def seat_colleagues(*, seat: Delegate) -> QuerySet[Delegate]:
    """Who may co-sign (附议): the other delegates of the same term."""
    return Delegate.objects.filter(term_id=seat.term_id).exclude(pk=seat.pk).order_by("constituency", "name", "pk")


def worker_proposals(*, member: Member) -> QuerySet[Proposal]:
    return (Proposal.objects.filter(submitter__member=member).select_related("congress__employer")
            .order_by("-submitted_at", "-pk"))


def worker_proposal_get(*, member: Member, pk: Any) -> Proposal:
    found = worker_proposals(member=member).select_related("submitter").filter(
        pk=pk if isinstance(pk, int) else -1).first()
    if found is None:
        raise NotFound()
    return found


def worker_openness_vote(*, member: Member, year: int | None = None) -> OpennessVote | None:
    return OpennessVote.objects.filter(member=member, year=year or timezone.localdate().year).first()
