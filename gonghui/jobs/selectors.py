"""Every read of 就业服务 for the console and the API, always with a scope (ARCHITECTURE §4).

What an employer may see of an application is decided once, here (`employer_view`): with the
worker's consent the name, phone and profile and a bare priority flag; without it nothing at all."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.counting import count_each
from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.core.idnumbers import IdType, parse_identity
from gonghui.jobs.choices import CONSENTED, FairStatus, PostingStatus
from gonghui.jobs.models import FairEmployer, FairPosting, JobApplication, JobEvent, JobFair, JobPartner, JobPosting
from gonghui.jobs.worker_selectors import area_prefix
from gonghui.members.choices import LIVE_STATUSES
from gonghui.members.cleaning import identity_index_candidates
from gonghui.members.models import Member, Partner
from gonghui.orgs.models import Region
from gonghui.orgs.scope import Scope, get_visible


def posting_list(*, scope: Scope, status: str = "", region: str = "", pay_at_least: int | None = None,
                 query: str = "", source: str = "") -> QuerySet[JobPosting]:
    rows = (JobPosting.objects.visible_to(scope).select_related("employer", "region")
            .annotate(application_count=Count("applications", filter=Q(applications__consent_at__isnull=False))))
    if status:
        rows = rows.filter(status=status)
    if source:
        rows = rows.filter(source=source)
    if region:
        rows = rows.filter(region__adcode__startswith=area_prefix(region))
    if pay_at_least is not None:
        rows = rows.filter(pay_max__gte=pay_at_least)
    query = query.strip()
    if query:
        rows = rows.filter(Q(title__icontains=query) | Q(employer__name__icontains=query))
    return rows.order_by("-created_at", "-id")


def review_queue(*, scope: Scope) -> QuerySet[JobPosting]:
    return posting_list(scope=scope, status=PostingStatus.PENDING).order_by("created_at", "id")


def posting_get(*, scope: Scope, pk: Any) -> JobPosting:
    return get_visible(JobPosting.objects.select_related("employer", "region", "partner"), scope, pk=pk)


def posting_events(*, posting: JobPosting) -> list[JobEvent]:
    return list(posting.events.all())


def fair_list(*, scope: Scope, mode: str = "", status: str = "", year: int | None = None) -> QuerySet[JobFair]:
    rows = (JobFair.objects.visible_to(scope).select_related("union", "region")
            .annotate(employer_count=Count("taking_part", distinct=True),
                      posting_count=Count("brought", distinct=True)))
    if mode:
        rows = rows.filter(mode=mode)
    if status:
        rows = rows.filter(status=status)
    if year:
        rows = rows.filter(held_on__year=year)
    return rows.order_by("-held_on", "-id")


def fair_get(*, scope: Scope, pk: Any) -> JobFair:
    return get_visible(JobFair.objects.select_related("union", "region"), scope, pk=pk)


def fair_employers(*, fair: JobFair) -> list[FairEmployer]:
    return list(FairEmployer.objects.filter(fair=fair).select_related("employer").order_by("id"))


def fair_postings(*, fair: JobFair) -> list[FairPosting]:
    return list(FairPosting.objects.filter(fair=fair).select_related("posting__employer", "posting__region")
                .order_by("id"))


def fairs_this_week(*, scope: Scope, today: datetime.date | None = None) -> QuerySet[JobFair]:
    today = today or timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    return JobFair.objects.visible_to(scope).filter(status=FairStatus.PLANNED, held_on__gte=monday,
                                                   held_on__lte=monday + datetime.timedelta(days=6))


def todo_counts(*, scope: Scope) -> dict[str, int]:
    return count_each(pending=JobPosting.objects.visible_to(scope).filter(status=PostingStatus.PENDING),
                      fairs_week=fairs_this_week(scope=scope))


def application_list(*, scope: Scope, posting: JobPosting) -> QuerySet[JobApplication]:
    return (JobApplication.objects.visible_to(scope).filter(posting=posting)
            .select_related("member", "recommended_by").order_by("-priority", "created_at", "id"))


def application_get(*, scope: Scope, pk: Any) -> JobApplication:
    return get_visible(JobApplication.objects.select_related("posting", "member"), scope, pk=pk)


def masked_name(name: str) -> str:
    return (name[:1] + "*" * max(1, len(name) - 1)) if name else ""


@dataclass(frozen=True)
class ApplicantShown:
    """One application as a cadre's page shows it: identity only once the worker consented."""

    pk: int
    name: str
    phone: str = field(repr=False)
    skills: str
    experience: str
    expected_pay: int | None
    desired_region: str
    status: str
    status_label: str
    consented: bool
    consent_at: datetime.datetime | None
    priority: bool
    recommended: bool


