"""members.migrant counts the members with a rural household standing at the period's end."""

import datetime

import pytest

from gonghui.core.periods import Period
from gonghui.members.models import Member, Membership
from gonghui.members.services.registry import membership_leave
from gonghui.orgs.scope import Scope
from gonghui.reports.metrics import figure
from gonghui.testing.world import SYSTEM, make_member

pytestmark = pytest.mark.django_db
D = datetime.date


def test_migrant_members_are_the_rural_households_standing_at_the_end(world):
    rural = make_member(world.grassroots, name="农一", household="农村")
    make_member(world.grassroots, name="城一", household="城镇")
    leaver = make_member(world.grassroots, name="农二", household="农村")
    Membership.objects.update(join_date=D(2026, 1, 5))
    membership_leave(actor=SYSTEM, member=leaver.member, note="调离", on=D(2026, 3, 31))
    expected = Member.objects.filter(household="rural", memberships__join_date__lte=D(2026, 6, 30),
                                     memberships__ended_on__isnull=True, org_path__startswith=world.county.path)
    value = figure("members.migrant", scope=Scope.all(), under=world.county.path, period=Period.parse("2026-06"),
                   today=D(2026, 12, 1)).value
    assert value == expected.distinct().count() == 2  # 农一 and the world's own 李四 (rural by default)
    assert rural.member.is_migrant
