import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from gonghui.accounts.roles import RoleCode
from gonghui.core.permissions import Perm
from gonghui.members.models import Member
from gonghui.mutualaid.models import MutualAidEnrolment, MutualAidPlan
from gonghui.mutualaid.services import enrolment_bulk_create, plan_create, plan_open
from gonghui.orgs.scope import scope_for
from gonghui.testing.world import make_member, make_user

PERM = Perm.MUTUAL_AID_MANAGE


def term_start() -> datetime.date:
    # A plan year that has run for 100 days, so claims can fall on either side of a 30-day wait.
    return timezone.localdate() - datetime.timedelta(days=100)


def plan_data(**overrides: Any) -> dict[str, Any]:
    start = term_start()
    return {"name": "职工住院医疗互助保障计划", "kind": "inpatient", "year": start.year, "starts_on": start,
            "ends_on": start + datetime.timedelta(days=364), "premium": "60", "per_claim_limit": "8000",
            "yearly_limit": "10000", "waiting_days": 30, **overrides}


@pytest.fixture
def grassroots_clerk(world):
    return make_user("grassroots_clerk", world.grassroots, RoleCode.CLERK)


@pytest.fixture
def county2_admin(world):
    return make_user("county2_admin", world.county2, RoleCode.UNION_ADMIN)


@pytest.fixture
def make_plan(world):
    def make(union=None, opened: bool = True, **overrides: Any) -> MutualAidPlan:
        plan = plan_create(actor=world.county_admin, union=union or world.county, data=plan_data(**overrides))
        return plan_open(actor=world.county_admin, plan=plan) if opened else plan

    return make


@pytest.fixture
def plan(make_plan) -> MutualAidPlan:
    return make_plan()


def member_of(union, **overrides: Any) -> Member:
    return make_member(union, **overrides).member


@pytest.fixture
def enrolled(world, plan):
    """A member of the grassroots union enrolled in the county's plan from the first day."""
    def make(**overrides: Any) -> MutualAidEnrolment:
        member = member_of(world.grassroots, **overrides)
        enrolment_bulk_create(actor=world.county_admin, plan=plan, members=[member], enrolled_on=plan.starts_on,
                              paid_on=plan.starts_on)
        return MutualAidEnrolment.objects.select_related("plan").get(plan=plan, member=member)

    return make


def claim_data(plan: MutualAidPlan, days_in: int = 40, amount: str | Decimal = "3000", **overrides: Any
               ) -> dict[str, Any]:
    return {"kind": "inpatient", "event_date": plan.starts_on + datetime.timedelta(days=days_in),
            "amount_claimed": amount, "diagnosis": "急性阑尾炎，住院手术治疗7天", **overrides}


def scope_of(user):
    return scope_for(user, PERM)
