"""The reads the REST API adds: one worker's grants by identity number or phone, and the campaigns
usable by a cadre narrowed to a year and a programme, each through the scope."""

import pytest

from gonghui.aid.selectors import campaigns_usable, grants_of_person
from gonghui.aid.services import grant_add
from gonghui.aid.tests.conftest import worker
from gonghui.core.errors import ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for

pytestmark = pytest.mark.django_db


def test_a_workers_grants_are_found_by_identity_or_phone_as_far_as_the_scope_reaches(
        world, batch, new_programme, new_campaign, new_batch, county2_admin):
    person = worker()
    by_id = grant_add(actor=world.county_clerk, batch=batch, data=person)
    summer = new_batch(new_campaign(new_programme(kind="summer_cooling", name="夏送清凉")))
    by_phone = grant_add(actor=world.county_clerk, batch=summer,
                         data={"name": person["name"], "phone": person["phone"], "group": "outdoor"})
    county = scope_for(world.county_clerk, Perm.HARDSHIP_VIEW)
    assert list(grants_of_person(scope=county, id_number=person["id_number"])) == [by_id]
    both = grants_of_person(scope=county, id_number=person["id_number"], phone=person["phone"])
    assert set(both) == {by_id, by_phone}
    assert list(grants_of_person(scope=scope_for(county2_admin, Perm.HARDSHIP_VIEW), phone=person["phone"])) == []
    with pytest.raises(ValidationFailed) as nothing:
        grants_of_person(scope=county)
    assert nothing.value.field == "id_number"
    with pytest.raises(ValidationFailed) as wrong:
        grants_of_person(scope=county, phone="12")
    assert wrong.value.field == "phone"


def test_usable_campaigns_narrow_to_a_year_and_a_programme(world, new_programme, new_campaign):
    county = new_programme()
    this_year, next_year = new_campaign(county), new_campaign(county, year=2027)
    province = new_programme(union=world.province, actor=world.province_officer, kind="summer_cooling",
                             name="夏送清凉")
    theirs = new_campaign(province, actor=world.province_officer)
    scope = scope_for(world.county_clerk, Perm.AID_DISBURSE)
    assert set(campaigns_usable(scope=scope, year=2026)) == {this_year, theirs}
    assert list(campaigns_usable(scope=scope, programme_id=province.pk)) == [theirs]
    assert list(campaigns_usable(scope=scope, year=2027, programme_id=county.pk)) == [next_year]
