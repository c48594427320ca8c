"""Reads of honours conferred and the 劳模 register (scoped), and of the 公示 as the public sees it.

The public reads carry no scope on purpose: a 公示 is published. They return public fields only
(name, employer, post, a summary of the deeds); never an ID number, a phone or an address.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gonghui.core.errors import NotFound
from gonghui.core.idnumbers import IdType, parse_identity
from gonghui.honours.choices import (
    AwardLevel,
    CallStatus,
    ModelWorkerStatus,
    NominationStatus,
)
from gonghui.honours.models import Award, ModelWorker, ModelWorkerRecord, PublicNotice
from gonghui.members.cleaning import identity_index_candidates, member_identity_candidates, member_index_candidates
from gonghui.members.models import Member
from gonghui.orgs.models import Employer
from gonghui.orgs.scope import Scope, get_visible
from gonghui.workdays.selectors import calendar_for


def _person_indexes(member: Member | None, id_type: str, id_number: str) -> list[str]:
    # From the plaintext, under every configured index key: an award keeps finding its person while a
    # key rotation recomputes one table before the other.
    if member is not None:
        return member_identity_candidates(member)
    return identity_index_candidates(parse_identity(id_type or IdType.RESIDENT, id_number, field="id_number"))


def person_honours(*, scope: Scope, member: Member | None = None, id_index: str = "", id_type: str = "",
                   id_number: str = "") -> QuerySet[Award]:
    """Every honour of one person the scope sees (revoked ones too, marked): by the member, the ID's
    blind index, or the ID number itself (looked up through its index, never stored or logged)."""
    indexes = [id_index] if id_index else _person_indexes(member, id_type, id_number)
    return Award.objects.visible_to(scope).filter(id_index__in=indexes).select_related("kind", "union")


def person_register_entry(*, scope: Scope, member: Member | None = None, id_index: str = "") -> ModelWorker | None:
    indexes = [id_index] if id_index else member_index_candidates(member) if member is not None else []
    if not indexes:
        return None
    return ModelWorker.objects.visible_to(scope).filter(id_index__in=indexes).defer("id_number").first()


def employer_honours(*, scope: Scope, employer: Employer) -> QuerySet[Award]:
    """The honours of an employer's people and collectives (by the registry link, or its credit code)."""
    return (Award.objects.visible_to(scope)
            .filter(Q(employer=employer) | Q(employer__isnull=True, employer_credit_code=employer.credit_code))
            .select_related("kind"))


def award_list(*, scope: Scope, year: int | None = None, level: str = "", status: str = "",
               kind_code: str = "") -> QuerySet[Award]:
    qs = Award.objects.visible_to(scope).select_related("kind", "union")
    if year:
        qs = qs.filter(year=year)
    if level:
        qs = qs.filter(level=level)
    if status:
        qs = qs.filter(status=status)
    if kind_code:
        qs = qs.filter(kind__code=kind_code)
    return qs


def award_get(*, scope: Scope, pk: Any) -> Award:
    return get_visible(Award.objects.select_related("kind", "call", "nomination", "union"), scope, pk=pk)


def register_list(*, scope: Scope, level: str = "", status: str = "", in_hardship: bool | None = None,
                  query: str = "") -> QuerySet[ModelWorker]:
    qs = ModelWorker.objects.visible_to(scope).select_related("union", "employer").defer("id_number")
    if level:
        qs = qs.filter(level=level)
    if status:
        qs = qs.filter(status=status)
    if in_hardship is not None:
        qs = qs.filter(in_hardship=in_hardship)
    if query.strip():
        qs = qs.filter(Q(name__icontains=query.strip()) | Q(employer_name__icontains=query.strip()))
    return qs


def register_get(*, scope: Scope, pk: Any) -> ModelWorker:
    return get_visible(ModelWorker.objects.select_related("union", "employer", "hardship_file").defer("id_number"),
                       scope, pk=pk)


