"""Partner verification (DOMAIN §2): a partner learns whether a card token or an identity number
belongs to a member, and the level of that member's union, and nothing else.

Each partner holds its own key, is limited per minute and per local day in fixed windows counted in
the database, and every call is audited with the identity number masked (ARCHITECTURE §6a).
"""

import datetime
import hashlib
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import Actor, audit_record
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import Conflict, DomainError, ValidationFailed, msg
from gonghui.core.idnumbers import IdType, parse_identity
from gonghui.core.permissions import Perm
from gonghui.members.cleaning import identity_index_candidates
from gonghui.members.models import MemberCard, Membership, Partner, PartnerWindow
from gonghui.members.partner_models import PURPOSE_FIELDS, PartnerPurpose
from gonghui.members.services.cards import card_number_from_token
from gonghui.orgs.choices import Level
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import require
from gonghui.orgs.services.common import audit_actor, clean_name

KEY_START = "ghp_"
PREFIX_LEN = 12
MAX_RATE = 1_000_000


class PartnerKeyRefused(DomainError):
    status = 401
    code = "unauthenticated"
    # What a 401 must name (RFC 9110): the credential expected, which here is not a bearer token.
    challenge = 'ApiKey realm="gonghui-verify", header="X-Partner-Key"'

    @classmethod
    def default_message(cls) -> Any:
        return _("请在请求头 X-Partner-Key 中提供有效的合作方密钥。")


class Throttled(DomainError):
    status = 429
    code = "throttled"

    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__(msg(_("调用过于频繁，请在 %(s)d 秒后重试。"), {"s": retry_after}))


@dataclass(frozen=True)
class Verdict:
    member: bool
    union_level: str | None  # "province", "county", "grassroots", … (orgs.choices.Level names)


NOT_A_MEMBER = Verdict(member=False, union_level=None)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _rate(value: int, field: str) -> int:
    if not 1 <= value <= MAX_RATE:
        raise ValidationFailed(msg(_("调用上限应在1到%(n)d之间。"), {"n": MAX_RATE}), field=field)
    return value


class PurposeRefused(DomainError):
    status = 403
    code = "purpose_not_granted"


def clean_purposes(values: Iterable[Any]) -> dict[str, bool]:
    """The purpose flags for `values` (codes or PartnerPurpose); at least one, each a known purpose."""
    chosen = set()
    for value in values:
        if str(value) not in PartnerPurpose.values:
            raise ValidationFailed(msg(_("无效的用途：%(value)s。"), {"value": str(value)[:20]}), field="purposes",
                                   code="choice")
        chosen.add(PartnerPurpose(str(value)))
    if not chosen:
        raise ValidationFailed(_("请至少选择一项用途。"), field="purposes", code="required")
    return {field: purpose in chosen for purpose, field in PURPOSE_FIELDS.items()}


def require_purpose(partner: Partner, purpose: PartnerPurpose, *, field: str = "partner") -> None:
    """For a cadre tying a key to a use (a merchant, an employer): the key must hold that purpose."""
    if not partner.may(purpose):
        raise ValidationFailed(msg(_("该合作方密钥未获准用于“%(purpose)s”，请先由系统管理员开通此用途。"),
                                   {"purpose": purpose.label}), field=field, code="purpose")


