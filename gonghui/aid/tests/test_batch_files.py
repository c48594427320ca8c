"""Households of the registry added to a draft batch one at a time: found by name or full ID number
within the actor's view, added through the same guard as every other recipient."""

import pytest

from gonghui.aid.file_selectors import batch_file_candidates
from gonghui.aid.models import AidGrant
from gonghui.aid.services import grant_add
from gonghui.aid.services.files import batch_add_files
from gonghui.aid.tests.conftest import make_file, worker
from gonghui.core.errors import ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.testing.world import make_person_id

pytestmark = pytest.mark.django_db


def test_the_search_finds_eligible_households_by_name_or_full_id(world, batch):
    number = make_person_id()
    qian = make_file(world.grassroots, name="钱二", id_number=number)
    make_file(world.county, name="孙三", hardship_class="relative")
    make_file(world.county2, name="钱外")  # another county: never offered
    make_file(world.county, name="钱退", status="closed")  # no longer in file
    view = scope_for(world.county_clerk, Perm.HARDSHIP_VIEW)
    assert [c.name for c in batch_file_candidates(scope=view, batch=batch)] == ["孙三", "钱二"]
    assert [c.pk for c in batch_file_candidates(scope=view, batch=batch, query="钱")] == [qian.pk]
    assert [c.name for c in batch_file_candidates(scope=view, batch=batch, query=number)] == ["钱二"]
    batch_add_files(actor=world.county_clerk, batch=batch, file_ids=[qian.pk])
    assert [c.name for c in batch_file_candidates(scope=view, batch=batch)] == ["孙三"]


def test_chosen_households_go_in_linked_to_their_file_and_once_per_cycle(world, batch, new_batch, campaign):
    a = make_file(world.grassroots, name="甲")
    b = make_file(world.county, name="乙")
    selection = batch_add_files(actor=world.county_clerk, batch=batch, file_ids=[a.pk, b.pk])
    assert selection.added == 2
    grant = AidGrant.objects.get(hardship_file=a)
    assert (grant.group, grant.name, grant.cash) == ("hardship", "甲", 500)
    again = batch_add_files(actor=world.county_clerk, batch=new_batch(campaign), file_ids=[a.pk])
    assert again.added == 0 and again.duplicates[0]["reason"] == "already_aided"


def test_a_file_out_of_reach_is_refused_without_saying_more(world, batch, county2_admin):
    theirs = make_file(world.county2, name="丙")
    with pytest.raises(ValidationFailed) as refused:
        batch_add_files(actor=world.county_clerk, batch=batch, file_ids=[theirs.pk])
    assert refused.value.field == "files" and not AidGrant.objects.exists()
    with pytest.raises(ValidationFailed):
        batch_add_files(actor=world.county_clerk, batch=batch, file_ids=[])


def test_a_household_already_typed_in_by_hand_is_set_aside(world, batch, new_batch, campaign):
    number = make_person_id()
    f = make_file(world.county, name="丁", id_number=number)
    grant_add(actor=world.county_clerk, batch=batch, data=worker(name="丁", id_number=number))
    selection = batch_add_files(actor=world.county_clerk, batch=new_batch(campaign), file_ids=[f.pk])
    assert selection.added == 0 and selection.duplicates[0]["earlier"]["batch"] == batch.pk
