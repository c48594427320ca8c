"""The 集体合同 API: a contract walked through every step by the same services as the console, the
actions offered, scope (another county gets 404), refusals by field, retries, figures and work lists."""

import pytest

from gonghui.accounts.roles import RoleCode
from gonghui.contracts.models import ContractEvent, ContractKind, Meeting
from gonghui.contracts.tests.conftest import in_force
from gonghui.core.audit_models import AuditEntry
from gonghui.testing.world import make_employer, make_user

pytestmark = pytest.mark.django_db

NEGOTIATORS = [{"side": "union", "name": "张主席", "position": "工会主席", "is_chief": True},
               {"side": "union", "name": "李代表"}, {"side": "union", "name": "王代表"},
               {"side": "employer", "name": "赵总", "is_chief": True}, {"side": "employer", "name": "钱经理"},
               {"side": "employer", "name": "孙经理"}]


def wage_kind():
    return ContractKind.objects.get(code="wage")


def offered(api, world):
    response = api.post("/contracts", {"union_id": world.grassroots.pk, "kind_id": wage_kind().pk,
                                       "employer_id": world.employer.pk, "received_on": "2026-03-02",
                                       "offer_text": "提出工资集体协商"})
    assert response.status_code == 201, response.json()
    return response.json()["contract"]


def test_the_union_sides_clerk_takes_a_wage_contract_from_offer_to_supervision(world, api_as):
    api = api_as("grassroots_clerk")
    contract = offered(api, world)
    pk = contract["id"]
    assert contract["answer_due"] == "2026-03-23" and contract["status"] == "offered"
    assert api.get(f"/contracts/{pk}").json()["actions"][0] == "answer"
    body = api.post(f"/contracts/{pk}/answer", {"answered_on": "2026-03-10", "version": 1}).json()
    assert body["status"] == "negotiating" and body["actions"][0] == "draft"
    body = api.post(f"/contracts/{pk}/meetings", {"version": body["version"], "held_on": "2026-03-12",
                                                  "minutes": "第一次协商"}).json()
    body = api.post(f"/contracts/{pk}/draft", {
        "start_on": "2026-04-01", "end_on": "2029-03-31", "text": "第一条 ……", "negotiators": NEGOTIATORS,
        "terms": {"wages.increase_rate": "5.5", "wages.lowest_paid": "2300", "women.special_checkup": "是"}}).json()
    assert body["status"] == "drafted" and {t["code"] for t in body["terms"]} == {
        "wages.increase_rate", "wages.lowest_paid", "women.special_checkup"}
    body = api.post(f"/contracts/{pk}/vote", {"held_on": "2026-03-20", "entitled": 90, "present": 80,
                                              "in_favour": 70, "against": 5, "abstained": 5}).json()
    assert body["status"] == "adopted"
    body = api.post(f"/contracts/{pk}/sign", {"signed_on": "2026-03-25"}).json()
    assert body["status"] == "signed" and body["filing_due"]
    body = api.post(f"/contracts/{pk}/file", {"filed_on": "2026-03-30"}).json()
    assert body["status"] == "filed" and body["takes_effect_on"]
    body = api.post(f"/contracts/{pk}/review", {"result": "no_objection", "effective_on": "2026-04-01"}).json()
    assert body["status"] == "effective" and body["actions"][0] == "publish"
    body = api.post(f"/contracts/{pk}/publish", {"published_on": "2026-04-02"}).json()
    assert body["status"] == "published"
    response = api.post(f"/contracts/{pk}/supervision", {
        "version": body["version"], "year": 2026, "checked_on": "2026-12-01",
        "kept": ["wages.increase_rate", "wages.lowest_paid"], "broken": ["women.special_checkup"]})
    assert response.status_code == 200, response.json()
    assert response.json()["checks"][0]["broken"] == ["women.special_checkup"]
    actions = set(ContractEvent.objects.filter(contract_id=pk).values_list("action", flat=True))
    assert {"offer", "answer", "meet", "draft", "vote", "sign", "file", "approve", "publish", "check"} <= actions
    assert AuditEntry.objects.filter(action="contract.publish").exists()
    coverage = api.get(f"/contracts/{pk}/coverage").json()
    assert coverage["count"] == 1 and coverage["items"][0]["employer"]["id"] == world.employer.pk
    terms = api.get(f"/contracts/{pk}/terms").json()
    assert terms["wage_check"]["lowest_paid"] == "2300.00"


