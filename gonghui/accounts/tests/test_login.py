import datetime

import pyotp
import pytest
from django.utils import timezone

from gonghui.accounts.errors import LoginRefused
from gonghui.accounts.login import (
    api_token_issue,
    api_token_user,
    login_password,
    login_succeeded,
    totp_begin_enrolment,
    totp_confirm_enrolment,
    totp_verify,
)
from gonghui.accounts.models import User
from gonghui.core.audit_models import AuditEntry
from gonghui.testing.world import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_good_password_logs_in_and_is_audited(world):
    user = login_password(username="county_admin", password=PASSWORD, ip="10.0.0.8")
    assert user == world.county_admin
    login_succeeded(user=user, ip="10.0.0.8")
    entry = AuditEntry.objects.filter(action="auth.login", outcome="ok").latest("id")
    assert (entry.actor_label, entry.ip) == ("county_admin", "10.0.0.8")


def test_five_wrong_passwords_lock_the_account_for_thirty_minutes(world):
    for _ in range(4):
        with pytest.raises(LoginRefused) as exc:
            login_password(username="county_admin", password="wrong")
        assert exc.value.code == "login_refused"
    with pytest.raises(LoginRefused) as exc:
        login_password(username="county_admin", password="wrong")
    assert exc.value.code == "locked"
    assert "30分钟" in str(exc.value)
    with pytest.raises(LoginRefused) as exc:
        login_password(username="county_admin", password=PASSWORD)
    assert exc.value.code == "locked"
    user = User.objects.get(username="county_admin")
    assert user.locked_until - timezone.now() > datetime.timedelta(minutes=29)


def test_the_lock_ends_by_itself(world):
    User.objects.filter(pk=world.county_admin.pk).update(locked_until=timezone.now() - datetime.timedelta(seconds=1))
    assert login_password(username="county_admin", password=PASSWORD) == world.county_admin


def test_an_unknown_name_gets_the_same_answer_as_a_wrong_password(world):
    with pytest.raises(LoginRefused) as unknown:
        login_password(username="nobody", password="x")
    with pytest.raises(LoginRefused) as wrong:
        login_password(username="county_admin", password="x")
    assert str(unknown.value) == str(wrong.value)
    assert AuditEntry.objects.filter(action="auth.login", outcome="failed", object_label="nobody").exists()


def test_a_disabled_account_cannot_log_in(world):
    User.objects.filter(pk=world.county_admin.pk).update(is_active=False)
    with pytest.raises(LoginRefused):
        login_password(username="county_admin", password=PASSWORD)


def test_roles_that_manage_others_require_totp(world):
    assert world.sysadmin.totp_required and world.secadmin.totp_required
    assert not world.county_admin.totp_required


def test_a_totp_code_works_once(world):
    user = world.sysadmin
    secret = totp_begin_enrolment(user=user)
    totp_confirm_enrolment(user=user, code=pyotp.TOTP(secret).now())
    user.refresh_from_db()
    assert user.totp_confirmed
    with pytest.raises(LoginRefused) as exc:
        totp_verify(user=user, code=pyotp.TOTP(secret).now())
    assert exc.value.code == "totp"


def test_an_expired_password_must_be_changed(world):
    old = timezone.now() - datetime.timedelta(days=91)
    User.objects.filter(pk=world.county_admin.pk).update(password_changed_at=old)
    user = User.objects.get(pk=world.county_admin.pk)
    assert login_succeeded(user=user) is True


def test_api_tokens_are_stored_hashed_and_expire(world):
    token, raw = api_token_issue(user=world.county_admin)
    assert raw not in token.key_hash
    assert api_token_user(raw) == world.county_admin
    type(token).objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert api_token_user(raw) is None


def _answers(username: str, attempts: int) -> list[tuple[str, int, str]]:
    answers = []
    for _ in range(attempts):
        with pytest.raises(LoginRefused) as exc:
            login_password(username=username, password="wrong")
        answers.append((exc.value.code, exc.value.status, str(exc.value)))
    return answers


@pytest.mark.parametrize("unknown", ["nobody", "disabled"])
def test_the_lockout_answers_an_unknown_or_disabled_name_exactly_like_an_account(world, unknown):
    if unknown == "disabled":
        User.objects.filter(pk=world.county_clerk.pk).update(is_active=False)
        unknown = "county_clerk"
    known = _answers("county_admin", 7)
    assert _answers(unknown, 7) == known
    assert known[4][0] == "locked"


def test_an_unknown_names_lock_ends_by_itself(world, settings):
    from gonghui.accounts.models import LoginThrottle

    _answers("nobody", settings.GONGHUI_LOCKOUT_THRESHOLD)
    LoginThrottle.objects.update(locked_until=timezone.now() - datetime.timedelta(seconds=1))
    assert _answers("nobody", 1)[0][0] == "login_refused"
    assert not LoginThrottle.objects.filter(name_key__contains="nobody").exists()  # only a keyed hash
