from decimal import Decimal

import pytest
from django.utils import timezone

from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.members.services.registry import membership_leave
from gonghui.mutualaid.models import MutualAidEnrolment, MutualAidEvent
from gonghui.mutualaid.services import enrolment_bulk_create
from gonghui.orgs.choices import Level, UnionKind
from gonghui.testing.world import make_union

from .conftest import member_of

pytestmark = pytest.mark.django_db


def test_a_county_enrols_its_whole_branch_and_a_second_run_skips_and_counts_everyone(world, plan):
    for _ in range(3):
        member_of(world.grassroots)
    member_of(world.township)
    member_of(world.county2)  # another county: not in this plan's branch
    first = enrolment_bulk_create(actor=world.county_clerk, plan=plan, union=world.county, paid_on=plan.starts_on)
    assert (first.enrolled, first.already, first.ineligible) == (5, 0, 0)  # 李四 of the world, 3, and 1
    assert first.premiums == Decimal("300.00")
    rows = MutualAidEnrolment.objects.filter(plan=plan)
    assert rows.count() == 5 and all(r.org_path.startswith(world.county.path) for r in rows)
    # Enrolled mid-term, so cover (and its waiting period) starts today, not on the plan's first day.
    assert {str(r.premium) for r in rows} == {"60.00"} and {r.covered_from for r in rows} == {timezone.localdate()}
    again = enrolment_bulk_create(actor=world.county_clerk, plan=plan, union=world.county)
    assert (again.enrolled, again.already) == (0, 5)
    # One audit row and one event per batch, not per member.
    assert AuditEntry.objects.filter(action="mutualaid.enrol_registry").count() == 2
    assert MutualAidEvent.objects.filter(plan=plan, action="enrol_registry").count() == 2


def test_a_union_enrols_only_its_own_members_when_asked_to_leave_its_branch_out(world, plan):
    member_of(world.township)
    member_of(world.grassroots)
    result = enrolment_bulk_create(actor=world.county_clerk, plan=plan, union=world.township, include_branch=False)
    assert result.enrolled == 1
    assert MutualAidEnrolment.objects.get(plan=plan).union == world.township


def test_members_who_left_are_not_enrolled(world, plan):
    gone = member_of(world.grassroots)
    membership_leave(actor=world.county_admin, member=gone, note="离职")
    result = enrolment_bulk_create(actor=world.county_clerk, plan=plan, union=world.grassroots)
    assert result.enrolled == 1 and not MutualAidEnrolment.objects.filter(member=gone).exists()


def test_a_selection_is_enrolled_and_an_already_enrolled_member_is_skipped(world, plan):
    a, b = member_of(world.grassroots), member_of(world.township)
    enrolment_bulk_create(actor=world.county_clerk, plan=plan, members=[a])
    result = enrolment_bulk_create(actor=world.county_clerk, plan=plan, members=[a, b.pk])
    assert (result.enrolled, result.already) == (1, 1)


def test_a_member_outside_the_plans_branch_is_refused_in_both_languages_and_nothing_is_written(world, plan):
    inside, outside = member_of(world.grassroots), member_of(world.county2, name="赵六")
    with pytest.raises(ValidationFailed) as refused:
        enrolment_bulk_create(actor=world.province_officer, plan=plan, members=[inside, outside])
    error = refused.value.as_dict()
    assert error["code"] == "outside_plan" and "赵六" in error["message_zh"]
    assert "成都市锦江区总工会" in error["message_zh"]
    assert error["message_en"]
    assert not MutualAidEnrolment.objects.exists()
    with pytest.raises(ValidationFailed) as union_refused:
        enrolment_bulk_create(actor=world.province_officer, plan=plan, union=world.county2)
    assert union_refused.value.code == "outside_plan" and "绵阳市涪城区总工会" in str(union_refused.value.message)


