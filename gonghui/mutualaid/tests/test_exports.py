"""The plan list and a plan's enrolled members export as the pages show them, within scope, masked."""

from decimal import Decimal

import pytest

from gonghui.core.exports import list_export
from gonghui.mutualaid.services.enrolment import enrolment_bulk_create
from gonghui.mutualaid.services.plans import plan_create
from gonghui.mutualaid.tests.conftest import member_of, plan_data
from gonghui.orgs.scope import scope_for

pytestmark = pytest.mark.django_db


def rows(user, name, **filters):
    export = list_export(name)
    return list(export.rows(actor=user, scope=scope_for(user, export.permission), filters=filters))


def test_the_plan_export_holds_the_year_and_status_asked_for_within_scope(world, plan, make_plan, county2_admin):
    draft = make_plan(opened=False, name="职工意外伤害互助保障计划")
    plan_create(actor=county2_admin, union=world.county2, data=plan_data(name="绵阳住院互助计划"))
    year = str(plan.year)
    assert sorted(r[0] for r in rows(world.county_admin, "mutualaid.plans", year=year)) == sorted(
        [plan.name, draft.name])
    only = rows(world.county_admin, "mutualaid.plans", year=year, status="draft")
    assert [r[:3] for r in only] == [[draft.name, plan.year, "筹备中"]] and only[0][7] == Decimal("60.00")
    assert rows(world.county_admin, "mutualaid.plans", year=str(plan.year - 3)) == []


def test_the_enrolment_export_holds_one_plans_members_masked_and_only_those_in_scope(world, plan, grassroots_clerk,
                                                                                     county2_admin):
    near, county_own = member_of(world.grassroots, name="近保"), member_of(world.county, name="县直会员")
    enrolment_bulk_create(actor=world.county_admin, plan=plan, members=[near, county_own], enrolled_on=plan.starts_on,
                          paid_on=plan.starts_on)
    everyone = rows(world.county_admin, "mutualaid.enrolments", plan=str(plan.pk))
    assert sorted(r[0] for r in everyone) == ["县直会员", "近保"]
    mine = rows(grassroots_clerk, "mutualaid.enrolments", plan=str(plan.pk))
    assert [r[:3] for r in mine] == [["近保", near.id_masked, world.grassroots.name]] and "*" in mine[0][1]
    assert rows(county2_admin, "mutualaid.enrolments", plan=str(plan.pk)) == []
    assert rows(world.county_admin, "mutualaid.enrolments") == []
