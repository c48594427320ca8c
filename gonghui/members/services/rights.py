"""A person's rights over their registry record (PIPL arts. 44–47): requests to correct or erase, made
by the person on the portal or recorded by a cadre from a request at the counter, and decided by a
cadre of the member's union; the contact phone is the person's own to change once the new number is
proved by SMS. Copies, consent withdrawals and erasures reach across apps and live in
gonghui.reports.personal; they write their request rows through `data_request_record` and
`data_request_close` here, so every request has one shape and one history."""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.sms import sms_send, sms_verify
from gonghui.accounts.sms_models import SmsCode
from gonghui.core.audit import Actor, audit_record
from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import Conflict, DomainError, NotFound, ValidationFailed
from gonghui.core.idnumbers import mask_phone, parse_mobile
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.members.cleaning import require_clean
from gonghui.members.models import Member
from gonghui.members.rights_models import CorrectableField, PersonalDataRequest, RightChannel, RightKind, RightState
from gonghui.members.services.applications import PortalWorker
from gonghui.members.services.registry import PROFILE_FIELDS, profile_apply
from gonghui.orgs.scope import require
from gonghui.orgs.services.common import audit_actor

# What a person may ask to correct. The phone is theirs to change (proved by SMS); everything else is
# what the union registered and answers for, so the union confirms it. The identity document is not
# corrected in place: a different number is a different person (members.services.registry).
CORRECTABLE = dict(CorrectableField.choices)
SELF_SERVICE = frozenset({"phone"})


def is_own(worker: PortalWorker, member: Member) -> bool:
    """The signed-in worker is this person: the registry holds the phone they proved at login."""
    return bool(member.phone_index) and member.phone_index in blind_index_candidates(worker.phone)


def _who(actor: Any) -> Actor:
    return actor.actor if isinstance(actor, PortalWorker) else audit_actor(actor)


def require_person(actor: Any, member: Member, permission: str = Perm.MEMBER_EDIT) -> str:
    """The person themself, or a cadre holding `permission` over the member; the request's channel."""
    if isinstance(actor, PortalWorker):
        if not is_own(actor, member):
            raise NotFound()
        return RightChannel.PORTAL
    require(actor, permission, member.org_path, visible_permission=Perm.MEMBER_VIEW)
    return RightChannel.OFFLINE


def _audit(who: Actor, request: PersonalDataRequest, action: str, **detail: Any) -> None:
    # The field's name, never the value asked for (it may be a phone).
    audit_record(actor=who, action=f"member.data_request.{action}", obj=request.member,
                 org_path=request.org_path, detail={"request": request.pk, "kind": request.kind,
                                                    "field": request.field, **detail})


def data_request_record(*, actor: Any, member: Member, kind: str, state: str = RightState.PENDING,
                        field: str = "", value: str = "", subject: str = "", note: str = "") -> PersonalDataRequest:
    """One request row and its audit row; the caller has checked who acts and holds the transaction."""
    channel = require_person(actor, member, Perm.MEMBER_VIEW if state == RightState.DONE else Perm.MEMBER_EDIT)
    who = _who(actor)
    shown = mask_phone(value) if field == "phone" else value[:60]
    done = state != RightState.PENDING
    try:
        with transaction.atomic():
            request = PersonalDataRequest.objects.create(
                member=member, union=member.union, org_path=member.org_path, kind=kind, state=state,
                channel=channel, field=field, new_value=value, new_value_shown=shown, subject=subject,
                note=normalize_text(note)[:200], requested_by_label=who.shown,
                decided_by_id=who.id if done else None, decided_by_label=who.shown if done else "",
                decided_at=timezone.now() if done else None)
    except IntegrityError:
        raise Conflict(_("已有一项同类申请正在办理，请等待工会处理。"), code="duplicate") from None
    _audit(who, request, kind if done else "open", channel=channel)
    return request


def _clean_value(member: Member, field: str, value: Any) -> str:
    if field not in CORRECTABLE:
        raise ValidationFailed(_("该项目不能在这里更正。"), field="field")
    text = normalize_text(value)
    if not text:
        raise ValidationFailed(_("请填写更正后的内容。"), field="value")
    if str(getattr(member, field)) == text:
        raise ValidationFailed(_("更正后的内容与现有信息相同。"), field="value")
    # Validated now as the registry would on saving, so the union decides on a value that can be saved.
    merged = {f: getattr(member, f) for f in PROFILE_FIELDS} | {field: text}
    try:
        require_clean(merged | {"id_type": member.id_type, "id_number": member.id_number})
    except DomainError as exc:
        errors = getattr(exc, "errors", None) or [exc]
        mine = [e for e in errors if getattr(e, "field", None) == field] or errors
        raise ValidationFailed(mine[0].message, field="value") from None
    return text


