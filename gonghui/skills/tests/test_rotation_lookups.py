"""A member's competition entries are found by the identity index copied into each participant row:
while the index key rotates the member and the entry may sit under different keys."""

import pytest

from gonghui.core import crypto
from gonghui.core.permissions import Perm
from gonghui.members.models import Member
from gonghui.orgs.scope import scope_for
from gonghui.skills.competition_selectors import competition_results_of_member
from gonghui.skills.services.competitions import PersonIn, competition_enter
from gonghui.skills.tests.competition_helpers import approved
from gonghui.testing.keys import index_key_rotating

pytestmark = pytest.mark.django_db


def test_an_entry_under_the_old_key_is_found_from_a_member_recomputed_first(world, settings):
    member = world.membership.member
    c = approved(world.county_clerk, world.county, world.province_officer)
    competition_enter(actor=world.county_clerk, competition=c, person=PersonIn(member.name, member.id_number))
    with index_key_rotating(settings):
        Member.objects.filter(pk=member.pk).update(id_index=crypto.blind_index(f"{member.id_type}:{member.id_number}"))
        member = Member.objects.get(pk=member.pk)
        scope = scope_for(world.province_officer, Perm.SKILLS_VIEW)
        assert competition_results_of_member(scope=scope, member=member).get().competition == c
