"""What a worker on the portal reads of 就业服务: published postings (open to anyone) and their own
applications, found through the live member behind the phone they signed in with."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import NotFound
from gonghui.jobs.choices import PostingStatus
from gonghui.jobs.models import JobApplication, JobPosting
from gonghui.members.choices import LIVE_STATUSES
from gonghui.members.models import Member
from gonghui.members.services.applications import PortalWorker


def worker_member(worker: PortalWorker) -> Member | None:
    return Member.objects.filter(phone_index__in=blind_index_candidates(worker.phone), status__in=LIVE_STATUSES).first()


def area_prefix(adcode: str) -> str:
    """The prefix every division inside `adcode` starts with: 510000 → 51, 510100 → 5101."""
    if len(adcode) == 6 and adcode.endswith("0000"):
        return adcode[:2]
    if len(adcode) == 6 and adcode.endswith("00"):
        return adcode[:4]
    return adcode


def open_postings(*, region: str = "", pay_at_least: int | None = None, query: str = "") -> QuerySet[JobPosting]:
    """Published and not past their date; `region` is an adcode prefix (a city takes its districts)."""
    rows = (JobPosting.objects.filter(status=PostingStatus.PUBLISHED, expires_on__gte=timezone.localdate())
            .select_related("employer", "region").order_by("-published_at", "-id"))
    if region:
        rows = rows.filter(region__adcode__startswith=area_prefix(region))
    if pay_at_least is not None:
        rows = rows.filter(pay_max__gte=pay_at_least)
    query = query.strip()
    if query:
        rows = rows.filter(Q(title__icontains=query) | Q(employer__name__icontains=query)
                           | Q(requirements__icontains=query))
    return rows


def open_posting_get(*, pk: Any) -> JobPosting:
    row = open_postings().filter(pk=pk).first() if str(pk).isdigit() else None
    if row is None:
        raise NotFound()
    return row


def my_applications(*, worker: PortalWorker) -> QuerySet[JobApplication]:
    member = worker_member(worker)
    if member is None:
        return JobApplication.objects.none()
    return (JobApplication.objects.filter(member=member).select_related("posting__employer", "posting__region",
                                                                        "recommended_by")
            .order_by("-updated_at", "-id"))


def my_application_of(*, worker: PortalWorker, posting: JobPosting) -> JobApplication | None:
    member = worker_member(worker)
    return JobApplication.objects.filter(member=member, posting=posting).first() if member else None
