"""Postings: entered by a union cadre (published at once: the cadre is the reviewer), or submitted by
an employer through its partner key (待审核 until the employer's union reviews it); review, 下架,
and the expiry sweep. Every status change is a compare-and-set with an event and an audit row."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import Actor, audit_record
from gonghui.core.errors import Conflict, NotFound, ValidationFailed, msg
from gonghui.jobs.choices import EXPIRABLE, Action, PostingSource, PostingStatus
from gonghui.jobs.models import JobEvent, JobPosting
from gonghui.jobs.services.common import (
    CONCURRENT_CHANGE,
    PAY_CEILING,
    PLACES_CEILING,
    clean_day,
    clean_int,
    clean_phone,
    clean_region,
    clean_text,
    record_event,
    require_manage,
    who,
)
from gonghui.jobs.services.grants import granted_employer
from gonghui.members.models import Partner
from gonghui.orgs.models import Employer

# How far ahead a posting may run before it must be renewed.
LONGEST_RUN = datetime.timedelta(days=366)


def clean_posting(data: dict[str, Any], *, today: datetime.date | None = None) -> dict[str, Any]:
    """Every field of a posting, each refusal naming its field."""
    today = today or timezone.localdate()
    pay_min = clean_int(data.get("pay_min"), field="pay_min", low=0, high=PAY_CEILING)
    pay_max = clean_int(data.get("pay_max"), field="pay_max", low=0, high=PAY_CEILING)
    assert pay_min is not None and pay_max is not None
    if pay_min > pay_max:
        raise ValidationFailed(_("月薪上限不能低于月薪下限。"), field="pay_max", code="pay_range")
    expires_on = clean_day(data.get("expires_on"), field="expires_on")
    if expires_on < today:
        raise ValidationFailed(_("有效期至不能早于今天。"), field="expires_on", code="past")
    if expires_on > today + LONGEST_RUN:
        raise ValidationFailed(_("有效期至不能超过一年，到期后可重新发布。"), field="expires_on", code="too_far")
    phone, index, masked = clean_phone(data.get("contact_phone"))
    return {
        "title": clean_text(data.get("title"), field="title", max_length=60, required=True),
        "places": clean_int(data.get("places"), field="places", low=1, high=PLACES_CEILING),
        "pay_min": pay_min, "pay_max": pay_max,
        "requirements": clean_text(data.get("requirements"), field="requirements", max_length=2000),
        "region": clean_region(data.get("region"), field="region"),
        "address": clean_text(data.get("address"), field="address", max_length=200),
        "contact_name": clean_text(data.get("contact_name"), field="contact_name", max_length=50, required=True),
        "contact_phone": phone, "contact_phone_index": index, "contact_phone_masked": masked,
        "expires_on": expires_on,
    }


def posting_create(*, actor: Any, employer: Employer, **data: Any) -> JobPosting:
    """A cadre's entry for an employer in their scope: published at once."""
    require_manage(actor, employer.org_path)
    values = clean_posting(data)
    with transaction.atomic():
        posting = JobPosting.objects.create(employer=employer, org_path=employer.org_path, source=PostingSource.CADRE,
                                            status=PostingStatus.PUBLISHED, published_at=timezone.now(), **values)
        record_event(actor=actor, posting=posting, action=Action.CREATE, new_status=PostingStatus.PUBLISHED)
    return posting


def partner_actor(partner: Partner, ip: str = "") -> Actor:
    return Actor(id=None, label=f"partner:{partner.key_prefix}", ip=ip, display=f"partner:{partner.name}")


def posting_submit_by_partner(*, partner: Partner, employer_id: Any, ip: str = "", **data: Any) -> JobPosting:
    """An employer's own submission: it lands 待审核 and only the employer's union can publish it."""
    employer = granted_employer(partner, employer_id)
    values = clean_posting(data)
    with transaction.atomic():
        posting = JobPosting.objects.create(employer=employer, org_path=employer.org_path, partner=partner,
                                            source=PostingSource.PARTNER, status=PostingStatus.PENDING, **values)
        record_event(actor=partner_actor(partner, ip), posting=posting, action=Action.SUBMIT,
                     new_status=PostingStatus.PENDING)
    return posting


