"""Aid's to-do: a submitted batch waits for an approver in scope, never for whoever prepared it."""

import pytest

from gonghui.aid.services import batch_approve, batch_create, batch_submit, grant_add
from gonghui.aid.tests.conftest import worker
from gonghui.aid.todos import aid_todos

pytestmark = pytest.mark.django_db


def waiting(user):
    return {t.key: t.count for t in aid_todos(user=user)}.get("aid.approve")


@pytest.fixture
def submitted(world, new_programme, new_campaign):
    campaign = new_campaign(new_programme())
    batch = batch_create(actor=world.county_clerk, campaign=campaign, union=world.county, title="春节慰问")
    grant_add(actor=world.county_clerk, batch=batch, data=worker())
    return batch_submit(actor=world.county_clerk, batch=batch)


def test_a_submitted_batch_waits_for_the_approvers_in_scope_until_approved(world, submitted, county2_admin,
                                                                           county_reviewer):
    assert waiting(world.county_admin) == 1
    assert waiting(county_reviewer) == 1
    assert waiting(county2_admin) == 0
    assert waiting(world.county_clerk) is None  # prepares and pays, never approves
    batch_approve(actor=world.county_admin, batch=submitted)
    assert waiting(world.county_admin) == 0


def test_the_one_who_prepared_a_batch_does_not_see_it_as_theirs_to_approve(world, new_programme, new_campaign,
                                                                          settings):
    settings.GONGHUI_AID_SEPARATE_APPROVER = True
    campaign = new_campaign(new_programme())
    batch = batch_create(actor=world.county_admin, campaign=campaign, union=world.county, title="自己经办")
    grant_add(actor=world.county_admin, batch=batch, data=worker())
    batch_submit(actor=world.county_admin, batch=batch)
    assert waiting(world.county_admin) == 0
    assert waiting(world.province_officer) == 1
