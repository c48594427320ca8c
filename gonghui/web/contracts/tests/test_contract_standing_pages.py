"""The contract page offers each viewer their own steps: the union side's clerk the workflow, a union
above only 指导意见 (shown in the timeline with its author), and a step posted anyway is refused."""

import pytest
from django.test import Client

from gonghui.contracts.choices import Status
from gonghui.contracts.models import CollectiveContract, ContractKind
from gonghui.contracts.tests.conftest import in_force
from gonghui.testing.world import PASSWORD

pytestmark = pytest.mark.django_db


def login(username):
    client = Client()
    assert client.post("/login/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


def test_a_union_above_is_offered_guidance_only_and_a_posted_step_is_refused(world):
    contract = in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    for above in ("county_clerk", "province_officer"):
        county = login(above)
        page = county.get(f"/contracts/{contract.pk}/").content.decode()
        assert 'data-action="guide"' in page and 'data-testid="supervising"' in page
        for step in ("publish", "check", "terminate", "attach"):
            assert f'data-action="{step}"' not in page
        refused = county.post(f"/contracts/{contract.pk}/do/publish/",
                              {"version": contract.version, "published_on": "2026-04-20"})
        assert refused.status_code == 400
        assert "只有该工会的干部可以公布" in refused.content.decode()
    contract.refresh_from_db()
    assert contract.status == Status.EFFECTIVE


def test_guidance_posted_by_the_county_shows_in_the_holders_timeline(world):
    contract = in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    county = login("county_clerk")
    done = county.post(f"/contracts/{contract.pk}/do/guide/", {"note": "请尽快向全体职工公布。"})
    assert done.status_code == 302
    holder = login("grassroots_clerk").get(f"/contracts/{contract.pk}/").content.decode()
    assert "请尽快向全体职工公布。" in holder and "（成都市锦江区总工会）" in holder
    assert 'data-action="publish"' in holder and 'data-action="guide"' not in holder
    refused = login("grassroots_clerk").post(f"/contracts/{contract.pk}/do/guide/", {"note": "自评"})
    assert refused.status_code == 400
    empty = county.post(f"/contracts/{contract.pk}/do/guide/", {"note": ""})
    assert empty.status_code == 400


def test_a_union_above_cannot_open_an_offer_for_the_grassroots_union(world):
    county = login("county_clerk")
    page = county.get("/contracts/new/").content.decode()
    assert "示例科技有限公司工会委员会" not in page
    response = county.post("/contracts/new/", {
        "kind": ContractKind.objects.get(code="wage").pk, "reach": "employer", "union": world.grassroots.pk,
        "employer": world.employer.pk, "offered_by": "union", "received_on": "2026-03-02"})
    assert response.status_code == 400
    assert not CollectiveContract.objects.exists()
