"""On the API as on the console: a union above reads the grassroots union's contract, is offered and
may take only `guidance`; the union side's clerk takes the steps."""

import pytest

from gonghui.contracts.models import ContractEvent
from gonghui.contracts.tests.conftest import in_force

pytestmark = pytest.mark.django_db


def test_a_union_above_is_refused_the_steps_and_may_record_guidance(world, api_as):
    contract = in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    province = api_as("province_officer")
    seen = province.get(f"/contracts/{contract.pk}").json()
    assert seen["actions"] == ["guide"]
    refused = province.post(f"/contracts/{contract.pk}/publish", {"published_on": "2026-04-20",
                                                                  "version": contract.version})
    assert refused.status_code == 403 and refused.json()["code"] == "not_holder"
    assert "示例科技有限公司工会委员会" in refused.json()["message"]
    offer = province.post("/contracts", {"union_id": world.grassroots.pk, "kind_id": contract.kind_id,
                                         "employer_id": world.employer.pk, "received_on": "2026-03-02"})
    assert offer.status_code == 403
    guided = province.post(f"/contracts/{contract.pk}/guidance", {"note": "请按时开展年度履约检查。"})
    assert guided.status_code == 200
    event = guided.json()["events"][0]
    assert (event["action"], event["note"]) == ("guide", "请按时开展年度履约检查。")
    assert "四川省总工会" in event["actor"]
    assert province.post(f"/contracts/{contract.pk}/guidance", {"note": "请按时开展年度履约检查。"}).status_code == 200
    assert ContractEvent.objects.filter(contract=contract, action="guide").count() == 1


def test_the_holder_takes_the_step_and_may_not_guide_itself(world, api_as):
    contract = in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    holder = api_as("grassroots_clerk")
    assert "guide" not in holder.get(f"/contracts/{contract.pk}").json()["actions"]
    assert holder.post(f"/contracts/{contract.pk}/guidance", {"note": "x"}).status_code == 403
    done = holder.post(f"/contracts/{contract.pk}/publish", {"published_on": "2026-04-20", "version": contract.version})
    assert done.status_code == 200 and done.json()["status"] == "published"
    assert api_as("other_province_officer").post(f"/contracts/{contract.pk}/guidance",
                                                 {"note": "x"}).status_code == 404
