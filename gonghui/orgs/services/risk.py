"""Every write to the 劳动关系风险名单: putting an employer on it and taking it off.

A cadre who manages the employer (employer.edit over its union) acts; each spell is one row, closed
when taken off and never deleted, so the history stays readable.
"""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.idnumbers import parse_date
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.orgs.choices import RiskReason
from gonghui.orgs.models import Employer, EmployerRiskListing
from gonghui.orgs.scope import require
from gonghui.orgs.services.common import audit_actor, person_label

NOTE_MAX = 500


def _text(value: Any, *, field: str, label: Any, required: bool) -> str:
    text = normalize_text(value)
    if required and not text:
        raise ValidationFailed(msg(_("请填写%(label)s。"), {"label": label}), field=field)
    if len(text) > NOTE_MAX:
        raise ValidationFailed(msg(_("%(label)s不能超过%(n)d个字。"), {"label": label, "n": NOTE_MAX}), field=field)
    return text


def _day(value: Any, *, field: str, label: Any, not_before: datetime.date | None = None) -> datetime.date:
    today = timezone.localdate()
    day = today if value in (None, "") else parse_date(value, field=field)
    if day > today:
        raise ValidationFailed(msg(_("%(label)s不能晚于今天。"), {"label": label}), field=field)
    if not_before is not None and day < not_before:
        raise ValidationFailed(msg(_("%(label)s不能早于列入日期（%(date)s）。"), {
            "label": label, "date": not_before.isoformat()}), field=field)
    return day


def _current(employer: Employer) -> EmployerRiskListing | None:
    return EmployerRiskListing.objects.filter(employer=employer).current().first()


@transaction.atomic
def employer_risk_list(*, actor: Any, employer: Employer, reason: str, note: str = "",
                       listed_on: datetime.date | str | None = None) -> EmployerRiskListing:
    """Put `employer` on the list; refused while it is already on it."""
    require(actor, Perm.EMPLOYER_EDIT, employer.org_path)
    # The employer's row is the lock: two cadres listing it at once queue here, the second is refused.
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    if reason not in RiskReason.values:
        raise ValidationFailed(_("请选择列入原因。"), field="reason")
    note = _text(note, field="note", label=_("情况说明"), required=reason == RiskReason.OTHER)
    day = _day(listed_on, field="listed_on", label=_("列入日期"))
    current = _current(employer)
    if current is not None:
        raise ValidationFailed(msg(_("「%(name)s」已在劳动关系风险名单中（%(date)s列入），不能重复列入。"), {
            "name": employer.name, "date": current.listed_on.isoformat()}), field="employer", code="duplicate")
    try:
        with transaction.atomic():
            listing = EmployerRiskListing.objects.create(
                employer=employer, org_path=employer.org_path, reason=reason, note=note, listed_on=day,
                listed_by=None if getattr(actor, "is_system_actor", False) else actor,
                listed_by_name=person_label(actor)[:120])
    except IntegrityError:
        raise ValidationFailed(msg(_("「%(name)s」已在劳动关系风险名单中，不能重复列入。"), {"name": employer.name}),
                               field="employer", code="duplicate") from None
    audit_record(actor=audit_actor(actor), action="employer.risk_list", obj=employer, org_path=employer.org_path,
                 detail={"listing": listing.pk, "reason": reason, "listed_on": day.isoformat()})
    return listing


@transaction.atomic
def employer_risk_remove(*, actor: Any, employer: Employer, reason: str,
                         removed_on: datetime.date | str | None = None) -> EmployerRiskListing:
    """Take `employer` off the list, saying why; its spell stays as history."""
    require(actor, Perm.EMPLOYER_EDIT, employer.org_path)
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    listing = _current(employer)
    if listing is None:
        raise ValidationFailed(msg(_("「%(name)s」不在劳动关系风险名单中。"), {"name": employer.name}),
                               field="employer", code="not_listed")
    text = _text(reason, field="reason", label=_("移出原因"), required=True)
    day = _day(removed_on, field="removed_on", label=_("移出日期"), not_before=listing.listed_on)
    EmployerRiskListing.objects.filter(pk=listing.pk).update(
        removed_on=day, removal_reason=text, removed_by=None if getattr(actor, "is_system_actor", False) else actor,
        removed_by_name=person_label(actor)[:120], updated_at=timezone.now())
    listing.refresh_from_db()
    audit_record(actor=audit_actor(actor), action="employer.risk_remove", obj=employer, org_path=employer.org_path,
                 detail={"listing": listing.pk, "removed_on": day.isoformat()})
    return listing