def test_a_cadre_cannot_enrol_members_outside_its_own_scope(world, plan, county2_admin, grassroots_clerk):
    with pytest.raises(NotFound):
        enrolment_bulk_create(actor=county2_admin, plan=plan, union=world.county)
    with pytest.raises(NotFound):
        enrolment_bulk_create(actor=grassroots_clerk, plan=plan, members=[member_of(world.township)])
    # A grassroots union enrols its own members in its county's plan.
    assert enrolment_bulk_create(actor=grassroots_clerk, plan=plan, union=world.grassroots).enrolled == 1


def test_a_draft_plan_takes_no_enrolment(world, make_plan):
    draft = make_plan(opened=False)
    with pytest.raises(ValidationFailed) as refused:
        enrolment_bulk_create(actor=world.county_clerk, plan=draft, union=world.county)
    assert refused.value.code == "plan_not_open"


def test_a_plan_for_women_workers_skips_men_and_counts_them(world, make_plan):
    plan = make_plan(kind="women_special", name="女职工特殊疾病互助保障计划")
    people = [member_of(world.grassroots) for _ in range(4)]
    women = sum(1 for p in people if p.gender == "F") + (world.membership.member.gender == "F")
    result = enrolment_bulk_create(actor=world.county_clerk, plan=plan, union=world.county)
    assert result.enrolled == women and result.ineligible == 5 - women
    assert set(MutualAidEnrolment.objects.values_list("member__gender", flat=True)) <= {"F"}


def test_enrolments_follow_a_union_that_moves(world, plan):
    from gonghui.orgs.services import union_move

    member_of(world.grassroots)
    enrolment_bulk_create(actor=world.county_clerk, plan=plan, union=world.grassroots)
    new_township = make_union(world.county, "书院街街道工会", Level.TOWNSHIP, UnionKind.TOWNSHIP)
    union_move(actor=world.province_officer, union=world.grassroots, new_parent=new_township)
    world.grassroots.refresh_from_db()
    paths = set(MutualAidEnrolment.objects.values_list("org_path", flat=True))
    assert paths == {world.grassroots.path}


def test_enrolling_a_branch_costs_the_same_queries_for_3_members_as_for_30(world, make_plan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_to_enrol(people: int, name: str) -> int:
        plan = make_plan(name=name)
        for _ in range(people):
            member_of(world.grassroots)
        with CaptureQueriesContext(connection) as captured:
            enrolment_bulk_create(actor=world.county_clerk, plan=plan, union=world.grassroots)
        return len(captured.captured_queries)

    queries_to_enrol(1, "预热")  # the cadre's grants are read once and kept on the user
    assert queries_to_enrol(3, "甲计划") == queries_to_enrol(27, "乙计划")


def test_a_member_leaves_the_plan_only_while_no_claim_is_open_or_paid(world, plan, enrolled, grassroots_clerk):
    from gonghui.mutualaid.selectors import mutual_aid_figures
    from gonghui.mutualaid.services import claim_reject, claim_submit, enrolment_cancel

    from .conftest import claim_data, scope_of

    enrolment = enrolled()
    claim = claim_submit(actor=grassroots_clerk, enrolment=enrolment, data=claim_data(plan))
    with pytest.raises(ValidationFailed) as refused:
        enrolment_cancel(actor=grassroots_clerk, enrolment=enrolment, reason="误参保")
    assert refused.value.code == "has_claims"
    claim_reject(actor=world.county_admin, claim=claim, reason="非保障范围")
    cancelled = enrolment_cancel(actor=grassroots_clerk, enrolment=enrolment, reason="误参保")
    assert cancelled.status == "cancelled"
    assert MutualAidEvent.objects.filter(plan=plan, action="enrolment_cancel").count() == 1
    assert mutual_aid_figures(scope=scope_of(world.county_clerk), union=world.county, year=plan.year).covered == 0
    with pytest.raises(ValidationFailed):
        claim_submit(actor=grassroots_clerk, enrolment=cancelled, data=claim_data(plan))
    assert enrolment_bulk_create(actor=world.county_clerk, plan=plan, members=[enrolment.member_id]).already == 1
