"""网上/扫码入会: a worker applies from a phone; the union's review queue approves or rejects.

An applicant who is already a member elsewhere is not turned away: approving the application turns
it into a transfer request to this union, never a second membership."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import Actor, audit_record
from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import Conflict, ValidationFailed
from gonghui.core.idnumbers import mask_phone
from gonghui.core.lookups import id_lookup_take
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.members.choices import JoinChannel
from gonghui.members.cleaning import require_clean
from gonghui.members.models import JoinApplication, Membership, Transfer
from gonghui.members.services.registry import admit_clean, live_membership
from gonghui.members.services.transfers import create_transfer
from gonghui.members.services.worker_notice import notify_application_decided
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import require
from gonghui.orgs.services.common import audit_actor


@dataclass(frozen=True)
class PortalWorker:
    """A worker signed in on the portal with a verified phone; acts only on their own records."""

    phone: str = field(repr=False)
    ip: str = ""

    @property
    def actor(self) -> Actor:
        return Actor(id=None, label=f"portal:{mask_phone(self.phone)}", ip=self.ip)


PROFILE_KEYS = ("gender", "ethnicity", "education", "political_status", "household", "employment_form",
                "new_form_group", "job", "skill_level")


def application_submit(*, worker: PortalWorker, union: TradeUnion, data: dict[str, Any],
                       channel: str = JoinChannel.ONLINE) -> JoinApplication:
    id_lookup_take(actor=worker, what="join_application")
    with transaction.atomic():
        return _submit(worker, union, data, channel)


def _submit(worker: PortalWorker, union: TradeUnion, data: dict[str, Any], channel: str) -> JoinApplication:
    if channel not in (JoinChannel.ONLINE, JoinChannel.QR):
        raise ValidationFailed(_("入会方式无效。"), field="channel")
    if not union.is_active:
        raise ValidationFailed(_("该工会已合并或撤销，不能申请加入。"), field="union")
    clean = require_clean(data | {"phone": worker.phone}, phone_required=True)
    existing = live_membership(clean.id_indexes)
    own = existing is not None and existing.member.phone_index in blind_index_candidates(worker.phone)
    # Only a worker whose phone is on the record learns it here; anyone else typing that number is
    # answered as any applicant is, and the union's review sees the duplicate (docs/decisions.md).
    if own and existing is not None and existing.union_id == union.pk:
        raise ValidationFailed(_("您已是该工会会员。"), field="id_number", code="already_member")
    profile = clean.profile()
    try:
        with transaction.atomic():
            application = JoinApplication.objects.create(
                union=union, org_path=union.path, channel=channel, name=clean.name,
                id_type=clean.identity.id_type, id_number=clean.identity.number, id_index=clean.id_index,
                id_masked=clean.identity.masked, phone=worker.phone, phone_index=profile["phone_index"],
                phone_masked=profile["phone_masked"],
                details={k: clean.values.get(k, profile.get(k, "")) for k in PROFILE_KEYS}
                | {"gender": clean.gender},
            )
    except IntegrityError:
        raise ValidationFailed(_("您已有一份待审核的入会申请，请耐心等待或先撤回。"), code="pending") from None
    audit_record(actor=worker.actor, action="member.apply", obj=application, org_path=union.path,
                 detail={"channel": channel})
    return application


def _decide(application: JoinApplication, status: str, **fields: Any) -> None:
    if not JoinApplication.objects.filter(pk=application.pk, status=JoinApplication.Status.PENDING).update(
            status=status, reviewed_at=timezone.now(), **fields):
        raise Conflict(_("该申请已被处理，请刷新后查看。"))


@transaction.atomic
def application_approve(*, actor: Any, application: JoinApplication,
                        join_date: datetime.date | None = None) -> Membership | Transfer:
    require(actor, Perm.MEMBER_REVIEW, application.org_path, visible_permission=Perm.MEMBER_VIEW)
    raw = dict(application.details) | {"name": application.name, "id_type": application.id_type,
                                       "id_number": application.id_number, "phone": application.phone}
    clean = require_clean(raw)
    union = application.union
    existing = live_membership(clean.id_indexes)
    who = audit_actor(actor)
    if existing is not None and existing.union_id != union.pk:
        # The applicant proved a phone by SMS: the worker's own request only when it is the phone of the
        # member record; otherwise anyone could move a person by typing their identity number.
        own = bool(existing.member.phone_index) and existing.member.phone_index == application.phone_index
        transfer = create_transfer(actor=actor, member=existing.member, to_union=union,
                                   origin=Transfer.Origin.APPLICATION, reason=str(_("入会申请")), confirmed=own)
        _decide(application, JoinApplication.Status.TRANSFER, reviewed_by_id=who.id, member=existing.member)
        _audit_approval(who, application, "transfer")
        return transfer
    if existing is not None:
        raise ValidationFailed(_("申请人已是本工会会员。"), code="already_member")
    membership = admit_clean(actor=actor, union=union, clean=clean, channel=application.channel,
                             join_date=join_date or timezone.localdate())
    _decide(application, JoinApplication.Status.APPROVED, reviewed_by_id=who.id, member=membership.member)
    _audit_approval(who, application, "admitted")
    application.refresh_from_db()
    notify_application_decided(application)
    return membership


def _audit_approval(who: Actor, application: JoinApplication, outcome: str) -> None:
    # The admission (or the transfer request) is audited on the member; this row is the decision on
    # the application itself, as a rejection has.
    audit_record(actor=who, action="member.application_approve", obj=application, org_path=application.org_path,
                 detail={"outcome": outcome})


@transaction.atomic
def application_reject(*, actor: Any, application: JoinApplication, reason: str) -> JoinApplication:
    require(actor, Perm.MEMBER_REVIEW, application.org_path, visible_permission=Perm.MEMBER_VIEW)
    reason = normalize_text(reason)
    if not reason:
        raise ValidationFailed(_("请填写不通过的原因，申请人会看到它。"), field="reason")
    who = audit_actor(actor)
    _decide(application, JoinApplication.Status.REJECTED, reason=reason[:200], reviewed_by_id=who.id)
    application.refresh_from_db()
    audit_record(actor=who, action="member.application_reject", obj=application, org_path=application.org_path,
                 detail={"reason": reason[:200]})
    notify_application_decided(application)
    return application


@transaction.atomic
def application_withdraw(*, worker: PortalWorker, application: JoinApplication) -> JoinApplication:
    if application.phone != worker.phone:
        raise ValidationFailed(_("只能撤回本人的申请。"))
    _decide(application, JoinApplication.Status.WITHDRAWN)
    application.refresh_from_db()
    audit_record(actor=worker.actor, action="member.application_withdraw", obj=application,
                 org_path=application.org_path)
    return application
