"""招聘会: a union organises one online or on site, adds the employers taking part and the postings they
bring (each within its own subtree and the cadre's scope), and records visitors and 达成就业意向."""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import Conflict, NotFound, ValidationFailed
from gonghui.jobs.choices import FairMode, FairStatus, PostingStatus
from gonghui.jobs.models import FairEmployer, FairPosting, JobFair, JobPosting
from gonghui.jobs.services.common import (
    clean_choice,
    clean_day,
    clean_int,
    clean_region,
    clean_text,
    require_manage,
    who,
)
from gonghui.orgs.models import Employer, TradeUnion

# A fair is planned at most a year ahead; one recorded afterwards may be up to five years old.
FURTHEST_AHEAD = datetime.timedelta(days=366)
FURTHEST_BACK = datetime.timedelta(days=5 * 366)
HEAD_COUNT_CEILING = 1_000_000


def _audit(actor: Any, fair: JobFair, action: str, detail: dict[str, Any] | None = None) -> None:
    audit_record(actor=who(actor), action=f"jobs.fair.{action}", obj=fair, org_path=fair.org_path,
                 detail=detail or {})


def clean_fair(data: dict[str, Any]) -> dict[str, Any]:
    today = timezone.localdate()
    mode = clean_choice(data.get("mode"), FairMode, field="mode")
    held_on = clean_day(data.get("held_on"), field="held_on")
    if held_on > today + FURTHEST_AHEAD:
        raise ValidationFailed(_("举办日期不能晚于一年以后。"), field="held_on", code="too_far")
    if held_on < today - FURTHEST_BACK:
        raise ValidationFailed(_("举办日期不能早于五年以前。"), field="held_on", code="too_old")
    return {
        "title": clean_text(data.get("title"), field="title", max_length=100, required=True),
        "mode": mode, "held_on": held_on,
        # On site the venue's division is needed for the figures by area; online it is optional.
        "region": clean_region(data.get("region"), field="region", required=mode == FairMode.ONSITE,
                               label=_("举办地")),
        "place": clean_text(data.get("place"), field="place", max_length=200, required=True),
    }


def fair_create(*, actor: Any, union: TradeUnion, **data: Any) -> JobFair:
    require_manage(actor, union.path)
    values = clean_fair(data)
    with transaction.atomic():
        fair = JobFair.objects.create(union=union, org_path=union.path, **values)
        _audit(actor, fair, "create", {"mode": fair.mode, "held_on": fair.held_on.isoformat()})
    return fair


def fair_record(*, actor: Any, fair: JobFair, visitors: Any, intentions: Any) -> JobFair:
    """After the fair: the visitors and the 达成就业意向 count; the fair is then 已举办."""
    require_manage(actor, fair.org_path)
    if fair.status == FairStatus.CANCELLED:
        raise Conflict(_("该招聘会已取消，不能登记结果。"), code="bad_status")
    if fair.held_on > timezone.localdate():
        raise ValidationFailed(_("招聘会尚未举办，举办后才能登记结果。"), field="held_on", code="future")
    seen = clean_int(visitors, field="visitors", low=0, high=HEAD_COUNT_CEILING)
    agreed = clean_int(intentions, field="intentions", low=0, high=HEAD_COUNT_CEILING)
    assert seen is not None and agreed is not None
    if agreed > seen:
        raise ValidationFailed(_("达成就业意向人数不能多于入场求职人数。"), field="intentions", code="range")
    with transaction.atomic():
        if not JobFair.objects.filter(pk=fair.pk, status__in=(FairStatus.PLANNED, FairStatus.HELD)).update(
                visitors=seen, intentions=agreed, status=FairStatus.HELD, updated_at=timezone.now()):
            raise Conflict(_("该招聘会已取消，不能登记结果。"), code="bad_status")
        fair.refresh_from_db()
        _audit(actor, fair, "record", {"visitors": seen, "intentions": agreed})
    return fair


def fair_cancel(*, actor: Any, fair: JobFair) -> JobFair:
    require_manage(actor, fair.org_path)
    with transaction.atomic():
        if not JobFair.objects.filter(pk=fair.pk, status=FairStatus.PLANNED).update(
                status=FairStatus.CANCELLED, updated_at=timezone.now()):
            raise Conflict(_("只有筹备中的招聘会可以取消。"), code="bad_status")
        fair.refresh_from_db()
        _audit(actor, fair, "cancel")
    return fair


def _employer_in_fair(actor: Any, fair: JobFair, employer: Employer) -> None:
    """Both ends: the employer lies in the organiser's subtree, and the cadre acts over it."""
    require_manage(actor, fair.org_path)
    if not employer.org_path.startswith(fair.org_path):
        raise ValidationFailed(_("该用人单位不在主办工会的范围内。"), field="employer", code="out_of_scope")
    require_manage(actor, employer.org_path)


def fair_add_employer(*, actor: Any, fair: JobFair, employer: Employer, booth: str = "") -> FairEmployer:
    _employer_in_fair(actor, fair, employer)
    if fair.status == FairStatus.CANCELLED:
        raise Conflict(_("该招聘会已取消。"), code="bad_status")
    booth = clean_text(booth, field="booth", max_length=20)
    try:
        with transaction.atomic():
            row = FairEmployer.objects.create(fair=fair, employer=employer, booth=booth)
            _audit(actor, fair, "add_employer", {"employer": employer.pk})
    except IntegrityError:
        raise Conflict(_("该用人单位已在本场招聘会中。"), code="duplicate", field="employer") from None
    return row


def fair_add_posting(*, actor: Any, fair: JobFair, posting: JobPosting) -> FairPosting:
    """A published posting brought to the fair; its employer takes part from then on."""
    employer = posting.employer
    _employer_in_fair(actor, fair, employer)
    if fair.status == FairStatus.CANCELLED:
        raise Conflict(_("该招聘会已取消。"), code="bad_status")
    if posting.status != PostingStatus.PUBLISHED:
        raise ValidationFailed(_("只有已发布的岗位可以带到招聘会。"), field="posting", code="not_published")
    try:
        with transaction.atomic():
            FairEmployer.objects.get_or_create(fair=fair, employer=employer)
            row = FairPosting.objects.create(fair=fair, posting=posting)
            _audit(actor, fair, "add_posting", {"posting": posting.pk})
    except IntegrityError:
        raise Conflict(_("该岗位已在本场招聘会中。"), code="duplicate", field="posting") from None
    return row


def fair_remove_posting(*, actor: Any, fair: JobFair, posting_id: int) -> None:
    require_manage(actor, fair.org_path)
    with transaction.atomic():
        if not FairPosting.objects.filter(fair=fair, posting_id=posting_id).delete()[0]:
            raise NotFound()
        _audit(actor, fair, "remove_posting", {"posting": posting_id})