def register_records(*, scope: Scope, model_worker: ModelWorker, kind: str = "",
                     year: int | None = None) -> QuerySet[ModelWorkerRecord]:
    entry = get_visible(ModelWorker.objects, scope, pk=model_worker.pk)
    qs = ModelWorkerRecord.objects.filter(model_worker=entry)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(year=year)
    return qs


def register_figures(*, scope: Scope) -> dict[str, dict[str, int]]:
    """Per level (全国/省/市/县): everyone in the register, those in it now, deceased, revoked, 困难劳模
    (one query); a level with nobody shows zeros."""
    rows = {r["level"]: r for r in ModelWorker.objects.visible_to(scope).values("level").annotate(
        total=Count("pk"), active=Count("pk", filter=Q(status=ModelWorkerStatus.ACTIVE)),
        deceased=Count("pk", filter=Q(status=ModelWorkerStatus.DECEASED)),
        revoked=Count("pk", filter=Q(status=ModelWorkerStatus.REVOKED)),
        hardship=Count("pk", filter=Q(status=ModelWorkerStatus.ACTIVE, in_hardship=True))).order_by()}
    keys = ("total", "active", "deceased", "revoked", "hardship")
    return {level: {k: rows.get(level, {}).get(k, 0) for k in keys} for level in AwardLevel.values}


# ---- the 公示, as the public reads it ----

@dataclass(frozen=True)
class PublicEntry:
    nomination_id: int
    name: str
    employer: str
    post: str
    deeds_summary: str


@dataclass(frozen=True)
class PublicNoticeView:
    pk: int
    title: str
    union: str
    kind: str
    year: int
    starts_on: datetime.date
    ends_on: datetime.date
    contact: str
    is_open: bool
    working_days_left: int  # counting today if it is a working day; 0 once it has ended
    entries: list[PublicEntry]


def _working_days_left(notice: PublicNotice, today: datetime.date) -> int:
    if today > notice.ends_on:
        return 0
    calendar = calendar_for(notice.org_path)
    day, left = max(today, notice.starts_on), 0
    while day <= notice.ends_on:
        left += calendar.is_workday(day)
        day += datetime.timedelta(days=1)
    return left


def public_notice_list(*, today: datetime.date | None = None) -> QuerySet[PublicNotice]:
    """The notices running now (started, not ended), the latest first."""
    today = today or timezone.localdate()
    return (PublicNotice.objects.filter(starts_on__lte=today, ends_on__gte=today, call__status=CallStatus.NOTICE)
            .select_related("call__kind", "union"))


def public_notice_get(*, pk: Any, today: datetime.date | None = None) -> PublicNoticeView:
    """One notice with its nominees' public fields; a notice of a call cancelled, or not started, is missing."""
    today = today or timezone.localdate()
    try:
        notice = PublicNotice.objects.select_related("call__kind", "union").get(pk=pk, starts_on__lte=today)
    except (PublicNotice.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    if notice.call.status == CallStatus.CANCELLED:
        raise NotFound()
    entries = [PublicEntry(n["pk"], n["name"], n["employer_name"], n["post"], n["deeds_summary"] or n["deeds"][:200])
               for n in notice.nominations.filter(status__in=(NominationStatus.NOTICE, NominationStatus.AWARDED))
               .order_by("pk").values("pk", "name", "employer_name", "post", "deeds_summary", "deeds")]
    return PublicNoticeView(
        pk=notice.pk, title=notice.title, union=notice.union.name, kind=notice.call.kind.name, year=notice.call.year,
        starts_on=notice.starts_on, ends_on=notice.ends_on, contact=notice.contact,
        is_open=notice.starts_on <= today <= notice.ends_on, working_days_left=_working_days_left(notice, today),
        entries=entries)


__all__ = ["PublicEntry", "PublicNoticeView", "award_get", "award_list", "employer_honours",
           "person_honours", "person_register_entry", "public_notice_get", "public_notice_list", "register_figures",
           "register_get", "register_list", "register_records"]
