import datetime
import re

import pyotp
import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from gonghui.accounts.login import api_token_issue, api_token_user, totp_begin_enrolment, totp_confirm_enrolment
from gonghui.accounts.models import ApiToken, User
from gonghui.api.conftest import ApiClient
from gonghui.core.audit_models import AuditEntry
from gonghui.testing.world import PASSWORD, make_credit_code

pytestmark = pytest.mark.django_db


def issue(anonymous, username, password=PASSWORD, **extra):
    return anonymous.post("/auth/token", {"username": username, "password": password, **extra})


def enrol_totp(user: User) -> pyotp.TOTP:
    secret = totp_begin_enrolment(user=user)
    totp = pyotp.TOTP(secret)
    totp_confirm_enrolment(user=user, code=totp.now())
    return totp


def next_code(totp: pyotp.TOTP) -> str:
    # The current step's code was spent by the enrolment; a code is accepted once.
    return totp.at(timezone.now() + datetime.timedelta(seconds=30))


def test_it_issues_a_token_that_works_as_a_bearer(world, anonymous):
    response = issue(anonymous, "province_officer", label="report script")
    assert response.status_code == 201
    body = response.json()
    assert body["token"].startswith("gh_")
    assert api_token_user(body["token"]) == world.province_officer
    assert ApiToken.objects.get(user=world.province_officer).label == "report script"
    assert ApiClient(body["token"]).get("/me").json()["username"] == "province_officer"
    login = AuditEntry.objects.filter(action="auth.login", actor_id=world.province_officer.pk).last()
    assert login.detail == {"channel": "api"}


def test_it_refuses_a_wrong_password_with_the_login_error(world, anonymous):
    response = issue(anonymous, "province_officer", "wrong-Password1")
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "login_refused"
    assert "用户名或密码错误" in body["message_zh"]
    assert not ApiToken.objects.exists()


def test_it_refuses_an_unknown_user_exactly_like_a_wrong_password(world, anonymous):
    unknown = issue(anonymous, "nobody-here", "wrong-Password1").json()
    wrong = issue(anonymous, "province_officer", "wrong-Password1").json()
    assert unknown == wrong


def test_the_lockout_answers_an_unknown_user_exactly_like_an_account(world, anonymous):
    for _ in range(settings.GONGHUI_LOCKOUT_THRESHOLD + 1):
        unknown = issue(anonymous, "nobody-here", "wrong-Password1")
        known = issue(anonymous, "province_officer", "wrong-Password1")
        assert (unknown.status_code, unknown.json()) == (known.status_code, known.json())
    assert known.json()["code"] == "locked"


def test_a_reset_revokes_the_token_and_its_secret_opens_no_api_token(world, anonymous):
    from gonghui.accounts.resets import reset_request

    raw = issue(anonymous, "county_clerk").json()["token"]
    _reset, secret = reset_request(actor=world.sysadmin, user=world.county_clerk, reason="忘记密码")
    assert ApiClient(raw).get("/me").status_code == 401
    assert issue(anonymous, "county_clerk", secret).status_code == 401


def test_it_refuses_a_locked_account_even_with_the_right_password(world, anonymous):
    for _ in range(settings.GONGHUI_LOCKOUT_THRESHOLD):
        issue(anonymous, "county_clerk", "wrong-Password1")
    response = issue(anonymous, "county_clerk")
    assert response.status_code == 401
    assert response.json()["code"] == "locked"
    assert "锁定" in response.json()["message_zh"]


def test_it_asks_a_totp_user_for_the_code(world, anonymous):
    enrol_totp(world.secadmin)
    response = issue(anonymous, "secadmin")
    assert response.status_code == 401
    assert response.json()["code"] == "totp_required"
    assert response.json()["field"] == "totp"


def test_it_issues_a_token_with_a_good_totp_code(world, anonymous):
    totp = enrol_totp(world.secadmin)
    response = issue(anonymous, "secadmin", totp=next_code(totp))
    assert response.status_code == 201


def test_it_refuses_a_wrong_totp_code(world, anonymous):
    enrol_totp(world.secadmin)
    response = issue(anonymous, "secadmin", totp="000000")
    assert response.status_code == 401
    assert response.json()["code"] == "totp"


def test_it_sends_a_role_that_needs_totp_to_the_console_to_enrol_first(world, anonymous):
    response = issue(anonymous, "sysadmin")
    assert response.status_code == 401
    assert response.json()["code"] == "totp_enrolment_required"
    assert "控制台" in response.json()["message_zh"]


def test_it_refuses_a_token_while_the_password_must_be_changed(world, anonymous):
    User.objects.filter(pk=world.county_clerk.pk).update(must_change_password=True)
    response = issue(anonymous, "county_clerk")
    assert response.status_code == 401
    assert response.json()["code"] == "password_change_required"
    assert not ApiToken.objects.exists()


def test_it_validates_the_token_request(world, anonymous):
    response = anonymous.post("/auth/token", {"username": "province_officer"})
    assert response.status_code == 422
    assert response.json()["field"] == "password"


def test_me_shows_the_callers_org_roles_and_permissions(world, api_as):
    body = api_as("county_clerk").get("/me").json()
    assert body["username"] == "county_clerk"
    assert body["org"] == {"id": world.county.pk, "name": world.county.name}
    assert body["roles"] == [{"code": "clerk", "label": "业务经办", "org": {"id": world.county.pk,
                                                                         "name": world.county.name}}]
    assert body["permissions"] == sorted(world.county_clerk.permissions())
    assert {"org.view", "employer.edit"} <= set(body["permissions"])
    assert "org.edit" not in body["permissions"]


def test_a_bad_bearer_token_is_refused_without_falling_back_to_the_session(world):
    client = Client()
    client.force_login(world.province_officer)
    response = ApiClient("gh_not-a-token", client=client).get("/me")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_expired_or_revoked_token_is_refused(world):
    token, raw = api_token_issue(user=world.province_officer)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert ApiClient(raw).get("/me").status_code == 401
    token, raw = api_token_issue(user=world.province_officer)
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert ApiClient(raw).get("/me").status_code == 401


def test_a_disabled_account_loses_its_tokens(world):
    _token, raw = api_token_issue(user=world.province_officer)
    User.objects.filter(pk=world.province_officer.pk).update(is_active=False)
    assert ApiClient(raw).get("/me").status_code == 401


def test_the_console_session_reads_without_a_token(world):
    client = Client()
    client.force_login(world.county_admin)
    assert ApiClient(client=client).get("/me").json()["username"] == "county_admin"


def test_a_session_write_needs_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.county_admin)
    api = ApiClient(client=client)
    data = {"union_id": world.county.pk, "credit_code": make_credit_code(), "name": "甲公司", "industry": "C",
            "ownership": "private"}
    refused = api.post("/employers", data)
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"
    # Swagger UI sends the token the docs page carries, as the console's own pages do.
    page = client.get("/api/v1/docs").content.decode()
    api.headers["X-CSRFToken"] = re.search(r'data-csrf-token="([^"]+)"', page).group(1)
    assert api.post("/employers", data).status_code == 201


def test_writes_record_the_callers_address_in_the_audit_log(world, api_as):
    api = api_as("county_admin", REMOTE_ADDR="10.1.2.3")
    response = api.post("/orgs", {"parent_id": world.county.pk, "name": "新建街道工会", "kind": "township", "level": 5})
    assert response.status_code == 201
    entry = AuditEntry.objects.filter(action="org.create").order_by("-id").first()
    assert (entry.actor_id, entry.ip) == (world.county_admin.pk, "10.1.2.3")
