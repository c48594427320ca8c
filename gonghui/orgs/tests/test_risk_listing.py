"""The 劳动关系风险名单: who may list an employer and take it off, the refusals, the audit and the history."""

import datetime

import pytest
from django.utils import timezone

from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import NotFound, PermissionDenied, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.models import EmployerRiskListing
from gonghui.orgs.scope import Scope, scope_for
from gonghui.orgs.selectors import (
    current_risk_listings,
    employer_risk_history,
    employer_risk_listing,
    risk_listings,
)
from gonghui.orgs.services import employer_risk_list, employer_risk_remove, union_move
from gonghui.testing.world import SYSTEM, make_employer, make_user

pytestmark = pytest.mark.django_db
# Role codes as plain strings: accounts sits above orgs in the layers.
D = datetime.date


def test_a_county_clerk_lists_an_employer_of_the_county_and_the_audit_says_so(world):
    listing = employer_risk_list(actor=world.county_clerk, employer=world.employer, reason="wage_arrears",
                                 note="  连续两月延期发薪  ", listed_on="2025-06-01")
    assert (listing.reason, listing.note, listing.listed_on) == ("wage_arrears", "连续两月延期发薪", D(2025, 6, 1))
    assert listing.listed_by == world.county_clerk
    assert listing.listed_by_name == "county_clerk（成都市锦江区总工会）"
    assert listing.org_path == world.employer.org_path and listing.is_current
    entry = AuditEntry.objects.get(action="employer.risk_list")
    assert entry.object_id == str(world.employer.pk) and entry.org_path == world.employer.org_path
    assert entry.detail["reason"] == "wage_arrears"


def test_the_listing_date_defaults_to_today(world):
    listing = employer_risk_list(actor=world.county_clerk, employer=world.employer, reason="layoffs")
    assert listing.listed_on == timezone.localdate()


def test_it_refuses_an_employer_already_on_the_list(world):
    employer_risk_list(actor=world.county_clerk, employer=world.employer, reason="layoffs", listed_on="2025-06-01")
    with pytest.raises(ValidationFailed) as refused:
        employer_risk_list(actor=world.county_admin, employer=world.employer, reason="wage_arrears")
    assert refused.value.field == "employer" and refused.value.code == "duplicate"
    assert "已在劳动关系风险名单中（2025-06-01列入）" in str(refused.value.message)
    assert EmployerRiskListing.objects.count() == 1


@pytest.mark.parametrize(("data", "field", "words"), [
    ({"reason": "bankrupt"}, "reason", "请选择列入原因"),
    ({"reason": ""}, "reason", "请选择列入原因"),
    ({"reason": "other", "note": "  "}, "note", "请填写情况说明"),
    ({"reason": "layoffs", "note": "长" * 501}, "note", "情况说明不能超过500个字"),
    ({"reason": "layoffs", "listed_on": "2025-02-30"}, "listed_on", "日期不存在"),
    ({"reason": "layoffs", "listed_on": "下周"}, "listed_on", "日期格式无法识别"),
])
def test_it_refuses_bad_input_naming_the_field(world, data, field, words):
    with pytest.raises(ValidationFailed) as refused:
        employer_risk_list(actor=world.county_clerk, employer=world.employer, **data)
    assert refused.value.field == field and words in str(refused.value.message)


def test_it_refuses_a_listing_date_in_the_future(world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationFailed) as refused:
        employer_risk_list(actor=world.county_clerk, employer=world.employer, reason="layoffs", listed_on=tomorrow)
    assert refused.value.field == "listed_on"


def test_another_county_and_a_cadre_without_the_employer_permission_are_refused(world):
    other_county = make_user("county2_clerk", world.county2, "clerk")
    with pytest.raises(NotFound):
        employer_risk_list(actor=other_county, employer=world.employer, reason="layoffs")
    with pytest.raises(NotFound):
        employer_risk_list(actor=world.other_province_officer, employer=world.employer, reason="layoffs")
    viewer = make_user("county_auditor", world.county, "auditor")
    with pytest.raises(PermissionDenied):
        employer_risk_list(actor=viewer, employer=world.employer, reason="layoffs")
    employer_risk_list(actor=world.county_clerk, employer=world.employer, reason="layoffs")
    with pytest.raises(NotFound):
        employer_risk_remove(actor=other_county, employer=world.employer, reason="已整改")
    assert EmployerRiskListing.objects.current().count() == 1
    assert not AuditEntry.objects.filter(action="employer.risk_remove").exists()


