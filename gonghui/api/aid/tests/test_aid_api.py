"""The aid API: programmes, campaigns, a batch through every step, the duplicate guard, the bank's
files, scope, permissions, bad input naming its field, and a household from survey to paid."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from gonghui.accounts.roles import RoleCode
from gonghui.aid.tests.conftest import make_file, worker
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.services import assessment_rule_add
from gonghui.assistance.tests.conftest import CONSENT, household_of
from gonghui.testing.world import SYSTEM, make_person_id, make_user

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def people(world):
    for name, union, role in (("grassroots_reviewer", world.grassroots, RoleCode.REVIEWER),
                              ("county_reviewer", world.county, RoleCode.REVIEWER),
                              ("county2_admin", world.county2, RoleCode.UNION_ADMIN)):
        world.people[name] = make_user(name, union, role)
    return world


def programme_body(world, **overrides):
    return {"union_id": world.county.pk, "kind": "winter_warmth", "name": "送温暖", "fund_source": "warmth_fund",
            "budget": "10000", "standard_amount": "500", "standard_goods_value": "200", **overrides}


@pytest.fixture
def programme(world, people, api_as):
    response = api_as("county_admin").post("/aid/programmes", programme_body(world))
    assert response.status_code == 201, response.json()
    return response.json()


@pytest.fixture
def campaign(world, programme, api_as):
    response = api_as("county_admin").post("/aid/campaigns", {"programme_id": programme["id"], "year": 2026,
                                                              "starts_on": "2026-01-01", "ends_on": "2026-02-28"})
    assert response.status_code == 201, response.json()
    return response.json()


@pytest.fixture
def batch(world, campaign, api_as):
    response = api_as("county_clerk").post("/aid/batches", {"campaign_id": campaign["id"],
                                                            "union_id": world.county.pk, "granted_on": "2026-01-20"})
    assert response.status_code == 201, response.json()
    return response.json()


def recipient(**overrides):
    data = worker(**overrides)
    return {k: v for k, v in data.items() if k in {"name", "id_number", "phone", "group", "is_member", "cash",
                                                   "goods_value", "goods", "student_name", "school", "grade",
                                                   "payee_account"}}


def test_a_household_goes_from_the_survey_to_a_paid_grant_through_the_api(world, people, api_as):
    assessment_rule_add(actor=SYSTEM, adcode="510100", area_name="成都市", min_living_monthly="1000",
                        deep_factor="1.0", relative_factor="1.5", accident_factor="2.0",
                        effective_from=datetime.date(2024, 1, 1), source="测试数据")
    id_number = make_person_id()
    surveyed = api_as("county_clerk").post("/hardship/files", {
        "union_id": world.grassroots.pk, "worker": {"name": "张困难", "id_number": id_number},
        "household": household_of(24000, 12000, 0, worker_id=id_number), "causes": ["illness"],
        "adcode": "510104", "consent": CONSENT}).json()
    file_path = f"/hardship/files/{surveyed['id']}"
    for persona, step in (("county_clerk", "apply"), ("grassroots_reviewer", "review"),
                          ("county_reviewer", "approve"), ("county_clerk", "open")):
        assert api_as(persona).post(f"{file_path}/{step}", {}).status_code == 200, step
    programme = api_as("county_admin").post("/aid/programmes", programme_body(world)).json()
    campaign = api_as("county_admin").post("/aid/campaigns", {
        "programme_id": programme["id"], "year": TODAY().year, "starts_on": str(TODAY()),
        "ends_on": str(TODAY() + datetime.timedelta(days=30))}).json()
    clerk = api_as("county_clerk")
    batch = clerk.post("/aid/batches", {"campaign_id": campaign["id"], "union_id": world.county.pk}).json()
    path = f"/aid/batches/{batch['id']}"
    selected = clerk.post(f"{path}/select").json()
    assert (selected["added"], selected["set_aside"]) == (1, [])
    assert clerk.post(f"{path}/submit", {}).json()["status"] == "submitted"
    approved = api_as("county_admin").post(f"{path}/approve", {})
    assert approved.json()["status"] == "approved" and approved.json()["committed"] == "700.00"
    paid = clerk.post(f"{path}/mark-paid", {"version": approved.json()["version"]}).json()
    assert paid["status"] == "paid" and paid["totals"]["by_status"]["paid"] == {"rows": 1, "amount": "700.00"}
    assert api_as("county_clerk").get(file_path).json()["status"] == "aided"
    history = clerk.get(f"/aid/files/{surveyed['id']}/grants").json()
    assert history["count"] == 1 and history["items"][0]["programme_name"] == "送温暖"
    worker_history = clerk.post("/aid/grants/of-person", {"id_number": id_number}).json()
    assert [g["id"] for g in worker_history["items"]] == [g["id"] for g in history["items"]]
    assert api_as("county2_admin").post("/aid/grants/of-person", {"id_number": id_number}).json()["count"] == 0
    nobody = clerk.post("/aid/grants/of-person", {"phone": "12"})
    assert (nobody.status_code, nobody.json()["field"]) == (400, "phone")
    figures = clerk.get("/aid/figures", start=str(TODAY()), end=str(TODAY()), union=world.county.pk).json()
    assert figures["total"]["times"] == 1 and figures["total"]["amount"] == "700.00"
    again = clerk.post("/aid/batches", {"campaign_id": campaign["id"], "union_id": world.county.pk}).json()
    second = clerk.post(f"/aid/batches/{again['id']}/select").json()
    assert second["added"] == 0 and second["set_aside"][0]["reason"] == "already_aided"
    assert second["set_aside"][0]["earlier"]["batch"] == batch["id"]


def test_a_batch_walks_through_review_submission_return_approval_and_payment(world, batch, programme, api_as):
    clerk = api_as("county_clerk")
    path = f"/aid/batches/{batch['id']}"
    assert batch["status"] == "draft" and batch["actions"] == ["select", "review", "submit", "cancel"]
    added = clerk.post(f"{path}/recipients", {"recipients": [recipient(), recipient(is_member=True),
                                                              recipient(group="new_form")]})
    assert added.status_code == 200 and added.json() == {"added": 3, "set_aside": []}
    grants = clerk.get(f"{path}/grants").json()["items"]
    assert all("*" in g["id_masked"] and "*" in g["phone_masked"] for g in grants)
    assert clerk.post(f"{path}/remove", {"grant_ids": [grants[0]["id"]], "reason": "已迁出"}).json() == {"removed": 1}
    adjusted = clerk.patch(f"/aid/grants/{grants[1]['id']}", {"cash": "800", "goods": "米面油"})
    assert adjusted.status_code == 200 and (adjusted.json()["cash"], adjusted.json()["goods"]) == ("800.00", "米面油")
    detail = clerk.get(path).json()
    assert (detail["totals"]["rows"], detail["totals"]["amount"]) == (2, "1700.00")
    assert (detail["totals"]["members"], detail["totals"]["non_members"]) == (1, 1)
    clerk.post(f"{path}/submit", {})
    assert clerk.post(f"{path}/approve", {}).status_code == 403
    returned = api_as("county_admin").post(f"{path}/return", {"reason": "请核对金额"})
    assert returned.json()["status"] == "draft"
    clerk.post(f"{path}/submit", {})
    approved = api_as("county_admin").post(f"{path}/approve", {}).json()
    assert approved["approved_by"] == "county_admin"
    assert clerk.get(path).json()["actions"] == ["mark_paid", "bank_result", "cancel"]
    paid = clerk.post(f"{path}/mark-paid", {}).json()
    assert paid["status"] == "paid"
    assert [e["action"] for e in paid["events"]] == ["create", "select", "review", "review", "submit", "return",
                                                     "submit", "approve", "mark_paid"]
    spent = api_as("county_admin").get(f"/aid/programmes/{programme['id']}").json()
    assert (spent["committed"], spent["paid"], spent["available"]) == ("1700.00", "1700.00", "8300.00")


def test_a_second_place_in_the_cycle_is_refused_with_its_code_and_the_earlier_grant(world, people, api_as):
    province = api_as("province_officer").post("/aid/programmes", programme_body(world, union_id=world.province.pk))
    assert province.status_code == 201, province.json()
    campaign = api_as("province_officer").post("/aid/campaigns", {
        "programme_id": province.json()["id"], "year": 2026, "starts_on": "2026-01-01", "ends_on": "2026-02-28"}).json()
    # A county pays out the province's campaign; so does another county, for other people.
    assert api_as("county_clerk").get(f"/aid/campaigns/{campaign['id']}").status_code == 200
    usable = api_as("county2_admin").get("/aid/campaigns", usable=True, year=2026).json()
    assert [c["id"] for c in usable["items"]] == [campaign["id"]]
    assert api_as("county2_admin").get("/aid/campaigns").json()["count"] == 0
    here = api_as("county_clerk").post("/aid/batches", {"campaign_id": campaign["id"], "union_id": world.county.pk})
    there = api_as("county2_admin").post("/aid/batches", {"campaign_id": campaign["id"],
                                                         "union_id": world.county2.pk})
    assert here.status_code == there.status_code == 201
    person = recipient()
    first = api_as("county_clerk").post(f"/aid/batches/{here.json()['id']}/grants", person)
    assert first.status_code == 201, first.json()
    mine = api_as("county_clerk").post(f"/aid/batches/{here.json()['id']}/grants", {**person, "name": "赵大勇"})
    assert (mine.status_code, mine.json()["code"]) == (409, "duplicate_grant")
    assert mine.json()["earlier"][0]["grant"] == first.json()["id"] and mine.json()["message_en"]
    elsewhere = api_as("county2_admin").post(f"/aid/batches/{there.json()['id']}/grants", person)
    assert (elsewhere.status_code, elsewhere.json()["code"]) == (409, "duplicate_grant")
    assert elsewhere.json()["earlier"][0] == {"other_union": True, "grant": None, "union": None, "batch": None,
                                              "batch_title": "", "date": ""}
    told = elsewhere.json()["message_zh"]
    assert world.county.name not in told and str(TODAY()) not in told
    listed = api_as("county2_admin").post(f"/aid/batches/{there.json()['id']}/recipients",
                                          {"recipients": [person, recipient(), {**person, "name": "重复"}]})
    assert listed.json()["added"] == 1
    assert [s["reason"] for s in listed.json()["set_aside"]] == ["already_aided", "already_aided"]


def test_bad_recipients_name_their_row_and_field(world, batch, api_as):
    wrong = api_as("county_clerk").post(f"/aid/batches/{batch['id']}/recipients", {"recipients": [
        recipient(), {"name": "无证件"}, recipient(id_number="510104", phone="12")]})
    assert wrong.status_code == 400
    assert [e["field"] for e in wrong.json()["errors"]] == ["recipients.2.id_number", "recipients.3.id_number",
                                                            "recipients.3.phone"]
    assert wrong.json()["errors"][0]["message_zh"].startswith("名单第2行：")
    assert all(e["message_zh"] and e["message_en"] for e in wrong.json()["errors"])
    typed = api_as("county_clerk").post(f"/aid/batches/{batch['id']}/recipients",
                                        {"recipients": [{**recipient(), "cash": "-1"}]})
    assert (typed.status_code, typed.json()["field"]) == (422, "recipients.0.cash")
    assert api_as("county_clerk").get(f"/aid/batches/{batch['id']}").json()["totals"]["rows"] == 0


def test_programmes_check_permission_input_and_budget(world, programme, batch, api_as):
    assert api_as("county_clerk").post("/aid/programmes", programme_body(world)).status_code == 403
    bad = api_as("county_admin").post("/aid/programmes", programme_body(world, fund_source="lottery",
                                                                       standard_amount="1.234"))
    assert bad.status_code == 422 and [e["field"] for e in bad.json()["errors"]] == ["fund_source",
                                                                                     "standard_amount"]
    blank = api_as("county_admin").post("/aid/programmes", programme_body(world, name=" "))
    # Normalised before the schema's checks: a name of only spaces is as empty as "".
    assert (blank.status_code, blank.json()["field"]) == (422, "name")
    api_as("county_clerk").post(f"/aid/batches/{batch['id']}/recipients", {"recipients": [recipient()]})
    api_as("county_clerk").post(f"/aid/batches/{batch['id']}/submit", {})
    api_as("county_admin").post(f"/aid/batches/{batch['id']}/approve", {})
    low = api_as("county_admin").post(f"/aid/programmes/{programme['id']}/budget", {"budget": "100"})
    assert (low.status_code, low.json()["code"]) == (409, "budget_exceeded")
    raised = api_as("county_admin").post(f"/aid/programmes/{programme['id']}/budget", {"budget": "20000"})
    assert raised.json()["budget"] == "20000.00"
    twice = api_as("county_admin").post("/aid/campaigns", {"programme_id": programme["id"], "year": 2026,
                                                          "starts_on": "2026-01-01", "ends_on": "2026-02-28"})
    assert (twice.status_code, twice.json()["code"]) == (409, "campaign_exists")
    backwards = api_as("county_admin").post("/aid/campaigns", {"programme_id": programme["id"], "year": 2027,
                                                              "starts_on": "2027-03-01", "ends_on": "2027-02-28"})
    assert (backwards.status_code, backwards.json()["field"]) == (400, "ends_on")


def test_an_approval_over_the_budget_is_refused(world, people, api_as):
    small = api_as("county_admin").post("/aid/programmes", programme_body(world, budget="600")).json()
    campaign = api_as("county_admin").post("/aid/campaigns", {"programme_id": small["id"], "year": 2026,
                                                              "starts_on": "2026-01-01", "ends_on": "2026-02-28"})
    batch = api_as("county_clerk").post("/aid/batches", {"campaign_id": campaign.json()["id"],
                                                         "union_id": world.county.pk}).json()
    api_as("county_clerk").post(f"/aid/batches/{batch['id']}/recipients", {"recipients": [recipient()]})
    api_as("county_clerk").post(f"/aid/batches/{batch['id']}/submit", {})
    over = api_as("county_admin").post(f"/aid/batches/{batch['id']}/approve", {})
    assert (over.status_code, over.json()["code"]) == (409, "budget_exceeded")
    assert "600" in over.json()["message_zh"]
    cancelled = api_as("county_clerk").post(f"/aid/batches/{batch['id']}/cancel", {"reason": "预算不足"})
    assert cancelled.json()["status"] == "cancelled" and cancelled.json()["cancel_reason"] == "预算不足"


def test_the_bank_list_goes_out_and_its_result_comes_back_whole_or_not_at_all(world, batch, api_as):
    clerk = api_as("county_clerk")
    path = f"/aid/batches/{batch['id']}"
    clerk.post(f"{path}/recipients", {"recipients": [recipient(payee_account="6222021234567890123"),
                                                     recipient(payee_account="6222029876543210987")]})
    assert clerk.get(f"{path}/bank-export").status_code == 400
    clerk.post(f"{path}/submit", {})
    api_as("county_admin").post(f"{path}/approve", {})
    exported = clerk.get(f"{path}/bank-export")
    assert exported.status_code == 200 and exported["Cache-Control"] == "no-store"
    rows = list(load_workbook(io.BytesIO(b"".join(exported.streaming_content))).active.iter_rows(values_only=True))
    assert len(rows) == 3 and "*" in rows[1][2]
    ids = [r[0] for r in rows[1:]]
    wrong = f"发放编号,结果,失败原因\n{ids[0]},成功,\n{ids[1]},失败,\n999999,成功,\n".encode()
    refused = clerk.client.post(f"/api/v1{path}/bank-result",
                                {"file": SimpleUploadedFile("回盘.csv", wrong, content_type="text/csv")},
                                headers=clerk.headers)
    assert (refused.status_code, refused.json()["code"]) == (400, "bank_file_invalid")
    assert [(e["row"], e["field"]) for e in refused.json()["errors"]] == [(3, "reason"), (4, "grant")]
    assert clerk.get(path).json()["status"] == "approved"
    right = f"发放编号,结果,失败原因\n{ids[0]},成功,\n{ids[1]},失败,账号已销户\n".encode()
    applied = clerk.client.post(f"/api/v1{path}/bank-result",
                                {"file": SimpleUploadedFile("回盘.csv", right, content_type="text/csv")},
                                headers=clerk.headers)
    assert applied.status_code == 200, applied.json()
    assert applied.json() == {"paid": 1, "failed": 1, "status": "partly_paid"}
    failed = clerk.get(f"{path}/grants", status="failed").json()["items"]
    assert [g["failure_reason"] for g in failed] == ["账号已销户"]


def test_another_county_cannot_see_and_lists_do_not_leak(world, people, batch, programme, api_as):
    outsider = api_as("county2_admin")
    assert outsider.get(f"/aid/batches/{batch['id']}").status_code == 404
    assert outsider.post(f"/aid/batches/{batch['id']}/grants", recipient()).status_code == 404
    assert outsider.get(f"/aid/programmes/{programme['id']}").status_code == 404
    assert outsider.get("/aid/batches").json()["count"] == 0
    assert outsider.get("/aid/programmes").json()["count"] == 0
    assert api_as("county_clerk").get("/aid/batches").json()["count"] == 1
    assert api_as("auditor").get("/aid/batches").status_code == 403
    household = make_file(world.grassroots)
    assert outsider.get(f"/aid/files/{household.pk}/grants").status_code == 404
    foreign = outsider.post("/aid/batches", {"campaign_id": batch["campaign"]["id"], "union_id": world.county2.pk})
    assert (foreign.status_code, foreign.json()["field"]) == (404, "campaign_id")
    assert HardshipFile.objects.count() == 1


def test_listing_batches_and_programmes_keeps_its_query_count(world, campaign, api_as,
                                                             django_assert_max_num_queries):
    clerk = api_as("county_clerk")
    for _n in range(5):
        made = clerk.post("/aid/batches", {"campaign_id": campaign["id"], "union_id": world.county.pk}).json()
        clerk.post(f"/aid/batches/{made['id']}/recipients", {"recipients": [recipient()]})
    clerk.get("/me")
    # The token, a grant query for each permission that opens the aid pages, the campaign, count, page.
    with django_assert_max_num_queries(7):
        listed = clerk.get("/aid/batches", status="draft", campaign=campaign["id"])
    assert listed.json()["count"] == 5 and listed.json()["items"][0]["rows"] == 1
    assert listed.json()["items"][0]["total"] == "700.00"
    with django_assert_max_num_queries(7):
        assert clerk.get("/aid/programmes", usable=True).json()["count"] == 1
    assert clerk.get("/aid/campaigns", year=2026).json()["count"] == 1
    backwards = clerk.get("/aid/figures", start="2026-02-01", end="2026-01-01")
    assert (backwards.status_code, backwards.json()["field"]) == (400, "end")


def test_households_in_file_are_added_one_by_one(world, batch, api_as):
    mine, other = make_file(world.grassroots, name="钱二"), make_file(world.county2, name="孙三")
    clerk = api_as("county_clerk")
    path = f"/aid/batches/{batch['id']}/files"
    added = clerk.post(path, {"file_ids": [mine.pk]})
    assert added.status_code == 200 and added.json() == {"added": 1, "set_aside": []}
    grant = clerk.get(f"/aid/batches/{batch['id']}/grants").json()["items"][0]
    assert (grant["hardship_file_id"], grant["group"], grant["name"]) == (mine.pk, "hardship", "钱二")
    again = clerk.post(path, {"file_ids": [mine.pk]}).json()
    assert again["added"] == 0 and again["set_aside"][0]["reason"] == "already_aided"
    outside = clerk.post(path, {"file_ids": [other.pk]})
    assert (outside.status_code, outside.json()["field"], outside.json()["code"]) == (400, "file_ids",
                                                                                     "not_eligible")
    empty = clerk.post(path, {"file_ids": []})
    assert (empty.status_code, empty.json()["field"]) == (422, "file_ids")


def test_a_dimension_bomb_bank_result_is_refused_naming_the_limit(world, batch, api_as, monkeypatch):
    from gonghui.core.tests import bombs

    monkeypatch.setattr("gonghui.core.tabular.read_with_calamine", bombs.unreachable)
    clerk = api_as("county_clerk")
    path = f"/aid/batches/{batch['id']}"
    clerk.post(f"{path}/recipients", {"recipients": [recipient(payee_account="6222021234567890123")]})
    clerk.post(f"{path}/submit", {})
    api_as("county_admin").post(f"{path}/approve", {})
    refused = clerk.client.post(f"/api/v1{path}/bank-result",
                                {"file": SimpleUploadedFile("回盘.xlsx", bombs.dimension_bomb())},
                                headers=clerk.headers)
    assert refused.status_code == 400 and bombs.REFUSAL in str(refused.json())
    assert clerk.get(path).json()["status"] == "approved"
