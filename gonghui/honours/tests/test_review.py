"""Review up the tree: the chain, checks before a pass, quotas, returns, and the list rules with numbers."""

import pytest

from gonghui.core.errors import InvalidFields, NotFound, ValidationFailed
from gonghui.honours.choices import CheckDecision, NominationStatus, Rank, WorkerCategory
from gonghui.honours.models import CallQuota
from gonghui.honours.services import (
    level_list_submit,
    nomination_check_record,
    nomination_pass,
    nomination_return,
    nomination_unselect,
    review_chain,
)
from gonghui.honours.tests.conftest import issue, nominate, pass_here, person_id, up_to_province
from gonghui.testing.world import make_employer

S = NominationStatus


def test_the_chain_is_the_nominator_the_unions_above_with_a_quota_and_the_issuer(world, call):
    chain = review_chain(call=call, union=world.grassroots)
    assert [u.pk for u in chain] == [world.grassroots.pk, world.county.pk, world.city.pk, world.province.pk]


def test_a_nomination_climbs_level_by_level_to_the_final_list(world, cadres, call):
    nomination = nominate(cadres.grassroots, call, world.grassroots, world.employer)
    assert (nomination.status, nomination.at_union_id) == (S.PENDING, world.grassroots.pk)
    pass_here(cadres.grassroots, nomination)
    level_list_submit(actor=cadres.grassroots, call=call, union=world.grassroots)
    nomination.refresh_from_db()
    assert (nomination.status, nomination.at_union_id) == (S.PENDING, world.county.pk)
    final = up_to_province(world, cadres, call, nominate(cadres.grassroots, call, world.grassroots,
                                                         name="王五"))
    assert (final.status, final.at_union_id) == (S.FINAL, world.province.pk)
    assert CallQuota.objects.get(call=call, union=world.city).used == 1


def test_it_refuses_a_pass_before_the_level_has_recorded_its_check(world, cadres, call):
    nomination = nominate(cadres.grassroots, call, world.grassroots)
    with pytest.raises(ValidationFailed) as refused:
        nomination_pass(actor=cadres.grassroots, nomination=nomination)
    assert refused.value.code == "not_checked"


def test_a_check_that_finds_a_problem_stops_the_pass_until_the_checker_changes_it(world, cadres, call):
    nomination = nominate(cadres.grassroots, call, world.grassroots)
    nomination_check_record(actor=cadres.grassroots, nomination=nomination, decision=CheckDecision.CONCERN,
                            note="单位有欠薪投诉未办结")
    with pytest.raises(ValidationFailed) as refused:
        nomination_pass(actor=cadres.grassroots, nomination=nomination)
    assert refused.value.code == "check_concern"


def test_a_level_cannot_pass_more_than_its_quota_and_the_refusal_names_the_numbers(world, cadres, call):
    first = nominate(cadres.county, call, world.county, name="甲")
    second = nominate(cadres.county, call, world.county, name="乙")
    pass_here(cadres.county, first)
    with pytest.raises(ValidationFailed) as refused:
        pass_here(cadres.county, second)
    assert refused.value.code == "over_quota"
    assert "名额为1个" in str(refused.value.message) and "已通过1个" in str(refused.value.message)
    second.refresh_from_db()
    assert second.status == S.PENDING


def test_unselecting_gives_the_place_back(world, cadres, call):
    first = nominate(cadres.county, call, world.county, name="甲")
    pass_here(cadres.county, first)
    nomination_unselect(actor=cadres.county, nomination=first)
    assert CallQuota.objects.get(call=call, union=world.county).used == 0


def test_a_return_goes_to_the_nominating_union_with_its_reason_and_frees_every_place(world, cadres, call):
    nomination = nominate(cadres.grassroots, call, world.grassroots)
    for actor, union in ((cadres.grassroots, world.grassroots), (cadres.county, world.county)):
        nomination.refresh_from_db()
        pass_here(actor, nomination)
        level_list_submit(actor=actor, call=call, union=union)
    nomination.refresh_from_db()
    assert nomination.at_union_id == world.city.pk
    nomination_return(actor=cadres.city, nomination=nomination, reason="事迹材料不完整")
    nomination.refresh_from_db()
    assert (nomination.status, nomination.at_union_id, nomination.returned_reason) == (
        S.RETURNED, world.grassroots.pk, "事迹材料不完整")
    assert CallQuota.objects.get(call=call, union=world.county).used == 0


def test_it_refuses_a_list_under_the_front_line_share_naming_the_rule_and_the_numbers(world, cadres):
    call = issue(world, front_line_min_pct=60)
    for name, category in (("甲", WorkerCategory.FRONT_LINE), ("乙", WorkerCategory.MANAGEMENT),
                           ("丙", WorkerCategory.LEADER)):
        pass_here(cadres.province, nominate(cadres.province, call, world.province, name=name, category=category))
    with pytest.raises(InvalidFields) as refused:
        level_list_submit(actor=cadres.province, call=call, union=world.province)
    error = refused.value.errors[0]
    assert error.code == "front_line_share"
    assert str(error.message) == "一线职工和专业技术人员占比为33.3%（1/3人），低于评选通知要求的60%。"


def test_it_refuses_a_list_under_the_womens_share(world, cadres):
    call = issue(world, women_min_pct=30)
    man = nominate(cadres.province, call, world.province, name="甲", id_number=person_id(female=False))
    pass_here(cadres.province, man)
    with pytest.raises(InvalidFields) as refused:
        level_list_submit(actor=cadres.province, call=call, union=world.province)
    assert [e.code for e in refused.value.errors] == ["women_share"]
    assert "（0/1人）" in str(refused.value.errors[0].message)


def test_it_refuses_a_nominee_of_an_excluded_rank_by_name(world, cadres):
    call = issue(world, excluded_ranks=[Rank.BUREAU])
    with pytest.raises(ValidationFailed) as refused:
        nominate(cadres.province, call, world.province, name="赵局长", rank=Rank.BUREAU)
    assert refused.value.code == "excluded_rank" and "赵局长" in str(refused.value.message)


def test_it_refuses_the_same_person_twice_in_one_call_naming_who_nominated_first(world, cadres, call):
    id_number = person_id(female=True)
    nominate(cadres.grassroots, call, world.grassroots, id_number=id_number)
    with pytest.raises(ValidationFailed) as refused:
        nominate(cadres.county2, call, world.county2, id_number=id_number, name="张工")
    assert refused.value.code == "duplicate_nominee"
    assert world.grassroots.name in str(refused.value.message)


def test_a_county_cannot_see_or_act_on_another_countys_nomination(world, cadres, call):
    nomination = nominate(cadres.county2, call, world.county2, name="涪城人")
    with pytest.raises(NotFound):
        nomination_check_record(actor=cadres.county, nomination=nomination, decision=CheckDecision.CLEAR)
    with pytest.raises(NotFound):
        nominate(cadres.county, call, world.county2, name="越界")


def test_a_county_cannot_nominate_an_employer_outside_its_subtree(world, cadres, call):
    elsewhere = make_employer(world.county2, "涪城机械厂")
    with pytest.raises(NotFound):
        nominate(cadres.county, call, world.county, elsewhere)
