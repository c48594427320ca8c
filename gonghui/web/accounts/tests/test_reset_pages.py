"""The password reset pages and the console pages a role may not open (issue #10, findings 3 and 10)."""

import re

import pyotp
import pytest
from django.test import Client

from gonghui.accounts.models import PasswordReset, User
from gonghui.accounts.roles import RoleCode
from gonghui.accounts.workflow import ResetStatus
from gonghui.testing.world import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(world):
    """One cadre per role that has no business with accounts or the audit log."""
    return {
        "province": world.province_officer,
        "county": world.county_clerk,
        "hotline": make_user("hotline", world.province, RoleCode.HOTLINE_AGENT),
        "lawyer": make_user("lawyer", world.county, RoleCode.LAWYER),
        "reviewer": make_user("reviewer", world.county, RoleCode.REVIEWER),
        "stats": make_user("stats", world.province, RoleCode.STATS_VIEWER),
    }


@pytest.mark.parametrize("persona", ["province", "county", "hotline", "lawyer", "reviewer", "stats"])
def test_account_and_audit_pages_refuse_roles_with_no_business_there(client, world, roles, persona):
    client.force_login(roles[persona])
    for url in ("/audit/", "/users/new/", "/users/", f"/users/{world.county_clerk.pk}/", "/password-resets/"):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize(("persona", "url"), [
    ("hotline", "/members/"), ("lawyer", "/members/applications/"), ("stats", "/members/transfers/"),
    ("hotline", "/members/roster/template.xlsx"),
])
def test_member_pages_refuse_roles_without_the_permission(client, world, roles, persona, url):
    client.force_login(roles[persona])
    assert client.get(url).status_code == 403


def test_an_account_without_any_role_opens_no_list(client, world):
    client.force_login(world.no_grants)
    for url in ("/orgs/", "/employers/", "/members/", "/users/", "/audit/"):
        assert client.get(url).status_code == 403, url


def login_with_totp(client: Client, username: str) -> Client:
    User.objects.filter(username=username).update(totp_confirmed=False)
    client.force_login(User.objects.get(username=username))
    return client


def test_the_reset_form_asks_for_a_reason_not_a_password(world):
    client = login_with_totp(Client(), "sysadmin")
    page = client.get(f"/users/{world.county_clerk.pk}/").content.decode()
    form = page[page.index('/password-reset/"'):]
    form = form[:form.index("</form>")]
    assert 'name="reason"' in form and 'type="password"' not in form


def test_a_reset_shows_a_temporary_password_once_and_the_owner_must_bind_totp_and_change_it(world):
    admin = login_with_totp(Client(), "sysadmin")
    response = admin.post(f"/users/{world.county_clerk.pk}/password-reset/", {"reason": "本人来电称忘记密码"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    secret = re.search(r'data-testid="reset-secret">([^<]+)<', response.content.decode()).group(1).strip()
    assert secret not in str(dict(admin.session))
    owner = Client()
    response = owner.post("/login/", {"username": "county_clerk", "password": secret})
    assert response["Location"] == "/login/totp/enrol/"
    assert owner.get("/members/").status_code == 302  # nothing before TOTP and a new password
    owner.get("/login/totp/enrol/")
    user = User.objects.get(username="county_clerk")
    response = owner.post("/login/totp/enrol/", {"code": pyotp.TOTP(user.totp_secret).now()})
    assert response["Location"] == "/account/password/"
    assert owner.get("/members/")["Location"] == "/account/password/"
    page = owner.get("/account/password/").content.decode()
    assert 'name="old_password"' not in page
    response = owner.post("/account/password/", {"new_password": "Mine#Pass123", "confirm": "Mine#Pass123"})
    assert response["Location"] == "/"
    assert owner.get("/members/").status_code == 200
    assert PasswordReset.objects.get(user=user).status == ResetStatus.COMPLETED
    assert Client().post("/login/", {"username": "county_clerk", "password": secret}).status_code == 200


def test_a_privileged_reset_waits_for_the_security_administrators_approval(world):
    sysadmin = login_with_totp(Client(), "sysadmin")
    response = sysadmin.post(f"/users/{world.auditor.pk}/password-reset/", {"reason": "本人申请"})
    reset = PasswordReset.objects.get(user=world.auditor)
    assert response["Location"] == f"/password-resets/{reset.pk}/" and reset.status == ResetStatus.PENDING
    sysadmin.post(f"/password-resets/{reset.pk}/approve/")
    assert PasswordReset.objects.get(pk=reset.pk).status == ResetStatus.PENDING
    assert "data-testid=\"reset-secret\"" not in sysadmin.post(f"/password-resets/{reset.pk}/issue/",
                                                                follow=True).content.decode()
    secadmin = login_with_totp(Client(), "secadmin")
    listing = secadmin.get("/password-resets/").content.decode()
    assert "auditor" in listing and "本人申请" in listing and "sysadmin" in listing
    secadmin.post(f"/password-resets/{reset.pk}/approve/", {"note": "已电话核实"})
    assert PasswordReset.objects.get(pk=reset.pk).status == ResetStatus.APPROVED
    response = sysadmin.post(f"/password-resets/{reset.pk}/issue/")
    assert 'data-testid="reset-secret"' in response.content.decode()
    again = sysadmin.post(f"/password-resets/{reset.pk}/issue/", follow=True).content.decode()
    assert 'data-testid="reset-secret"' not in again


def test_a_password_change_ends_the_accounts_other_sessions(world):
    here, elsewhere = Client(), Client()
    for client in (here, elsewhere):
        assert client.post("/login/", {"username": "county_clerk", "password": PASSWORD}).status_code == 302
    here.post("/account/password/", {"old_password": PASSWORD, "new_password": "Mine#Pass123",
                                      "confirm": "Mine#Pass123"})
    assert here.get("/members/").status_code == 200
    assert elsewhere.get("/members/")["Location"].startswith("/login/")


def test_a_reset_ends_the_accounts_sessions(world):
    owner = Client()
    owner.post("/login/", {"username": "county_clerk", "password": PASSWORD})
    login_with_totp(Client(), "sysadmin").post(f"/users/{world.county_clerk.pk}/password-reset/",
                                               {"reason": "疑似被盗用"})
    assert owner.get("/members/")["Location"].startswith("/login/")