@transaction.atomic
def partner_create(*, actor: Any, union: TradeUnion, name: str, purposes: Iterable[Any], per_minute: int = 60,
                   daily_quota: int = 10_000) -> tuple[Partner, str]:
    """Register a partner for its purposes; the key is returned once here and never stored in clear."""
    require(actor, Perm.USER_MANAGE, union.path)
    # One deployment serves one province: a partner is registered at its root, not at some county.
    if union.level > Level.PROVINCE:
        raise ValidationFailed(_("合作方只能登记在省级或全国总工会。"), field="union")
    name = clean_name(name)
    flags = clean_purposes(purposes)
    key = KEY_START + secrets.token_urlsafe(32)
    who = audit_actor(actor)
    partner = Partner.objects.create(name=name, union=union, key_prefix=key[:PREFIX_LEN], key_hash=_hash(key),
                                     per_minute=_rate(per_minute, "per_minute"),
                                     daily_quota=_rate(daily_quota, "daily_quota"), created_by=who.label, **flags)
    audit_record(actor=who, action="partner.create", obj=partner, org_path=union.path,
                 detail={"key_prefix": partner.key_prefix, "per_minute": per_minute, "daily_quota": daily_quota,
                         "purposes": [p.value for p in partner.purposes]})
    return partner, key


@transaction.atomic
def partner_set_purposes(*, actor: Any, partner: Partner, purposes: Iterable[Any]) -> Partner:
    """Change what a key may be used for; its next call outside them is refused."""
    require(actor, Perm.USER_MANAGE, partner.union.path)
    flags = clean_purposes(purposes)
    old = [p.value for p in partner.purposes]
    Partner.objects.filter(pk=partner.pk).update(**flags)
    partner.refresh_from_db()
    audit_record(actor=audit_actor(actor), action="partner.purposes", obj=partner, org_path=partner.union.path,
                 detail={"key_prefix": partner.key_prefix, "old": old, "new": [p.value for p in partner.purposes]})
    return partner


@transaction.atomic
def partner_revoke(*, actor: Any, partner: Partner) -> Partner:
    require(actor, Perm.USER_MANAGE, partner.union.path)
    if not Partner.objects.filter(pk=partner.pk, is_active=True).update(is_active=False, revoked_at=timezone.now()):
        raise Conflict(_("该合作方的密钥已吊销。"))
    audit_record(actor=audit_actor(actor), action="partner.revoke", obj=partner, org_path=partner.union.path,
                 detail={"key_prefix": partner.key_prefix})
    partner.refresh_from_db()
    return partner


def partner_authenticate(*, key: str, purpose: str, ip: str = "") -> Partner:
    """The partner holding `key`, for `purpose`; an unknown or revoked key is refused (401), a key not
    granted the purpose is refused (403) naming it, and each refusal audited."""
    partner = None
    if key.startswith(KEY_START) and len(key) <= 100:
        partner = Partner.objects.select_related("union").filter(key_hash=_hash(key), is_active=True).first()
    if partner is None:
        # Only the prefix, which is not secret, and only of something shaped like our keys.
        prefix = key[:PREFIX_LEN] if key.startswith(KEY_START) and key.isprintable() else ""
        audit_record(actor=Actor(id=None, label="partner:?", ip=ip), action="partner.verify",
                     outcome=AuditEntry.Outcome.DENIED, detail={"key_prefix": prefix, "reason": "bad_key"})
        raise PartnerKeyRefused()
    if not partner.may(purpose):
        label = PartnerPurpose(purpose).label
        audit_record(actor=Actor(id=None, label=f"partner:{partner.key_prefix}", ip=ip), action="partner.verify",
                     obj=partner, org_path=partner.union.path, outcome=AuditEntry.Outcome.DENIED,
                     detail={"key_prefix": partner.key_prefix, "reason": "purpose", "purpose": str(purpose)})
        raise PurposeRefused(msg(_("该合作方密钥未获准用于“%(purpose)s”，请联系工会开通此用途。"), {"purpose": label}))
    return partner


def _count_call(partner: Partner, kind: str, start: datetime.datetime) -> int:
    window = PartnerWindow.objects.filter(partner=partner, kind=kind, start=start)
    # The UPDATE locks the row until commit, so concurrent calls are counted one after another.
    if not window.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                PartnerWindow.objects.create(partner=partner, kind=kind, start=start, count=1)
            if kind == PartnerWindow.Kind.DAY:
                # A new day: yesterday's and older windows have nothing left to limit.
                PartnerWindow.objects.filter(partner=partner, start__lt=start).delete()
            return 1
        except IntegrityError:
            window.update(count=F("count") + 1)  # another process opened the window first
    return window.values_list("count", flat=True).get()