def _transition(*, actor: Any, posting: JobPosting, action: str, old: tuple[str, ...], new: str,
                changes: dict[str, Any] | None = None, note: str = "", version: int | None = None) -> JobPosting:
    if version is not None and version != posting.version:
        raise Conflict(CONCURRENT_CHANGE, code="concurrent_change", field="version")
    if posting.status not in old:
        raise Conflict(msg(_("该岗位当前状态为“%(status)s”，不能执行此操作。"),
                           {"status": posting.get_status_display()}), code="bad_status")
    old_status = posting.status
    values: dict[str, Any] = {**(changes or {}), "status": new, "version": F("version") + 1,
                              "updated_at": timezone.now()}
    with transaction.atomic():
        if not JobPosting.objects.filter(pk=posting.pk, status=old_status, version=posting.version).update(**values):
            raise Conflict(CONCURRENT_CHANGE, code="concurrent_change")
        posting.refresh_from_db()
        record_event(actor=actor, posting=posting, action=action, old_status=old_status, new_status=new, note=note)
    return posting


def posting_review(*, actor: Any, posting: JobPosting, approve: bool, note: str = "",
                   version: int | None = None) -> JobPosting:
    """The employer's union (or one above) publishes a submission or returns it with the reason."""
    require_manage(actor, posting.org_path)
    note = clean_text(note, field="note", max_length=500, required=not approve)
    if approve and posting.expires_on < timezone.localdate():
        raise ValidationFailed(_("该岗位已过有效期，不能发布。"), field="expires_on", code="past")
    if approve:
        return _transition(actor=actor, posting=posting, action=Action.PUBLISH, old=(PostingStatus.PENDING,),
                           new=PostingStatus.PUBLISHED, changes={"published_at": timezone.now(), "review_note": note},
                           note=note, version=version)
    return _transition(actor=actor, posting=posting, action=Action.RETURN, old=(PostingStatus.PENDING,),
                       new=PostingStatus.RETURNED, changes={"review_note": note}, note=note, version=version)


def posting_withdraw(*, actor: Any, posting: JobPosting, note: str = "", version: int | None = None) -> JobPosting:
    require_manage(actor, posting.org_path)
    note = clean_text(note, field="note", max_length=500)
    return _transition(actor=actor, posting=posting, action=Action.WITHDRAW,
                       old=(PostingStatus.PUBLISHED, PostingStatus.PENDING), new=PostingStatus.WITHDRAWN, note=note,
                       version=version)


def posting_edit(*, actor: Any, posting: JobPosting, version: int | None = None, **data: Any) -> JobPosting:
    """A cadre corrects a posting; a returned submission corrected by the union is published by it."""
    require_manage(actor, posting.org_path)
    values = clean_posting(data)
    open_statuses = (PostingStatus.PENDING, PostingStatus.PUBLISHED, PostingStatus.RETURNED)
    new = PostingStatus.PUBLISHED if posting.status == PostingStatus.RETURNED else posting.status
    if new == PostingStatus.PUBLISHED and posting.published_at is None:
        values["published_at"] = timezone.now()
    return _transition(actor=actor, posting=posting, action=Action.EDIT, old=open_statuses, new=new,
                       changes=values, version=version)


def posting_resubmit_by_partner(*, partner: Partner, posting_id: Any, ip: str = "", **data: Any) -> JobPosting:
    """A returned submission corrected by the employer goes back to 待审核."""
    posting = JobPosting.objects.filter(pk=posting_id, partner=partner).first() if str(posting_id).isdigit() else None
    if posting is None:
        raise NotFound()
    granted_employer(partner, posting.employer_id)
    values = clean_posting(data)
    return _transition(actor=partner_actor(partner, ip), posting=posting, action=Action.SUBMIT,
                       old=(PostingStatus.RETURNED,), new=PostingStatus.PENDING, changes=values)


@dataclass(frozen=True)
class ExpirySweep:
    expired: int


def postings_expire(*, actor: Any, today: datetime.date | None = None) -> ExpirySweep:
    """Close every posting whose date has passed; idempotent (compare-and-set on the status)."""
    today = today or timezone.localdate()
    row = who(actor)
    due = list(JobPosting.objects.filter(status__in=EXPIRABLE, expires_on__lt=today)
               .values_list("pk", "status", "org_path")[:5000])
    expired = 0
    for pk, status, path in due:
        with transaction.atomic():
            if not JobPosting.objects.filter(pk=pk, status=status).update(
                    status=PostingStatus.EXPIRED, version=F("version") + 1, updated_at=timezone.now()):
                continue
            JobEvent.objects.create(posting_id=pk, action=Action.EXPIRE, old_status=status,
                                    new_status=PostingStatus.EXPIRED, actor_id=row.id, actor_label=row.shown)
            audit_record(actor=row, action="jobs.posting.expire", object_type="jobs.jobposting", object_id=pk,
                         org_path=path, detail={"old": status, "new": PostingStatus.EXPIRED})
            expired += 1
    return ExpirySweep(expired=expired)
