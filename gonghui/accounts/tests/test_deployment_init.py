"""A fresh deployment's first step: the root union and its three administrators, from an empty database
(docs/deploy.md, "Bringing it up")."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gonghui.accounts.models import Grant, User
from gonghui.accounts.roles import RoleCode
from gonghui.core.audit_models import AuditEntry
from gonghui.orgs.choices import Level
from gonghui.orgs.models import Region, TradeUnion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def guangdong():
    # `regions_load` comes before it on a real deployment (docs/deploy.md); the one code it needs here.
    Region.objects.create(adcode="440000", name="广东省", level=Region.RegionLevel.PROVINCE, dataset="tests")


def init(*args: str) -> str:
    out = io.StringIO()
    call_command("deployment_init", "--root-name", "广东省总工会", "--region", "440000", *args, stdout=out)
    return out.getvalue()


def test_an_empty_database_gets_its_root_and_three_administrators_with_one_time_passwords():
    printed = init("--secadmin", "gd_sec")
    root = TradeUnion.objects.get(parent__isnull=True)
    assert (root.name, root.level, root.region_id) == ("广东省总工会", Level.PROVINCE, "440000")
    accounts = {}
    for line in printed.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in {"sysadmin", "gd_sec", "auditor"}:
            accounts[parts[1]] = parts[2]
    assert set(accounts) == {"sysadmin", "gd_sec", "auditor"}
    roles = {"sysadmin": RoleCode.SYSADMIN, "gd_sec": RoleCode.SECADMIN, "auditor": RoleCode.AUDITOR}
    for username, password in accounts.items():
        user = User.objects.get(username=username)
        assert user.check_password(password) and user.must_change_password  # changed at the first sign-in
        assert list(Grant.objects.active().filter(user=user).values_list("role", "org_id")) == \
            [(roles[username], root.pk)]
    assert len(set(accounts.values())) == 3
    assert AuditEntry.objects.filter(action="user.create").count() == 3
    assert AuditEntry.objects.filter(action="org.create", org_path=root.path).exists()


def test_it_refuses_a_database_that_already_has_accounts(world):
    with pytest.raises(CommandError, match="already has accounts"):
        init()
    assert TradeUnion.objects.filter(parent__isnull=True).count() == 1  # the world's own root only


def test_a_bad_region_leaves_nothing_behind():
    with pytest.raises(CommandError, match="region"):
        call_command("deployment_init", "--root-name", "某省总工会", "--region", "999999", stdout=io.StringIO())
    assert not TradeUnion.objects.exists() and not User.objects.exists()


def test_a_bad_username_leaves_nothing_behind():
    with pytest.raises(CommandError, match="username"):
        init("--auditor", "审计 员")
    assert not TradeUnion.objects.exists() and not User.objects.exists()
