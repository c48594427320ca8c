"""Password resets: a one-time secret the administrator never chooses, a second person for privileged
accounts, and nothing of the old credentials surviving (issue #10, finding 3)."""

import datetime
import inspect

import pyotp
import pytest
from django.utils import timezone

from gonghui.accounts import resets
from gonghui.accounts.errors import LoginRefused
from gonghui.accounts.login import api_token_issue, api_token_user, login_password, totp_confirm_enrolment
from gonghui.accounts.models import PasswordReset, User
from gonghui.accounts.resets import reset_approve, reset_complete, reset_issue, reset_refuse, reset_request
from gonghui.accounts.roles import ROLES, RoleCode, is_privileged
from gonghui.accounts.workflow import ResetStatus
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import NotFound, PermissionDenied, ValidationFailed
from gonghui.testing.world import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def second_secadmin(world) -> User:
    return make_user("secadmin2", world.national, RoleCode.SECADMIN)


def enrol_and_complete(user: User, new_password: str = "Mine#Pass123") -> None:  # noqa: S107
    user.refresh_from_db()
    user.totp_secret = pyotp.random_base32()
    user.save(update_fields=["totp_secret"])
    totp_confirm_enrolment(user=user, code=pyotp.TOTP(user.totp_secret).now())
    reset_complete(user=user, new_password=new_password)


def test_no_reset_service_takes_a_password_from_the_administrator():
    for name, fn in inspect.getmembers(resets, inspect.isfunction):
        if name.startswith("reset_") and name not in ("reset_complete", "reset_redeem"):
            assert "password" not in inspect.signature(fn).parameters, name


def test_an_ordinary_account_gets_a_random_one_time_password_stored_only_as_a_hash(world):
    reset, secret = reset_request(actor=world.sysadmin, user=world.county_clerk, reason="本人来电称忘记密码")
    assert secret is not None and len(secret.replace("-", "")) == 16
    assert reset.status == ResetStatus.ISSUED and secret not in reset.secret_hash
    _r2, secret2 = reset_request(actor=world.sysadmin, user=world.no_grants, reason="忘记密码")
    assert secret2 != secret
    assert not AuditEntry.objects.filter(detail__icontains=secret.replace("-", "")).exists()


def test_the_old_password_stops_working_and_the_secret_works_once_and_only_in_the_console(world):
    _reset, secret = reset_request(actor=world.sysadmin, user=world.county_clerk, reason="忘记密码")
    with pytest.raises(LoginRefused):
        login_password(username="county_clerk", password=PASSWORD, allow_reset=True)
    with pytest.raises(LoginRefused):
        login_password(username="county_clerk", password=secret)  # the API never accepts it
    user = login_password(username="county_clerk", password=secret, allow_reset=True)
    assert user.redeemed_reset.status == ResetStatus.REDEEMED
    assert user.must_change_password and user.totp_required and not user.totp_confirmed
    with pytest.raises(LoginRefused):
        login_password(username="county_clerk", password=secret, allow_reset=True)


def test_the_owner_binds_totp_before_setting_the_new_password(world):
    _reset, secret = reset_request(actor=world.sysadmin, user=world.county_clerk, reason="忘记密码")
    user = login_password(username="county_clerk", password=secret, allow_reset=True)
    with pytest.raises(ValidationFailed) as exc:
        reset_complete(user=user, new_password="Mine#Pass123")
    assert exc.value.code == "totp_required"
    enrol_and_complete(user)
    user.refresh_from_db()
    assert not user.must_change_password and user.totp_confirmed and user.check_password("Mine#Pass123")
    assert PasswordReset.objects.get(user=user).status == ResetStatus.COMPLETED


def test_a_reset_revokes_the_accounts_api_tokens(world):
    _token, raw = api_token_issue(user=world.county_clerk)
    _reset, secret = reset_request(actor=world.sysadmin, user=world.county_clerk, reason="忘记密码")
    user = login_password(username="county_clerk", password=secret, allow_reset=True)
    enrol_and_complete(user)
    assert api_token_user(raw) is None


