import pytest

from gonghui.contracts.models import ContractKind
from gonghui.contracts.selectors import kinds, lowest_wage_check, may_add_kinds, minimum_wage_for
from gonghui.contracts.services import contract_kind_add, contract_kind_set_active, minimum_wage_set
from gonghui.contracts.tests.conftest import D, drafted, kind, offer
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import NotFound, PermissionDenied, ValidationFailed
from gonghui.core.periodic import periodic_jobs
from gonghui.core.permissions import Perm
from gonghui.orgs.models import Region, TradeUnion
from gonghui.orgs.scope import scope_for

pytestmark = pytest.mark.django_db


def test_the_migration_seeds_the_four_kinds_and_the_codebook():
    assert list(ContractKind.objects.values_list("name", flat=True)) == [
        "综合性", "工资专项", "女职工权益保护专项", "劳动安全卫生专项"]
    assert ContractKind.objects.get(is_wage=True).code == "wage"


def test_only_the_root_adds_a_kind_and_a_name_is_taken_once(world):
    with pytest.raises((PermissionDenied, NotFound)):
        contract_kind_add(actor=world.grassroots_clerk, name="行业工资专项")
    kind = contract_kind_add(actor=world.national_admin, name="行业工资专项", code="industry-wage", is_wage=True)
    assert (kind.code, kind.is_wage) == ("industry-wage", True)
    with pytest.raises(ValidationFailed) as err:
        contract_kind_add(actor=world.national_admin, name="行业工资专项")
    assert err.value.field == "name"


def test_a_deactivated_kind_is_not_offered_but_existing_contracts_keep_it(world):
    existing = offer(world.grassroots_clerk, world.grassroots, employer=world.employer, kind_code="women")
    with pytest.raises((PermissionDenied, NotFound)):
        contract_kind_set_active(actor=world.county_clerk, kind=kind("women"), active=False)
    contract_kind_set_active(actor=world.national_admin, kind=kind("women"), active=False)
    assert not kind("women").is_active
    assert "女职工权益保护专项" not in [k.name for k in kinds()]
    with pytest.raises(ValidationFailed) as err:
        offer(world.grassroots_clerk, world.grassroots, employer=world.employer, kind_code="women")
    assert [e.field for e in err.value.errors] == ["kind"]
    existing.refresh_from_db()
    assert existing.kind.name == "女职工权益保护专项"
    with pytest.raises(ValidationFailed) as err:
        contract_kind_set_active(actor=world.national_admin, kind=kind("women"), active=False)
    assert err.value.field == "kind"
    contract_kind_set_active(actor=world.national_admin, kind=kind("women"), active=True)
    assert "女职工权益保护专项" in [k.name for k in kinds()]
    assert list(AuditEntry.objects.filter(action__startswith="contract.kind_").order_by("id")
                .values_list("action", flat=True)) == ["contract.kind_deactivate", "contract.kind_reactivate"]


@pytest.fixture
def sichuan(world):
    province = Region.objects.create(adcode="510000", name="四川省", level=1, dataset="test")
    city = Region.objects.create(adcode="510100", name="成都市", level=2, parent=province, dataset="test")
    TradeUnion.objects.filter(pk=world.province.pk).update(region=province)
    return province, city


def test_a_county_reads_the_nearest_standard_above_it(world, sichuan):
    province, city = sichuan
    minimum_wage_set(actor=world.province_officer, region=province, monthly="2100", effective_from=D(2024, 1, 1),
                     source="川府规〔2023〕1号")
    minimum_wage_set(actor=world.province_officer, region=province, monthly="2330", effective_from=D(2025, 10, 1),
                     source="川府规〔2025〕1号")
    assert minimum_wage_for(region=city, on=D(2025, 9, 30)).monthly == 2100
    assert minimum_wage_for(region=city, on=D(2026, 1, 1)).monthly == 2330
    with pytest.raises(ValidationFailed) as err:
        minimum_wage_set(actor=world.province_officer, region=province, monthly="-5", effective_from=D(2026, 1, 1),
                         source="x")
    assert err.value.field == "monthly"
    with pytest.raises(ValidationFailed) as err:
        minimum_wage_set(actor=world.other_province_officer, region=province, monthly="2000",
                         effective_from=D(2026, 1, 1), source="x")
    assert err.value.field == "region"


def test_an_agreed_lowest_wage_below_the_local_standard_is_flagged(world, sichuan):
    province, _city = sichuan
    minimum_wage_set(actor=world.province_officer, region=province, monthly="2330", effective_from=D(2025, 10, 1),
                     source="川府规〔2025〕1号")
    from gonghui.orgs.models import Employer

    Employer.objects.filter(pk=world.employer.pk).update(region=province)
    contract = drafted(world.grassroots_clerk, world.grassroots, employer=world.employer,
                       terms={"wages.lowest_paid": "2200"})
    check = lowest_wage_check(scope=scope_for(world.grassroots_clerk, Perm.CONTRACT_VIEW), contract=contract)
    assert (check.lowest_paid, check.minimum.monthly, check.below) == (2200, 2330, True)


def test_the_sweep_is_a_periodic_job():
    assert "contract_sweep" in periodic_jobs()


def test_over_two_root_unions_only_a_cadre_over_both_keeps_the_kinds(world):
    from django.core.management import call_command

    from gonghui.accounts.models import User
    from gonghui.accounts.roles import RoleCode
    from gonghui.accounts.services import grant_create
    from gonghui.orgs.choices import Level, UnionKind
    from gonghui.orgs.scope import SystemActor
    from gonghui.orgs.services import union_create_root
    from gonghui.testing.world import make_user

    system = SystemActor("tests")
    second = union_create_root(actor=system, name="某产业工会", kind=UnionKind.FEDERATION, level=Level.NATIONAL)
    assert not may_add_kinds(scope=scope_for(world.national_admin, Perm.CONTRACT_MANAGE))
    with pytest.raises(PermissionDenied):
        contract_kind_add(actor=world.national_admin, name="行业工资专项")
    with pytest.raises(PermissionDenied):
        contract_kind_set_active(actor=world.national_admin, kind=kind("women"), active=False)
    # The deployment's security administrator, granted on every root by the operator, grants the
    # second root to the national administrator (docs/deploy.md).
    make_user("deploy_sec", world.national, RoleCode.SECADMIN)
    call_command("grant_all_roots", "deploy_sec")
    grant_create(actor=User.objects.get(username="deploy_sec"), user=world.national_admin,
                 role=RoleCode.UNION_ADMIN, org=second)
    over_both = User.objects.get(pk=world.national_admin.pk)
    assert may_add_kinds(scope=scope_for(over_both, Perm.CONTRACT_MANAGE))
    added = contract_kind_add(actor=over_both, name="行业工资专项")
    entry = AuditEntry.objects.get(action="contract.kind_add", object_id=str(added.pk))
    assert entry.org_path == ""  # the deployment's: every root union's auditor reads it
