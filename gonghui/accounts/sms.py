"""SMS verification codes: send with rate limits, verify with a bounded number of attempts.

Every send and every verification, granted or refused, leaves an audit row that names the phone
only masked. A refusal is audited before it is raised, outside any transaction, so that rolling
back the caller's work cannot erase the record of an attack.
"""

import datetime
import math
import secrets
from typing import Any, NoReturn

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.sms_backends import SmsDeliveryFailed, SmsMessage, get_backend, logger
from gonghui.accounts.sms_models import SmsCode
from gonghui.core.audit import Actor, audit_record
from gonghui.core.crypto import blind_index, blind_index_candidates
from gonghui.core.errors import DomainError, ValidationFailed, msg
from gonghui.core.idnumbers import mask_phone, parse_mobile

Purpose = SmsCode.Purpose


class SmsRefused(DomainError):
    """A send refused by a rate limit, or a failed delivery: try again later."""

    status = 429
    code = "sms_refused"


def sms_actor(phone: str, ip: str = "") -> Actor:
    # The same label as members.services.applications.PortalWorker, which accounts cannot import.
    return Actor(id=None, label=f"portal:{mask_phone(phone)}", ip=ip)


def _hash(phone_index: str, purpose: str, code: str) -> str:
    # Keyed with SECRET_KEY: a copy of the table alone does not give up a code by brute force.
    return salted_hmac("gonghui.sms-code", f"{phone_index}:{purpose}:{code}", algorithm="sha256").hexdigest()


def _audit(actor: Actor, action: str, outcome: str, reason: str, purpose: str, row: SmsCode | None = None,
           **detail: Any) -> None:
    audit_record(actor=actor, action=action, obj=row, object_type="accounts.smscode",
                 object_label=actor.label.removeprefix("portal:"), outcome=outcome,
                 detail={"purpose": purpose, "reason": reason, **detail})


def _refuse(actor: Actor, action: str, purpose: str, code: str, message: Any, *, field: str | None = None,
            error: type[DomainError] = SmsRefused, row: SmsCode | None = None) -> NoReturn:
    _audit(actor, action, "denied" if error is SmsRefused else "failed", code, purpose, row)
    raise error(message, code=code, field=field)


def _check_send_limits(actor: Actor, phone_indexes: list[str], purpose: str, ip: str, now: datetime.datetime
                       ) -> None:
    mine = SmsCode.objects.filter(phone_index__in=phone_indexes)
    # The resend wait is per purpose: a transfer confirmation just texted must not keep the worker
    # from logging in to the portal to confirm it. The daily limit counts every purpose.
    last = mine.filter(purpose=purpose).order_by("-created_at").values_list("created_at", flat=True).first()
    if last is not None:
        wait = settings.GONGHUI_SMS_RESEND_SECONDS - (now - last).total_seconds()
        if wait > 0:
            _refuse(actor, "auth.sms_send", purpose, "too_soon",
                    msg(_("验证码已发送，请%(s)d秒后再重新获取。"), {"s": math.ceil(wait)}))
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    if mine.filter(created_at__gte=midnight).count() >= settings.GONGHUI_SMS_PHONE_PER_DAY:
        _refuse(actor, "auth.sms_send", purpose, "phone_daily_limit",
                msg(_("该手机号今天获取验证码已达%(n)d次，请明天再试。"), {"n": settings.GONGHUI_SMS_PHONE_PER_DAY}))
    if ip:
        # Counted without a lock: a burst may overshoot by a message or two, which is harmless here.
        from_ip = SmsCode.objects.filter(ip=ip)
        if (from_ip.filter(created_at__gte=now - datetime.timedelta(hours=1)).count()
                >= settings.GONGHUI_SMS_IP_PER_HOUR
                or from_ip.filter(created_at__gte=now - datetime.timedelta(days=1)).count()
                >= settings.GONGHUI_SMS_IP_PER_DAY):
            _refuse(actor, "auth.sms_send", purpose, "ip_limit",
                    _("当前网络获取验证码过于频繁，请稍后再试，或换用手机流量。"))


