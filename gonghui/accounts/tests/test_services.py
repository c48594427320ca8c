import pytest

from gonghui.accounts.errors import LoginRefused
from gonghui.accounts.login import login_password
from gonghui.accounts.roles import RoleCode
from gonghui.accounts.services import (
    grant_create,
    grant_revoke,
    password_change,
    user_create,
    user_set_active,
    user_unlock,
)
from gonghui.core.errors import NotFound, PermissionDenied, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.testing.world import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_the_system_administrator_creates_accounts_but_cannot_grant(world):
    user = user_create(actor=world.sysadmin, username="new.clerk", full_name="新干部", org=world.county,
                       password="Strong#Pass1")
    assert user.must_change_password
    with pytest.raises(PermissionDenied):
        grant_create(actor=world.sysadmin, user=user, role=RoleCode.CLERK, org=world.county)


def test_an_account_made_without_a_password_cannot_sign_in_until_one_is_set(world):
    user = user_create(actor=world.sysadmin, username="named.cadre", full_name="周刚", org=world.county,
                       password=None)
    assert not user.has_usable_password() and not user.check_password("")
    with pytest.raises(LoginRefused):
        login_password(username="named.cadre", password="anything-at-all")


def test_the_security_administrator_grants_but_cannot_create_accounts(world):
    with pytest.raises(PermissionDenied):
        user_create(actor=world.secadmin, username="x", full_name="x", org=world.county, password="Strong#Pass1")
    user = make_user("plain", world.county)
    grant = grant_create(actor=world.secadmin, user=user, role=RoleCode.CLERK, org=world.county)
    assert scope_for(user, Perm.ORG_VIEW).covers(world.grassroots.path)
    grant_revoke(actor=world.secadmin, grant=grant)
    user.forget_grants()
    assert scope_for(user, Perm.ORG_VIEW).is_empty


def test_the_three_administrators_hold_no_other_role(world):
    with pytest.raises(ValidationFailed) as exc:
        grant_create(actor=world.secadmin, user=world.auditor, role=RoleCode.UNION_ADMIN, org=world.county)
    assert exc.value.code == "separation_of_duties"
    with pytest.raises(ValidationFailed):
        grant_create(actor=world.secadmin, user=world.county_admin, role=RoleCode.AUDITOR, org=world.county)


def test_nobody_grants_to_themselves(world):
    with pytest.raises(PermissionDenied):
        grant_create(actor=world.secadmin, user=world.secadmin, role=RoleCode.CLERK, org=world.province)


def test_a_grant_outside_the_security_administrators_scope_is_not_found(world):
    user = make_user("gz", world.other_city)
    with pytest.raises(NotFound):
        grant_create(actor=world.secadmin, user=user, role=RoleCode.CLERK, org=world.other_city)


def test_weak_passwords_are_refused_with_the_reason(world):
    with pytest.raises(ValidationFailed) as exc:
        user_create(actor=world.sysadmin, username="weak", full_name="弱", org=world.county, password="abcdefgh")
    assert exc.value.field == "password"
    assert "三类" in str(exc.value)


def test_a_password_change_revokes_the_accounts_api_tokens(world):
    from gonghui.accounts.login import api_token_issue, api_token_user

    _token, raw = api_token_issue(user=world.county_clerk)
    password_change(user=world.county_clerk, old_password=PASSWORD, new_password="Mine#Pass123")
    assert api_token_user(raw) is None


def test_password_change_needs_the_old_password(world):
    with pytest.raises(ValidationFailed) as exc:
        password_change(user=world.county_clerk, old_password="bad", new_password="Mine#Pass123")
    assert exc.value.field == "old_password"
    with pytest.raises(ValidationFailed) as exc:
        password_change(user=world.county_clerk, old_password=PASSWORD, new_password=PASSWORD)
    assert exc.value.field == "new_password"


def test_unlocking_is_the_security_administrators_work(world):
    with pytest.raises(PermissionDenied):
        user_unlock(actor=world.sysadmin, user=world.county_clerk)
    user_unlock(actor=world.secadmin, user=world.county_clerk)


def test_disabling_an_account_revokes_its_tokens(world):
    from gonghui.accounts.login import api_token_issue, api_token_user

    _token, raw = api_token_issue(user=world.county_clerk)
    user_set_active(actor=world.sysadmin, user=world.county_clerk, active=False)
    assert api_token_user(raw) is None