def test_taking_off_needs_a_reason_and_keeps_the_history(world):
    employer_risk_list(actor=world.county_clerk, employer=world.employer, reason="wage_arrears",
                       listed_on="2025-01-10")
    with pytest.raises(ValidationFailed) as refused:
        employer_risk_remove(actor=world.county_clerk, employer=world.employer, reason=" ")
    assert refused.value.field == "reason" and "请填写移出原因" in str(refused.value.message)
    with pytest.raises(ValidationFailed) as early:
        employer_risk_remove(actor=world.county_clerk, employer=world.employer, reason="已补发",
                             removed_on="2025-01-01")
    assert early.value.field == "removed_on"
    first = employer_risk_remove(actor=world.county_admin, employer=world.employer, reason="工资已全部补发",
                                 removed_on="2025-03-01")
    assert (first.removed_on, first.removal_reason, first.removed_by) == (D(2025, 3, 1), "工资已全部补发",
                                                                          world.county_admin)
    with pytest.raises(ValidationFailed) as again:
        employer_risk_remove(actor=world.county_clerk, employer=world.employer, reason="再次")
    assert again.value.field == "employer" and "不在劳动关系风险名单中" in str(again.value.message)
    # Listed again later: a second spell, the first kept.
    employer_risk_list(actor=world.county_clerk, employer=world.employer, reason="layoffs", listed_on="2025-08-01")
    scope = scope_for(world.county_clerk, Perm.ORG_VIEW)
    history = employer_risk_history(scope=scope, employer=world.employer)
    assert [(h.reason, h.is_current) for h in history] == [("layoffs", True), ("wage_arrears", False)]
    assert employer_risk_listing(scope=scope, employer=world.employer).reason == "layoffs"
    assert AuditEntry.objects.filter(action__startswith="employer.risk_").count() == 3


def test_the_scope_list_filters_by_reason_and_date_and_hides_other_counties(world):
    mine = make_employer(world.township, "停产厂")
    theirs = make_employer(world.county2, "涪城欠薪厂")
    employer_risk_list(actor=SYSTEM, employer=world.employer, reason="wage_arrears", listed_on="2025-02-01")
    employer_risk_list(actor=SYSTEM, employer=mine, reason="shutdown", listed_on="2025-05-01")
    employer_risk_list(actor=SYSTEM, employer=theirs, reason="wage_arrears", listed_on="2025-05-01")
    county = scope_for(world.county_clerk, Perm.ORG_VIEW)
    assert [r.employer for r in risk_listings(scope=county)] == [mine, world.employer]
    assert [r.employer for r in risk_listings(scope=county, reason="wage_arrears")] == [world.employer]
    assert [r.employer for r in risk_listings(scope=county, listed_from=D(2025, 3, 1))] == [mine]
    assert [r.employer for r in risk_listings(scope=county, listed_to=D(2025, 3, 1))] == [world.employer]
    assert [r.employer for r in risk_listings(scope=county, query="停产")] == [mine]
    assert employer_risk_listing(scope=county, employer=theirs) is None
    province = scope_for(world.province_officer, Perm.ORG_VIEW)
    assert {r.employer for r in risk_listings(scope=province)} == {mine, theirs, world.employer}
    assert not risk_listings(scope=scope_for(world.other_province_officer, Perm.ORG_VIEW)).exists()
    employer_risk_remove(actor=SYSTEM, employer=mine, reason="已复工")
    assert [r.employer for r in risk_listings(scope=county)] == [world.employer]
    assert len(risk_listings(scope=county, include_removed=True)) == 2


def test_many_employers_current_spells_come_in_one_query(world, django_assert_num_queries):
    others = [make_employer(world.township, f"单位{i}") for i in range(3)]
    employer_risk_list(actor=SYSTEM, employer=others[0], reason="layoffs", listed_on="2025-05-01")
    employer_risk_list(actor=SYSTEM, employer=others[1], reason="layoffs", listed_on="2025-05-01")
    employer_risk_remove(actor=SYSTEM, employer=others[1], reason="已稳定")
    with django_assert_num_queries(1):
        found = current_risk_listings(scope=Scope.all(), employer_ids=[e.pk for e in others])
    assert set(found) == {others[0].pk}


def test_a_listing_follows_its_employer_when_the_union_moves(world):
    listing = employer_risk_list(actor=SYSTEM, employer=world.employer, reason="layoffs")
    union_move(actor=SYSTEM, union=world.township, new_parent=world.county2)
    world.employer.refresh_from_db()
    listing.refresh_from_db()
    assert listing.org_path == world.employer.org_path
    assert employer_risk_listing(scope=Scope.of([world.county2.path]), employer=world.employer) == listing
