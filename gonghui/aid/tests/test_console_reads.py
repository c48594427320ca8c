"""The reads the console pages need: campaigns usable below a programme's union, a batch's totals,
one grant, a batch's timeline and a campaign's figures, each through the scope."""

import pytest

from gonghui.aid.figures import campaign_figures
from gonghui.aid.selectors import batch_events, batch_totals, campaign_get, campaigns_usable, grant_get
from gonghui.aid.services import batch_approve, batch_mark_paid, batch_remove_grants, batch_submit, grant_add
from gonghui.aid.tests.conftest import worker
from gonghui.core.errors import NotFound
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for

pytestmark = pytest.mark.django_db


def test_a_county_may_use_its_own_campaigns_and_those_run_above_it(world, new_programme, new_campaign,
                                                                    county2_admin):
    own = new_campaign(new_programme())
    province = new_campaign(new_programme(union=world.province, actor=world.province_officer),
                            actor=world.province_officer)
    clerk = scope_for(world.county_clerk, Perm.AID_DISBURSE)
    assert set(campaigns_usable(scope=clerk)) == {own, province}
    assert campaign_get(scope=clerk, pk=province.pk) == province
    sideways = scope_for(county2_admin, Perm.AID_DISBURSE)
    assert list(campaigns_usable(scope=sideways)) == [province]
    with pytest.raises(NotFound):
        campaign_get(scope=sideways, pk=own.pk)
    with pytest.raises(NotFound):
        campaign_get(scope=scope_for(world.no_grants, Perm.AID_DISBURSE), pk=own.pk)


def test_a_batch_totals_its_rows_by_status_and_members_apart(world, batch, county2_admin):
    a = grant_add(actor=world.county_clerk, batch=batch, data=worker(is_member=False))
    grant_add(actor=world.county_clerk, batch=batch, data=worker(cash="300", goods_value="0"))
    batch_remove_grants(actor=world.county_clerk, batch=batch, grant_ids=[a.pk], reason="重复")
    totals = batch_totals(batch=batch)
    assert (totals.live_rows, totals.rows("cancelled"), totals.live_amount) == (1, 1, 300)
    assert (totals.members, totals.non_members) == (0, 1)
    assert [e.action for e in batch_events(batch=batch)] == ["create", "select", "select", "review"]
    assert grant_get(scope=scope_for(world.county_clerk, Perm.AID_DISBURSE), pk=a.pk) == a
    with pytest.raises(NotFound):
        grant_get(scope=scope_for(county2_admin, Perm.AID_DISBURSE), pk=a.pk)


def test_a_campaign_counts_only_paid_rows_within_the_scope(world, campaign, batch):
    grant_add(actor=world.county_clerk, batch=batch, data=worker(is_member=True))
    grant_add(actor=world.county_clerk, batch=batch, data=worker())
    batch_submit(actor=world.county_clerk, batch=batch)
    view = scope_for(world.county_admin, Perm.AID_MANAGE)
    assert campaign_figures(scope=view, campaign=campaign).counts.times == 0  # approved is not paid
    batch_approve(actor=world.county_admin, batch=batch)
    batch_mark_paid(actor=world.county_clerk, batch=batch)
    figures = campaign_figures(scope=view, campaign=campaign)
    assert (figures.counts.people, figures.counts.events, str(figures.counts.amount_wan)) == (2, 1, "0.1400")
    assert (figures.members.times, figures.non_members.times) == (1, 1)
    assert campaign_figures(scope=scope_for(world.other_province_officer, Perm.AID_MANAGE),
                            campaign=campaign).counts.times == 0