def test_a_retried_meeting_or_step_does_not_write_twice(world, api_as):
    api = api_as("grassroots_clerk")
    pk = offered(api, world)["id"]
    body = api.post(f"/contracts/{pk}/answer", {"answered_on": "2026-03-10"}).json()
    meeting = {"version": body["version"], "held_on": "2026-03-12", "minutes": "第一次协商"}
    assert api.post(f"/contracts/{pk}/meetings", meeting).status_code == 200
    retry = api.post(f"/contracts/{pk}/meetings", meeting)
    assert (retry.status_code, retry.json()["code"]) == (409, "concurrent_change")
    assert Meeting.objects.filter(contract_id=pk).count() == 1
    missing = api.post(f"/contracts/{pk}/meetings", {"held_on": "2026-03-12", "minutes": "再次"})
    assert missing.status_code == 422 and missing.json()["field"] == "version"
    again = api.post(f"/contracts/{pk}/answer", {"answered_on": "2026-03-10"})
    assert again.status_code in (400, 409) and again.json()["field"] == "status"
    assert ContractEvent.objects.filter(contract_id=pk, action="answer").count() == 1


def test_a_repeated_offer_is_shown_the_negotiation_already_open(world, api_as):
    api = api_as("grassroots_clerk")
    first = offered(api, world)
    second = api.post("/contracts", {"union_id": world.grassroots.pk, "kind_id": wage_kind().pk,
                                     "employer_id": world.employer.pk, "received_on": "2026-03-02"})
    assert second.json()["same_parties_negotiating"] == [first["id"]]


def test_refusals_name_the_field(world, api_as):
    api = api_as("grassroots_clerk")
    pk = offered(api, world)["id"]
    api.post(f"/contracts/{pk}/answer", {"answered_on": "2026-03-10"})
    unequal = api.post(f"/contracts/{pk}/draft", {"start_on": "2026-04-01", "end_on": "2030-04-01", "text": "文本",
                                                  "negotiators": NEGOTIATORS[:5], "terms": {}})
    assert unequal.status_code == 400
    assert {e["field"] for e in unequal.json()["errors"]} == {"end_on", "negotiators"}
    no_kind = api.post("/contracts", {"union_id": world.grassroots.pk, "kind_id": 999999,
                                      "employer_id": world.employer.pk, "received_on": "2026-03-02"})
    assert (no_kind.status_code, no_kind.json()["field"]) == (404, "kind_id")
    regional = api_as("township_clerk").post("/contracts", {"union_id": world.township.pk, "kind_id": wage_kind().pk,
                                       "reach": "regional", "received_on": "2026-03-02"})
    assert (regional.status_code, regional.json()["field"]) == (400, "employer_side")


def test_another_county_gets_404_and_a_reader_is_offered_no_action(world, api_as):
    contract = in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    world.people["county2_clerk"] = make_user("county2_clerk", world.county2, RoleCode.CLERK)
    other = api_as("county2_clerk")
    assert other.get(f"/contracts/{contract.pk}").status_code == 404
    refused = other.post(f"/contracts/{contract.pk}/terminate", {"ended_on": "2026-06-01", "reason": "x"})
    assert refused.status_code == 404
    assert other.get("/contracts").json()["count"] == 0
    world.people["county_reader"] = make_user("county_reader", world.county, RoleCode.STATS_VIEWER)
    seen = api_as("county_reader").get(f"/contracts/{contract.pk}")
    assert seen.status_code == 200 and seen.json()["actions"] == []
    assert api_as("grassroots_clerk").get(f"/contracts/{contract.pk}").json()["actions"][0] == "publish"


def test_the_list_filters_like_the_console(world, api_as):
    in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    api = api_as("grassroots_clerk")
    assert api.get("/contracts", show="in_force").json()["count"] == 1
    assert api.get("/contracts", show="open").json()["count"] == 0
    assert api.get("/contracts", status="effective", kind=wage_kind().pk).json()["count"] == 1
    assert api.get("/contracts", q="示例").json()["count"] == 1
    elsewhere = api.get("/contracts", union=world.county2.pk)
    assert (elsewhere.status_code, elsewhere.json()["field"]) == (404, "union")


