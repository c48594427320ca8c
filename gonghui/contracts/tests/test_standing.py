"""Whose contract it is: the union side's own cadres take every step; a union above reads it and
records 指导意见; a union elsewhere does not find it."""

import pytest

from gonghui.contracts.choices import Action, Body, Reach, Status
from gonghui.contracts.models import ContractEvent
from gonghui.contracts.selectors import contract_actions, offer_unions
from gonghui.contracts.services import (
    contract_answer,
    contract_approve,
    contract_guide,
    contract_publish,
    contract_sign,
    contract_terminate,
    contract_vote,
)
from gonghui.contracts.tests.conftest import D, covering, drafted, filed, in_force, offer
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import NotFound, PermissionDenied, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.holding import holds
from gonghui.testing.world import SYSTEM, make_employer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("above", ["county_clerk", "county_admin", "province_officer", "national_admin"])
def test_a_union_above_may_not_publish_the_grassroots_unions_contract(world, above):
    contract = in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    with pytest.raises(PermissionDenied) as err:
        contract_publish(actor=world.people[above], contract=contract, published_on=D(2026, 4, 20))
    assert err.value.code == "not_holder"
    assert "示例科技有限公司工会委员会" in str(err.value.message) and "公布" in str(err.value.message)
    contract.refresh_from_db()
    assert contract.status == Status.EFFECTIVE


def test_a_union_above_may_not_answer_sign_approve_or_terminate(world):
    county = world.county_clerk
    c = offer(world.grassroots_clerk, world.grassroots, employer=world.employer)
    with pytest.raises(PermissionDenied):
        contract_answer(actor=county, contract=c, answered_on=D(2026, 3, 10))
    draft = drafted(world.grassroots_clerk, world.grassroots, employer=make_second_employer(world))
    with pytest.raises(PermissionDenied):
        contract_vote(actor=county, contract=draft, body=Body.CONGRESS, held_on=D(2026, 3, 20), entitled=90,
                      present=80, in_favour=70)
    contract_vote(actor=world.grassroots_clerk, contract=draft, body=Body.CONGRESS, held_on=D(2026, 3, 20),
                  entitled=90, present=80, in_favour=70)
    draft.refresh_from_db()
    with pytest.raises(PermissionDenied):
        contract_sign(actor=county, contract=draft, signed_on=D(2026, 3, 25))
    under_review = filed(world.grassroots_clerk, world.grassroots, employer=make_second_employer(world, "丙"))
    with pytest.raises(PermissionDenied):
        contract_approve(actor=county, contract=under_review, effective_on=D(2026, 4, 5))
    with pytest.raises(PermissionDenied):
        contract_terminate(actor=county, contract=under_review, ended_on=D(2026, 4, 5), reason="企业关闭")


def make_second_employer(world, prefix="乙"):
    return make_employer(world.grassroots, f"{prefix}单位")


def test_a_union_above_may_not_open_an_offer_for_the_grassroots_union(world):
    with pytest.raises(PermissionDenied) as err:
        offer(world.county_clerk, world.grassroots, employer=world.employer)
    assert err.value.code == "not_holder"
    assert list(offer_unions(actor=world.county_clerk)) == [world.county]
    assert list(offer_unions(actor=world.grassroots_clerk)) == [world.grassroots]


def test_the_union_side_of_a_regional_contract_is_the_union_that_holds_it(world, regional):
    area = in_force(world.township_clerk, world.township, reach=Reach.REGIONAL, coverage=covering(regional))
    contract_publish(actor=world.township_clerk, contract=area, published_on=D(2026, 4, 20))
    assert area.union == world.township
    with pytest.raises(PermissionDenied):
        contract_terminate(actor=world.county_clerk, contract=area, ended_on=D(2026, 6, 1), reason="企业关闭")
    with pytest.raises(NotFound):  # a covered employer's own union is below the 联合会, not above it
        contract_terminate(actor=world.grassroots_clerk, contract=area, ended_on=D(2026, 6, 1), reason="企业关闭")


def test_a_union_above_records_guidance_in_the_timeline_without_changing_the_contract(world):
    contract = in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    version = contract.version
    event = contract_guide(actor=world.county_clerk, contract=contract, note="请在十日内向职工公布合同文本。")
    contract.refresh_from_db()
    assert (contract.status, contract.version) == (Status.EFFECTIVE, version)
    assert event.action == Action.GUIDE and event.note == "请在十日内向职工公布合同文本。"
    assert "county_clerk" in event.actor_label and "锦江区总工会" in event.actor_label
    assert AuditEntry.objects.filter(action="contract.guide", object_id=str(contract.pk)).count() == 1
    again = contract_guide(actor=world.county_clerk, contract=contract, note="请在十日内向职工公布合同文本。")
    assert again.pk == event.pk  # a resubmitted form records it once
    assert ContractEvent.objects.filter(contract=contract, action=Action.GUIDE).count() == 1


def test_guidance_comes_from_above_and_needs_words(world):
    contract = in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    with pytest.raises(PermissionDenied) as err:
        contract_guide(actor=world.grassroots_clerk, contract=contract, note="自己给自己指导")
    assert err.value.code == "not_above"
    with pytest.raises(ValidationFailed) as empty:
        contract_guide(actor=world.province_officer, contract=contract, note="  ")
    assert empty.value.field == "guidance"
    with pytest.raises(NotFound):
        contract_guide(actor=world.other_province_officer, contract=contract, note="越界")


def test_each_viewer_is_offered_only_their_own_steps(world):
    contract = in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    assert contract_actions(actor=world.grassroots_clerk, contract=contract, has_terms=True)[0] == Action.PUBLISH
    assert Action.GUIDE not in contract_actions(actor=world.grassroots_clerk, contract=contract, has_terms=True)
    for above in ("county_clerk", "province_officer"):
        assert contract_actions(actor=world.people[above], contract=contract, has_terms=True) == [Action.GUIDE]
    assert contract_actions(actor=world.other_province_officer, contract=contract, has_terms=True) == []


def test_the_system_holds_every_union_for_the_sweep(world):
    assert holds(SYSTEM, Perm.CONTRACT_MANAGE, world.grassroots.path)
    assert not holds(world.county_clerk, Perm.CONTRACT_MANAGE, world.grassroots.path)
