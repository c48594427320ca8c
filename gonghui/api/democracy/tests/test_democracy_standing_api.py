"""On the API: a union above reads the grassroots union's congress, is offered `guide` only, is
refused its records with 403 naming the holder, and records 指导意见; the holder is offered `manage`."""

import pytest

from gonghui.democracy.models import CongressGuidance
from gonghui.democracy.services import proposal_submit
from gonghui.democracy.tests.setup import make_congress

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(world):
    return make_congress(world.grassroots, actor=world.grassroots_clerk)


def test_a_union_above_is_refused_the_records_and_may_record_guidance(world, held, api_as):
    county = api_as("county_clerk")
    seen = county.get(f"/democracy/congresses/{held.congress.pk}").json()
    assert seen["actions"] == ["guide"] and seen["guidance"] == []
    refused = county.post(f"/democracy/terms/{held.term.pk}/sessions", {"held_on": "2025-09-01", "title": "临时会议"})
    assert refused.status_code == 403 and refused.json()["code"] == "not_holder"
    assert "示例科技有限公司工会委员会" in refused.json()["message"]
    guided = county.post(f"/democracy/congresses/{held.congress.pk}/guidance", {"note": "请按期召开职代会。"})
    assert guided.status_code == 200
    assert guided.json()["guidance"][0]["note"] == "请按期召开职代会。"
    assert "锦江区总工会" in guided.json()["guidance"][0]["actor"]
    assert county.post(f"/democracy/congresses/{held.congress.pk}/guidance",
                       {"note": "请按期召开职代会。"}).status_code == 200
    assert CongressGuidance.objects.count() == 1


def test_the_holder_is_offered_the_records_and_the_proposal_steps(world, held, api_as):
    holder = api_as("grassroots_clerk")
    assert holder.get(f"/democracy/congresses/{held.congress.pk}").json()["actions"] == ["manage"]
    assert holder.post(f"/democracy/congresses/{held.congress.pk}/guidance", {"note": "x"}).status_code == 403
    proposal = proposal_submit(actor=world.grassroots_clerk, congress=held.congress, submitter=held.delegates[10],
                               title="夜班供餐", content="夜班没有热饭。", cosigners=held.delegates[11:13])
    assert "accept" in holder.get(f"/democracy/proposals/{proposal.pk}").json()["actions"]
    assert api_as("county_clerk").get(f"/democracy/proposals/{proposal.pk}").json()["actions"] == []
    far = api_as("other_province_officer")
    assert far.post(f"/democracy/congresses/{held.congress.pk}/guidance", {"note": "x"}).status_code == 404