def applicants_shown(rows: Any) -> list[ApplicantShown]:
    shown = []
    for a in rows:
        ok = a.consent_at is not None
        shown.append(ApplicantShown(
            pk=a.pk, name=a.member.name if ok else masked_name(a.member.name),
            phone=a.member.phone_masked if ok else "", skills=a.skills if ok else "",
            experience=a.experience if ok else "", expected_pay=a.expected_pay if ok else None,
            desired_region=a.desired_region.name if ok and a.desired_region else "",
            status=a.status, status_label=a.get_status_display(), consented=ok, consent_at=a.consent_at,
            priority=a.priority if ok else False, recommended=a.recommended_at is not None))
    return shown


@dataclass(frozen=True)
class EmployerApplicant:
    """What an employer receives: only consented applications, the priority flag without its reason."""

    application_id: int
    posting_id: int
    name: str
    phone: str = field(repr=False)
    skills: str
    experience: str
    expected_pay: int | None
    desired_region: str
    priority: bool
    status: str
    consent_at: datetime.datetime


def employer_view(rows: QuerySet[JobApplication]) -> list[EmployerApplicant]:
    consented = rows.filter(consent_at__isnull=False, status__in=CONSENTED).select_related("member", "desired_region")
    return [EmployerApplicant(application_id=a.pk, posting_id=a.posting_id, name=a.member.name,
                              phone=a.member.phone or "", skills=a.skills, experience=a.experience,
                              expected_pay=a.expected_pay,
                              desired_region=a.desired_region.name if a.desired_region else "",
                              priority=a.priority, status=a.status, consent_at=a.consent_at)
            for a in consented if a.consent_at is not None]


def partner_posting_list(*, partner: Partner) -> QuerySet[JobPosting]:
    return JobPosting.objects.filter(partner=partner).select_related("employer", "region").order_by("-created_at")


def partner_posting_get(*, partner: Partner, pk: Any) -> JobPosting:
    return get_visible(JobPosting.objects.filter(partner=partner), Scope.all(), pk=pk)


def partner_applicants(*, partner: Partner, posting: JobPosting) -> list[EmployerApplicant]:
    return employer_view(JobApplication.objects.filter(posting=posting, posting__partner=partner))



def member_for_recommendation(*, scope: Scope, id_number: str) -> Member:
    """The live member with this resident ID number inside `scope`; a stranger and someone outside
    the scope get the same answer, naming the field."""
    ident = parse_identity(IdType.RESIDENT, str(id_number or "").replace(" ", ""), field="id_number")
    found = (Member.objects.visible_to(scope).filter(id_index__in=identity_index_candidates(ident),
                                                     status__in=LIVE_STATUSES).first())
    if found is None:
        raise ValidationFailed(_("在本级及下级工会的会员中找不到该证件号码。"), field="id_number", code="not_found")
    return found


def region_options(*, province_of: str = "") -> list[tuple[str, str]]:
    """Current counties (the level a posting or fair is placed at) in the province of `province_of`."""
    rows = Region.objects.filter(is_current=True, level=Region.RegionLevel.COUNTY)
    if province_of:
        rows = rows.filter(adcode__startswith=province_of[:2])
    return [(r.adcode, r.name) for r in rows.select_related("parent").order_by("adcode")[:600]]


def area_options(*, province_of: str = "") -> list[tuple[str, str]]:
    """Cities and counties for a filter: a city takes all its districts."""
    rows = Region.objects.filter(is_current=True, level__in=(Region.RegionLevel.CITY, Region.RegionLevel.COUNTY))
    if province_of:
        rows = rows.filter(adcode__startswith=province_of[:2])
    return [(r.adcode, r.name if r.level == Region.RegionLevel.CITY else f"— {r.name}")
            for r in rows.order_by("adcode")[:800]]


def job_partner_list(*, scope: Scope, employer_id: int | None = None) -> QuerySet[JobPartner]:
    """The grants over the employers in scope: active first, then by employer."""
    rows = JobPartner.objects.visible_to(scope).select_related("partner", "employer")
    if employer_id is not None:
        rows = rows.filter(employer_id=employer_id)
    return rows.order_by("-is_active", "employer__name", "partner__name", "pk")


def job_partner_get(*, scope: Scope, pk: Any) -> JobPartner:
    return get_visible(JobPartner.objects.select_related("partner", "partner__union", "employer"), scope, pk=pk)


def _in_tree(scope: Scope, rows: QuerySet[Partner]) -> list[Partner]:
    # Partners sit at the province root, above every cadre who grants them: a key is "ours" when it is
    # registered at or above a union in scope.
    if scope.is_empty:
        return []
    rows = rows.select_related("union").order_by("name", "pk")
    return [p for p in rows if scope.everything or any(root.startswith(p.union.path) for root in scope.roots)]


def grantable_partners(*, scope: Scope) -> list[Partner]:
    """The picker: active keys allowed to submit postings, of the caller's tree."""
    return _in_tree(scope, Partner.objects.filter(is_active=True, may_post_jobs=True))


def partner_for_grant(*, scope: Scope, pk: Any) -> Partner:
    """A key of the caller's tree by id, whatever its state: the grant service says why it may not be granted."""
    found = _in_tree(scope, Partner.objects.filter(pk=pk)) if str(pk).isdigit() else []
    if not found:
        raise NotFound(field="partner")
    return found[0]