def sms_send(*, phone: str, purpose: str, ip: str = "", asker: str = "") -> SmsCode:
    """Send a fresh code to `phone`; the phone's earlier code stops working. `asker` names who asks
    the worker's consent (a transfer confirmation names the receiving union)."""
    phone = parse_mobile(phone, field="phone")
    if purpose not in Purpose.values:
        raise ValidationFailed(_("验证码用途无效。"), field="purpose")
    actor = sms_actor(phone, ip)
    # Written under the current index key; found under every configured key (a key rotation).
    index, indexes = blind_index(phone), blind_index_candidates(phone)
    now = timezone.now()
    _check_send_limits(actor, indexes, purpose, ip, now)
    code = f"{secrets.randbelow(1_000_000):06d}"
    minutes = settings.GONGHUI_SMS_CODE_MINUTES
    try:
        with transaction.atomic():
            SmsCode.objects.filter(phone_index__in=indexes, purpose=purpose, active=True).update(active=False)
            row = SmsCode.objects.create(phone_index=index, phone_masked=mask_phone(phone), purpose=purpose,
                                         code_hash=_hash(index, purpose, code), ip=ip, created_at=now,
                                         expires_at=now + datetime.timedelta(minutes=minutes))
    except IntegrityError:
        # Another request for this phone won the race a moment ago.
        _refuse(actor, "auth.sms_send", purpose, "too_soon", _("验证码正在发送，请稍候。"))
    if purpose == Purpose.TRANSFER_CONFIRM:
        text = msg(_("【智慧工会】%(union)s申请将您的工会会籍转入该会。如您同意，请将验证码%(code)s告知该会经办人"
                     "（%(m)d分钟内有效），或登录会员服务平台确认；如不同意，请忽略本短信或在平台上拒绝。"),
                   {"union": asker, "code": code, "m": minutes})
    else:
        text = msg(_("【智慧工会】您的验证码为%(code)s，%(m)d分钟内有效。如非本人操作，请忽略本短信。"),
                   {"code": code, "m": minutes})
    try:
        get_backend().send(SmsMessage(phone=phone, purpose=purpose, code=code, minutes=minutes, text=str(text)))
    except Exception as exc:  # a provider adapter may raise anything; the worker needs one clear answer
        if not isinstance(exc, SmsDeliveryFailed):
            logger.exception("SMS backend failed")
        # Not delivered, so it must not count against the worker's limits.
        SmsCode.objects.filter(pk=row.pk).delete()
        _audit(actor, "auth.sms_send", "failed", "delivery_failed", purpose)
        raise SmsRefused(_("短信发送失败，请稍后再试。"), code="delivery_failed") from None
    _audit(actor, "auth.sms_send", "ok", "sent", purpose, row)
    return row


def sms_verify(*, phone: str, purpose: str, code: str, ip: str = "") -> None:
    """Accept the phone's live code once; raise ValidationFailed (field "code") otherwise."""
    phone = parse_mobile(phone, field="phone")
    actor = sms_actor(phone, ip)
    digits = "".join(ch for ch in str(code or "") if ch.isdigit())
    action = "auth.sms_verify"
    # The newest live code under any configured index key: one sent just before a key rotation still works.
    row = (SmsCode.objects.filter(phone_index__in=blind_index_candidates(phone), purpose=purpose, active=True)
           .order_by("-created_at").first())
    if row is None:
        _refuse(actor, action, purpose, "no_code", _("验证码无效，请重新获取。"), field="code",
                error=ValidationFailed)
    now = timezone.now()
    if row.expires_at <= now:
        SmsCode.objects.filter(pk=row.pk).update(active=False)
        _refuse(actor, action, purpose, "expired", _("验证码已过期，请重新获取。"), field="code",
                error=ValidationFailed, row=row)
    # Take the attempt before comparing: concurrent guesses cannot exceed the limit between them.
    if not SmsCode.objects.filter(pk=row.pk, active=True, attempts__lt=settings.GONGHUI_SMS_MAX_ATTEMPTS).update(
            attempts=F("attempts") + 1):
        _refuse(actor, action, purpose, "too_many_attempts", _("验证码错误次数过多，请重新获取。"), field="code",
                error=ValidationFailed, row=row)
    row.refresh_from_db(fields=["attempts"])
    if len(digits) != 6 or not constant_time_compare(row.code_hash, _hash(row.phone_index, purpose, digits)):
        left = settings.GONGHUI_SMS_MAX_ATTEMPTS - row.attempts
        if left <= 0:
            SmsCode.objects.filter(pk=row.pk).update(active=False)
            _refuse(actor, action, purpose, "too_many_attempts", _("验证码错误次数过多，请重新获取。"),
                    field="code", error=ValidationFailed, row=row)
        _refuse(actor, action, purpose, "wrong_code", msg(_("验证码错误，还可以再试%(n)d次。"), {"n": left}),
                field="code", error=ValidationFailed, row=row)
    if not SmsCode.objects.filter(pk=row.pk, active=True).update(active=False, used_at=now):
        _refuse(actor, action, purpose, "no_code", _("验证码无效，请重新获取。"), field="code",
                error=ValidationFailed, row=row)
    _audit(actor, action, "ok", "verified", purpose, row)


def sms_purge(*, older_than: datetime.timedelta = datetime.timedelta(days=2)) -> int:
    """Codes older than the longest send limit (a day) serve no purpose; the audit log keeps the record."""
    deleted, _counts = SmsCode.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted


def member_logout_recorded(*, phone: str, ip: str = "", reason: str = "logout") -> None:
    """The end of a portal session (its start is the audited code verification)."""
    audit_record(actor=sms_actor(phone, ip), action="auth.member_logout", object_type="accounts.smscode",
                 object_label=mask_phone(phone), detail={"reason": reason})
