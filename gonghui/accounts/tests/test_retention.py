from datetime import timedelta

import pytest
from django.utils import timezone

from gonghui.accounts.sms_models import SmsCode
from gonghui.core.retention_sweep import sweep

pytestmark = pytest.mark.django_db


def _code(phone_index: str, days_ago: float, active: bool = False) -> SmsCode:
    at = timezone.now() - timedelta(days=days_ago)
    return SmsCode.objects.create(phone_index=phone_index, phone_masked="138****0000", purpose="portal_login",
                                  code_hash="h", created_at=at, expires_at=at + timedelta(minutes=5), active=active)


def test_sms_codes_are_purged_past_their_period_and_nothing_newer():
    _code("old", 7 + 1 / 24)
    _code("old-never-used", 30, active=True)
    _code("boundary", 7 - 1 / 24)
    _code("today", 0, active=True)
    (run,) = sweep(only="sms_codes")
    assert run.applied.count == 2
    assert set(SmsCode.objects.values_list("phone_index", flat=True)) == {"boundary", "today"}
    assert sweep(only="sms_codes")[0].applied.count == 0