def _retry_after(partner: Partner) -> int:
    """0 when the call is within both limits, else the seconds until the window that refused it ends."""
    now = timezone.localtime()
    minute = now.replace(second=0, microsecond=0)
    if _count_call(partner, PartnerWindow.Kind.MINUTE, minute) > partner.per_minute:
        return max(1, 60 - now.second)
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if _count_call(partner, PartnerWindow.Kind.DAY, day) > partner.daily_quota:
        tomorrow = timezone.make_aware(datetime.datetime.combine(day.date() + datetime.timedelta(days=1),
                                                                 datetime.time()))
        return max(1, int((tomorrow - now).total_seconds()))
    return 0


def partner_throttle(*, partner: Partner) -> int:
    """Count one call of `partner` against its limits: 0 when within them, else the seconds to wait.
    For other partner endpoints (voucher redemption) that share the verification's limits."""
    return _retry_after(partner)


def _verdict(partner: Partner, membership: Membership | None) -> Verdict:
    # A member of another province's deployment, or outside the partner's tree, is not one of ours.
    if membership is None or not membership.org_path.startswith(partner.union.path):
        return NOT_A_MEMBER
    return Verdict(member=True, union_level=Level(membership.union.level).name.lower())


def _verify(partner: Partner, ip: str, kind: str, look_up: Callable[[], tuple[Membership | None, str]]) -> Verdict:
    actor = Actor(id=None, label=f"partner:{partner.name}"[:150], ip=ip)
    error: DomainError | None = None
    verdict = NOT_A_MEMBER
    with transaction.atomic():
        retry = _retry_after(partner)
        detail: dict[str, Any] = {"kind": kind}
        outcome = AuditEntry.Outcome.OK
        if retry:
            outcome, detail["throttled"] = AuditEntry.Outcome.DENIED, True
        else:
            try:
                membership, subject = look_up()
            except ValidationFailed as exc:
                outcome, detail["error"], error = AuditEntry.Outcome.FAILED, exc.code, exc
            else:
                verdict = _verdict(partner, membership)
                detail |= {"subject": subject, "member": verdict.member, "union_level": verdict.union_level}
        audit_record(actor=actor, action="partner.verify", obj=partner, org_path=partner.union.path,
                     outcome=outcome, detail=detail)
    # Raised only now, so the counted call and its audit row are kept.
    if retry:
        raise Throttled(retry)
    if error is not None:
        raise error
    return verdict


def _live_membership(**lookup: Any) -> Membership | None:
    return Membership.objects.select_related("union").live().filter(**lookup).first()


def _masked_card(number: str) -> str:
    return number[:4] + "*" * max(0, len(number) - 8) + number[-4:]


def partner_verify_card(*, partner: Partner, token: str, ip: str = "") -> Verdict:
    """The QR code on a member card carries a signed, expiring token; an expired or forged one is no member."""

    def look_up() -> tuple[Membership | None, str]:
        number = card_number_from_token(token.strip())
        if number is None:
            return None, "invalid_token"
        card = MemberCard.objects.filter(number=number, status=MemberCard.Status.ACTIVE).first()
        if card is None:
            return None, _masked_card(number)
        return _live_membership(member_id=card.member_id), _masked_card(number)

    return _verify(partner, ip, "card", look_up)


def partner_verify_identity(*, partner: Partner, id_type: str, id_number: str, ip: str = "") -> Verdict:
    def look_up() -> tuple[Membership | None, str]:
        identity = parse_identity(id_type or IdType.RESIDENT, id_number)
        return _live_membership(member__id_index__in=identity_index_candidates(identity)), identity.masked

    return _verify(partner, ip, "id", look_up)
