"""A county sees its programmes' batches and grants; another county sees none of them."""

import pytest

from gonghui.aid.selectors import batch_get, batch_list, grant_list, programme_list, programmes_usable
from gonghui.aid.services import grant_add
from gonghui.aid.tests.conftest import worker
from gonghui.core.errors import NotFound
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for


@pytest.mark.django_db
def test_a_county_sees_its_grants_and_another_county_none(world, batch, county2_admin):
    grant = grant_add(actor=world.county_clerk, batch=batch, data=worker())
    mine = scope_for(world.county_clerk, Perm.HARDSHIP_VIEW)
    theirs = scope_for(county2_admin, Perm.HARDSHIP_VIEW)
    assert list(grant_list(scope=mine)) == [grant] and list(batch_list(scope=mine)) == [batch]
    assert not grant_list(scope=theirs).exists() and not batch_list(scope=theirs).exists()
    assert not programme_list(scope=theirs).exists()
    with pytest.raises(NotFound):
        batch_get(scope=theirs, pk=batch.pk)
    assert batch_list(scope=mine).get().rows == 1


@pytest.mark.django_db
def test_a_county_may_pay_out_under_the_provinces_programme_but_not_a_sideways_one(world, new_programme,
                                                                                     county2_admin):
    provincial = new_programme(union=world.province, actor=world.province_officer, name="全省送温暖")
    sideways = new_programme(union=world.county2, actor=county2_admin, name="涪城区送温暖")
    usable = set(programmes_usable(scope=scope_for(world.county_clerk, Perm.AID_DISBURSE)))
    assert provincial in usable and sideways not in usable
