"""Several root unions in one deployment: how its security administrator comes to grant on every root
(docs/decisions.md, "A deployment with several roots: its security administrator grants on every root")."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gonghui.accounts.models import Grant, User
from gonghui.accounts.roles import RoleCode
from gonghui.accounts.services import grant_create
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.choices import Level, UnionKind
from gonghui.orgs.scope import SystemActor, covers_all_roots, scope_for
from gonghui.orgs.services import union_create, union_create_root
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db

SYSTEM = SystemActor("tests")


def second_root(name: str = "某产业工会"):
    return union_create_root(actor=SYSTEM, name=name, kind=UnionKind.FEDERATION, level=Level.NATIONAL)


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


@pytest.fixture
def second(world):
    return second_root()


@pytest.fixture
def deployment_secadmin(world, second):
    """The national tier's security administrator, granted on every root by the operator's command."""
    user = make_user("deploy_sec", world.national, RoleCode.SECADMIN)
    call_command("grant_all_roots", "deploy_sec")
    return fresh(user)


def test_the_operator_grants_the_security_administrator_on_every_root(world, deployment_secadmin):
    assert covers_all_roots(scope_for(deployment_secadmin, Perm.GRANT_MANAGE))
    entry = AuditEntry.objects.filter(action="grant.create").latest("id")
    assert entry.actor_label == "grant_all_roots" and entry.detail["role"] == RoleCode.SECADMIN
    call_command("grant_all_roots", "deploy_sec")  # run again: nothing to add, nothing refused
    assert Grant.objects.active().filter(user=deployment_secadmin).count() == 2


def test_the_command_keeps_the_separation_of_duties(world, second):
    with pytest.raises(CommandError, match="三员分立"):
        call_command("grant_all_roots", "national_admin")


def test_the_deployment_security_administrator_grants_a_second_root_and_it_covers_the_deployment(
        world, second, deployment_secadmin):
    admin = world.national_admin
    assert not covers_all_roots(scope_for(admin, Perm.CONTRACT_MANAGE))
    grant = grant_create(actor=deployment_secadmin, user=admin, role=RoleCode.UNION_ADMIN, org=second)
    entry = AuditEntry.objects.get(action="grant.create", object_id=str(grant.pk))
    assert entry.org_path == second.path and entry.actor_label == "deploy_sec"
    over_both = fresh(admin)
    # The root-only actions themselves (contract kinds, work-report templates) are tested in their apps.
    assert all(covers_all_roots(scope_for(over_both, perm))
               for perm in (Perm.CONTRACT_MANAGE, Perm.REPORT_WRITE, Perm.DEMOCRACY_MANAGE))


def test_below_a_root_the_lineage_rule_holds_even_for_the_deployment(world, second, deployment_secadmin):
    city = union_create(actor=SYSTEM, parent=second, name="某产业工会某市委员会", kind=UnionKind.INDUSTRIAL,
                        level=Level.CITY)
    with pytest.raises(ValidationFailed) as exc:
        grant_create(actor=deployment_secadmin, user=world.national_admin, role=RoleCode.UNION_ADMIN, org=city)
    assert exc.value.field == "org"


def test_a_security_administrator_over_one_root_cannot_grant_on_another(world, second):
    national_sec = make_user("national_sec", world.national, RoleCode.SECADMIN)
    for actor in (national_sec, world.secadmin):
        with pytest.raises(NotFound):
            grant_create(actor=actor, user=world.national_admin, role=RoleCode.UNION_ADMIN, org=second)
    # Over two roots of three is not the whole deployment: the lineage rule names the field.
    grant_create(actor=SYSTEM, user=national_sec, role=RoleCode.SECADMIN, org=second)
    second_root("另一产业工会")
    with pytest.raises(ValidationFailed) as exc:
        grant_create(actor=fresh(national_sec), user=world.national_admin, role=RoleCode.UNION_ADMIN, org=second)
    assert exc.value.field == "org"
    assert not Grant.objects.filter(user=world.national_admin, org=second).exists()