def test_an_expired_secret_does_not_open_the_account(world):
    reset, secret = reset_request(actor=world.sysadmin, user=world.county_clerk, reason="忘记密码")
    PasswordReset.objects.filter(pk=reset.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.raises(LoginRefused):
        login_password(username="county_clerk", password=secret, allow_reset=True)
    assert PasswordReset.objects.get(pk=reset.pk).status == ResetStatus.EXPIRED


def test_the_privileged_roles_come_from_the_role_table():
    privileged = {code for code in ROLES if is_privileged([code])}
    assert {RoleCode.SYSADMIN, RoleCode.SECADMIN, RoleCode.AUDITOR, RoleCode.UNION_ADMIN} <= privileged
    assert RoleCode.HOTLINE_AGENT not in privileged and RoleCode.STATS_VIEWER not in privileged


@pytest.mark.parametrize("target", ["auditor", "secadmin", "province_officer"])
def test_the_system_administrator_alone_gets_no_password_of_a_privileged_account(world, target):
    account = getattr(world, target)
    reset, secret = reset_request(actor=world.sysadmin, user=account, reason="本人申请")
    assert secret is None and reset.status == ResetStatus.PENDING
    with pytest.raises(ValidationFailed) as exc:
        reset_issue(actor=world.sysadmin, reset=reset)
    assert exc.value.code == "bad_transition"
    with pytest.raises((PermissionDenied, NotFound)):
        reset_approve(actor=world.sysadmin, reset=reset)
    account.refresh_from_db()
    assert account.check_password(PASSWORD)  # nothing changed until a second person approves


def test_a_privileged_reset_takes_effect_after_the_security_administrators_approval(world):
    reset, _none = reset_request(actor=world.sysadmin, user=world.auditor, reason="本人申请")
    reset_approve(actor=world.secadmin, reset=reset, note="已电话核实")
    _reset, secret = reset_issue(actor=world.sysadmin, reset=reset)
    user = login_password(username="auditor", password=secret, allow_reset=True)
    assert user == world.auditor
    with pytest.raises(ValidationFailed):
        reset_issue(actor=world.sysadmin, reset=reset)  # shown once


def test_only_the_requester_collects_the_secret(world):
    other_sysadmin = make_user("sysadmin2", world.province, RoleCode.SYSADMIN)
    reset, _none = reset_request(actor=world.sysadmin, user=world.auditor, reason="本人申请")
    reset_approve(actor=world.secadmin, reset=reset)
    with pytest.raises(PermissionDenied):
        reset_issue(actor=other_sysadmin, reset=reset)
    with pytest.raises(PermissionDenied):
        reset_issue(actor=world.secadmin, reset=reset)


def test_nobody_approves_a_reset_of_their_own_account(world):
    reset, _none = reset_request(actor=world.sysadmin, user=world.secadmin, reason="本人申请")
    with pytest.raises(PermissionDenied):
        reset_approve(actor=world.secadmin, reset=reset)
    reset_approve(actor=second_secadmin(world), reset=reset)
    assert reset.status == ResetStatus.APPROVED


def test_a_requester_never_approves_their_own_request(world):
    # A system actor may request; a security administrator cannot both request and approve, and a
    # system administrator cannot approve at all.
    reset, _none = reset_request(actor=world.sysadmin, user=world.auditor, reason="本人申请")
    PasswordReset.objects.filter(pk=reset.pk).update(requested_by=world.secadmin)
    reset.requested_by_id = world.secadmin.pk
    with pytest.raises(PermissionDenied):
        reset_approve(actor=world.secadmin, reset=reset)


def test_a_refused_reset_changes_nothing_and_frees_the_account_for_another_request(world):
    reset, _none = reset_request(actor=world.sysadmin, user=world.auditor, reason="本人申请")
    with pytest.raises(ValidationFailed) as exc:
        reset_request(actor=world.sysadmin, user=world.auditor, reason="再次申请")
    assert exc.value.code == "duplicate"
    reset_refuse(actor=world.secadmin, reset=reset, note="未能核实本人")
    assert reset_request(actor=world.sysadmin, user=world.auditor, reason="再次申请")[0].status == "pending"


def test_an_administrator_cannot_reset_their_own_password(world):
    with pytest.raises(PermissionDenied):
        reset_request(actor=world.sysadmin, user=world.sysadmin, reason="忘记密码")


def test_the_security_administrator_cannot_request_a_reset(world):
    with pytest.raises(PermissionDenied):
        reset_request(actor=world.secadmin, user=world.county_clerk, reason="忘记密码")


def test_a_reason_is_required(world):
    with pytest.raises(ValidationFailed) as exc:
        reset_request(actor=world.sysadmin, user=world.county_clerk, reason="  ")
    assert exc.value.field == "reason"
