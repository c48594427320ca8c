import datetime
import json

import pytest
from django.db.models import F
from django.utils import timezone

from gonghui.accounts.sms import Purpose, SmsRefused, sms_purge, sms_send, sms_verify
from gonghui.accounts.sms_models import SmsCode
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db

PHONE = "13912345678"
LOGIN = Purpose.PORTAL_LOGIN


def _age_codes(seconds: int) -> None:
    SmsCode.objects.update(created_at=F("created_at") - datetime.timedelta(seconds=seconds))


def test_a_code_is_sent_once_and_verifies_once(sms_outbox):
    sms_send(phone="139 1234 5678", purpose=LOGIN, ip="10.0.0.1")
    assert len(sms_outbox) == 1
    message = sms_outbox[0]
    assert message.phone == PHONE and len(message.code) == 6 and message.code in message.text
    row = SmsCode.objects.get()
    assert message.code not in row.code_hash and PHONE not in row.phone_index
    sms_verify(phone=PHONE, purpose=LOGIN, code=message.code)
    with pytest.raises(ValidationFailed) as exc:
        sms_verify(phone=PHONE, purpose=LOGIN, code=message.code)
    assert exc.value.code == "no_code" and exc.value.field == "code"


def test_a_second_send_within_sixty_seconds_is_refused_with_the_wait(sms_outbox):
    sms_send(phone=PHONE, purpose=LOGIN)
    with pytest.raises(SmsRefused) as exc:
        sms_send(phone=PHONE, purpose=LOGIN)
    assert exc.value.code == "too_soon" and "秒后" in str(exc.value)
    assert len(sms_outbox) == 1


def test_a_new_code_replaces_the_old_one(sms_outbox):
    sms_send(phone=PHONE, purpose=LOGIN)
    _age_codes(61)
    sms_send(phone=PHONE, purpose=LOGIN)
    old, new = sms_outbox
    if old.code != new.code:
        with pytest.raises(ValidationFailed):
            sms_verify(phone=PHONE, purpose=LOGIN, code=old.code)
    sms_verify(phone=PHONE, purpose=LOGIN, code=new.code)


def test_ten_codes_a_day_per_phone(settings):
    # No resend wait, rather than ageing the codes: aged ten minutes back, they would fall on the day
    # before in the first minutes after midnight, and the day's count would start again.
    settings.GONGHUI_SMS_RESEND_SECONDS = 0
    for _ in range(10):
        sms_send(phone=PHONE, purpose=LOGIN)
    with pytest.raises(SmsRefused) as exc:
        sms_send(phone=PHONE, purpose=LOGIN)
    assert exc.value.code == "phone_daily_limit" and "明天" in str(exc.value)


def test_one_network_address_cannot_send_without_limit(settings):
    settings.GONGHUI_SMS_IP_PER_HOUR = 3
    for i in range(3):
        sms_send(phone=f"1391234000{i}", purpose=LOGIN, ip="10.9.9.9")
    with pytest.raises(SmsRefused) as exc:
        sms_send(phone="13912340009", purpose=LOGIN, ip="10.9.9.9")
    assert exc.value.code == "ip_limit"
    sms_send(phone="13912340009", purpose=LOGIN, ip="10.9.9.10")


def test_an_expired_code_is_refused():
    sms_send(phone=PHONE, purpose=LOGIN)
    SmsCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    from gonghui.accounts import sms_backends

    with pytest.raises(ValidationFailed) as exc:
        sms_verify(phone=PHONE, purpose=LOGIN, code=sms_backends.outbox[-1].code)
    assert exc.value.code == "expired"


def test_five_wrong_codes_burn_the_code(sms_outbox):
    sms_send(phone=PHONE, purpose=LOGIN)
    right = sms_outbox[0].code
    wrong = "000000" if right != "000000" else "111111"
    for left in (4, 3, 2, 1):
        with pytest.raises(ValidationFailed) as exc:
            sms_verify(phone=PHONE, purpose=LOGIN, code=wrong)
        assert exc.value.code == "wrong_code" and f"{left}次" in str(exc.value)
    with pytest.raises(ValidationFailed) as exc:
        sms_verify(phone=PHONE, purpose=LOGIN, code=wrong)
    assert exc.value.code == "too_many_attempts"
    with pytest.raises(ValidationFailed):
        sms_verify(phone=PHONE, purpose=LOGIN, code=right)


def test_a_failed_delivery_does_not_count_against_the_worker(settings):
    settings.GONGHUI_SMS_BACKEND = "gonghui.accounts.sms_backends.DisabledBackend"
    with pytest.raises(SmsRefused) as exc:
        sms_send(phone=PHONE, purpose=LOGIN)
    assert exc.value.code == "delivery_failed"
    assert not SmsCode.objects.exists()
    settings.GONGHUI_SMS_BACKEND = "gonghui.accounts.sms_backends.LocmemBackend"
    sms_send(phone=PHONE, purpose=LOGIN)


def test_every_send_and_verification_is_audited_without_the_phone(sms_outbox):
    sms_send(phone=PHONE, purpose=LOGIN, ip="10.0.0.7")
    with pytest.raises(SmsRefused):
        sms_send(phone=PHONE, purpose=LOGIN, ip="10.0.0.7")
    with pytest.raises(ValidationFailed):
        sms_verify(phone=PHONE, purpose=LOGIN, code="12345")
    sms_verify(phone=PHONE, purpose=LOGIN, code=sms_outbox[0].code, ip="10.0.0.7")
    rows = list(AuditEntry.objects.filter(action__startswith="auth.sms").order_by("id"))
    assert [(r.action, r.outcome, r.detail["reason"]) for r in rows] == [
        ("auth.sms_send", "ok", "sent"), ("auth.sms_send", "denied", "too_soon"),
        ("auth.sms_verify", "failed", "wrong_code"), ("auth.sms_verify", "ok", "verified")]
    for row in rows:
        text = json.dumps([row.actor_label, row.object_label, row.detail], ensure_ascii=False)
        assert PHONE not in text and sms_outbox[0].code not in text
        assert "139****5678" in row.actor_label
    assert rows[0].ip == "10.0.0.7"


def test_a_bad_phone_is_refused_before_anything_is_sent(sms_outbox):
    with pytest.raises(ValidationFailed) as exc:
        sms_send(phone="12345", purpose=LOGIN)
    assert exc.value.field == "phone" and sms_outbox == []


def test_old_codes_are_purged():
    sms_send(phone=PHONE, purpose=LOGIN)
    _age_codes(3 * 86400)
    assert sms_purge() == 1