@transaction.atomic
def data_request_correct(*, actor: Any, member: Member, field: str, value: Any, note: str = "") -> PersonalDataRequest:
    """Ask the member's union to correct a field (the person on the portal, or a cadre recording it)."""
    require_person(actor, member)
    if isinstance(actor, PortalWorker) and field in SELF_SERVICE:
        raise ValidationFailed(_("手机号码可由您本人验证新号码后直接修改。"), field="field")
    return data_request_record(actor=actor, member=member, kind=RightKind.CORRECT, field=field,
                               value=_clean_value(member, field, value), note=note)


@transaction.atomic
def data_request_erase(*, actor: Any, member: Member, note: str = "") -> PersonalDataRequest:
    """Ask for erasure; the union decides it (gonghui.reports.personal.erasure)."""
    return data_request_record(actor=actor, member=member, kind=RightKind.ERASE, note=note)


def data_request_close(*, actor: Any, request: PersonalDataRequest, state: str, reason: str = "") -> None:
    """Move a pending request to accepted or refused (compare-and-set); the caller holds the transaction."""
    reason = normalize_text(reason)[:300]
    if state == RightState.REFUSED and len(reason) < 2:
        raise ValidationFailed(_("请填写不予办理的理由。"), field="reason")
    who = audit_actor(actor)
    updated = PersonalDataRequest.objects.filter(pk=request.pk, state=RightState.PENDING).update(
        state=state, reason=reason, decided_by_id=who.id, decided_by_label=who.shown, decided_at=timezone.now(),
        # The value asked for has done its work: the member record holds it now, or it was refused.
        new_value="")
    if not updated:
        raise Conflict(_("该申请已处理。"), code="decided")
    request.refresh_from_db()
    _audit(who, request, state, reason=reason)


@transaction.atomic
def correction_decide(*, actor: Any, request: PersonalDataRequest, accept: bool,
                      reason: str = "") -> PersonalDataRequest:
    """A cadre of the member's union accepts a correction (the registry's write path applies it) or refuses it."""
    require(actor, Perm.MEMBER_EDIT, request.org_path, visible_permission=Perm.MEMBER_VIEW)
    if request.kind != RightKind.CORRECT:
        raise ValidationFailed(_("该申请不是更正申请。"), field="kind")
    if accept:
        member = Member.objects.select_for_update().get(pk=request.member_id)
        profile_apply(actor=actor, member=member, version=member.version,
                      data={request.field: request.new_value})
    data_request_close(actor=actor, request=request,
                       state=RightState.ACCEPTED if accept else RightState.REFUSED, reason=reason)
    return request


def phone_change_send(*, worker: PortalWorker, member: Member, new_phone: Any) -> str:
    """Text a code to the new number; the change is made when the code comes back."""
    require_person(worker, member)
    phone = parse_mobile(new_phone, field="phone")
    if phone == worker.phone:
        raise ValidationFailed(_("新号码与当前号码相同。"), field="phone")
    sms_send(phone=phone, purpose=SmsCode.Purpose.PORTAL_LOGIN, ip=worker.ip)
    return phone


@transaction.atomic
def phone_change_by_member(*, worker: PortalWorker, member: Member, new_phone: Any, code: Any) -> Member:
    """The person's contact phone, changed by the person once the new number answered its code."""
    require_person(worker, member)
    phone = parse_mobile(new_phone, field="phone")
    sms_verify(phone=phone, purpose=SmsCode.Purpose.PORTAL_LOGIN, code=str(code or ""), ip=worker.ip)
    locked = Member.objects.select_for_update().get(pk=member.pk)
    if not is_own(worker, locked):
        raise NotFound()
    updated = profile_apply(actor=worker.actor, member=locked, version=locked.version, data={"phone": phone})
    data_request_record(actor=PortalWorker(phone=phone, ip=worker.ip), member=updated, kind=RightKind.CORRECT,
                        state=RightState.DONE, field="phone", value=phone)
    return updated