def test_figures_and_the_two_work_lists(world, api_as):
    uncovered = make_employer(world.grassroots, "没有工资合同的公司")  # unionised: under an enterprise union
    contract = in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    api = api_as("county_clerk")
    figures = api.get("/contracts/figures", union=world.county.pk, start="2026-01-01", end="2026-12-31").json()
    assert figures["in_force"] == 1 and figures["employers_covered"] == 1 and figures["signed"] == 1
    assert figures["average_wage_increase"] == "5.00"
    names = [e["name"] for e in api.get("/contracts/work-lists/no-wage-contract", union=world.county.pk)
             .json()["items"]]
    assert uncovered.name in names and world.employer.name not in names
    lapsing = api.get("/contracts/work-lists/lapsing", union=world.county.pk).json()
    assert contract.pk not in [c["id"] for c in lapsing["items"]]  # ends in 2029
    backwards = api.get("/contracts/figures", start="2026-12-31", end="2026-01-01")
    assert (backwards.status_code, backwards.json()["field"]) == (400, "end")
    codebook = api.get("/contracts/codebook").json()
    assert "wages.increase_rate" in [v["code"] for t in codebook["topics"] for v in t["variables"]]


def test_a_draft_naming_one_member_on_both_sides_is_refused_and_a_linked_negotiator_reads_back(world, api_as):
    from gonghui.members.models import Member

    member = world.membership.member
    Member.objects.filter(pk=member.pk).update(employer=world.employer)
    api = api_as("grassroots_clerk")
    pk = offered(api, world)["id"]
    api.post(f"/contracts/{pk}/answer", {"answered_on": "2026-03-10"})
    both = [*NEGOTIATORS[:5], {"side": "employer", "name": "李四（人事）", "member_id": member.pk},
            {"side": "union", "name": "李四"}, {"side": "employer", "name": "周经理"}]
    refused = api.post(f"/contracts/{pk}/draft", {"start_on": "2026-04-01", "end_on": "2029-03-31", "text": "文本",
                                                  "negotiators": both, "terms": {}})
    assert refused.status_code == 400
    assert [e["message"] for e in refused.json()["errors"]] == [
        "职工方协商代表李四与用人单位方协商代表李四（人事）是同一会员，一人只能代表一方。"]
    linked = [*NEGOTIATORS[:5], {"side": "employer", "name": "周经理"}, {"side": "union", "name": "李四"},
              {"side": "employer", "name": "吴经理"}]
    body = api.post(f"/contracts/{pk}/draft", {"start_on": "2026-04-01", "end_on": "2029-03-31", "text": "文本",
                                               "negotiators": linked, "terms": {}}).json()
    assert [n["member_id"] for n in body["negotiators"] if n["name"] == "李四"] == [member.pk]


def test_an_offer_and_an_attachment_repeated_with_their_key_are_written_once(world, api_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gonghui.contracts.models import CollectiveContract, ContractAttachment

    api = api_as("grassroots_clerk")
    body = {"union_id": world.grassroots.pk, "kind_id": wage_kind().pk, "employer_id": world.employer.pk,
            "received_on": "2026-03-02", "offer_text": "提出工资集体协商"}
    keyed = {**api.headers, "Idempotency-Key": "offer-2026-03-02"}
    first = api.client.post("/api/v1/contracts", body, content_type="application/json", headers=keyed)
    audits = AuditEntry.objects.count()
    again = api.client.post("/api/v1/contracts", body, content_type="application/json", headers=keyed)
    assert first.status_code == again.status_code == 201 and first.json() == again.json()
    assert (CollectiveContract.objects.count(), AuditEntry.objects.count()) == (1, audits)
    pk = first.json()["contract"]["id"]
    keyed = {**api.headers, "Idempotency-Key": "minutes-1"}
    sent = [api.client.post(f"/api/v1/contracts/{pk}/attachments", {
        "file": SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 x", content_type="application/pdf")}, headers=keyed)
        for _ in range(2)]
    assert [r.status_code for r in sent] == [201, 201] and sent[0].json() == sent[1].json()
    assert ContractAttachment.objects.count() == 1
