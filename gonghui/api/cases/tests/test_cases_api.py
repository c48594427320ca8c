"""The 维权 API: intake and routing, queues, a walk through every step, scope, errors, query bounds."""

import datetime
import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gonghui.accounts.roles import RoleCode
from gonghui.cases.services import case_classify, case_intake
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db
_phones = itertools.count(1)


def call(**overrides):
    return {"caller_name": "张三", "caller_phone": f"136{next(_phones):08d}", "employer_name": "某建筑劳务公司",
            "description": "被拖欠三个月工资，共计一万二千元。", **overrides}


@pytest.fixture
def hotline(world):
    world.people["hotline_agent"] = make_user("hotline_agent", world.province, RoleCode.HOTLINE_AGENT)
    return world.hotline_agent


@pytest.fixture
def county_case(world, hotline):
    case = case_intake(actor=hotline, union=world.county, data=call()).case
    return case_classify(actor=world.county_admin, case=case, category="wages", difficulty="hard")


def test_an_agent_takes_a_call_and_gets_a_routing_suggestion(world, hotline, api_as):
    api = api_as("hotline_agent")
    hint = api.post("/cases/route", {"text": "老板拖欠工资三个月", "employer_name": "示例科技有限公司"})
    assert hint.status_code == 200, hint.json()
    body = hint.json()
    assert body["categories"][0]["category"] == "wages" and body["union"]["id"] == world.grassroots.pk
    created = api.post("/cases", {"union_id": world.province.pk, **call(), "category": "wages"})
    assert created.status_code == 201, created.json()
    case = created.json()["case"]
    assert case["number"].startswith("12351-") and case["caller_phone_masked"].count("*") == 4
    again = api.post("/cases", {"union_id": world.province.pk, **call(caller_phone="13600000001")})
    dup = api.post("/cases", {"union_id": world.province.pk, **call(caller_phone="13600000001")})
    assert again.json()["case"]["number"] in dup.json()["possible_duplicates"]


def test_intake_takes_the_callers_wish_for_confidentiality_and_the_detail_gives_it(world, hotline, api_as):
    api = api_as("hotline_agent")
    created = api.post("/cases", {"union_id": world.province.pk, **call(), "identity_withheld": True})
    assert created.status_code == 201, created.json()
    assert api.get(f"/cases/{created.json()['case']['id']}").json()["identity_withheld"] is True
    plain = api.post("/cases", {"union_id": world.province.pk, **call()}).json()["case"]["id"]
    assert api.get(f"/cases/{plain}").json()["identity_withheld"] is False


def test_bad_intake_names_every_wrong_field_in_the_one_error_shape(world, api_as, hotline):
    response = api_as("hotline_agent").post("/cases", {"union_id": world.province.pk, "caller_name": "",
                                                       "caller_phone": "123", "description": " "})
    body = response.json()
    assert response.status_code == 400
    assert {e["field"] for e in body["errors"]} >= {"caller_name", "caller_phone", "description"}
    assert body["message_zh"] and body["message_en"]


def test_a_case_walks_through_every_step(world, hotline, api_as):
    county = api_as("county_admin")
    world.people["township_clerk"] = make_user("township_clerk", world.township, RoleCode.CLERK)
    township = api_as("township_clerk")
    case = case_intake(actor=hotline, union=world.county, data=call()).case
    path = f"/cases/{case.pk}"
    # Each step is taken by the union holding the case at that moment.
    steps = [(county, "classify", {"category": "wages", "difficulty": "hard"}),
             (county, "assign", {"handler_id": world.county_clerk.pk}),
             (county, "dispatch", {"union_id": world.township.pk}), (township, "return", {"reason": "不属本辖区"}),
             (county, "dispatch", {"union_id": world.township.pk}),
             (township, "accept", {}), (township, "start", {}), (township, "notes", {"note": "约谈用人单位"}),
             (township, "resolve", {"outcome": "补发工资", "money_recovered": "12000.00", "people_helped": 3}),
             (township, "callback", {"rating": "dissatisfied"}), (township, "close", {}),
             (township, "reopen", {"reason": "职工不满意"})]
    for api, step, data in steps:
        response = api.post(f"{path}/{step}", data)
        assert response.status_code == 200, (step, response.json())
    detail = api.get(path).json()
    assert detail["status"] == "reopened" and detail["handling_union"]["id"] == world.township.pk
    assert [e["action"] for e in detail["events"]][:4] == ["intake", "classify", "assign", "dispatch"]
    upload = SimpleUploadedFile("合同.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    attached = api.client.post(f"/api/v1{path}/attachments", {"file": upload}, headers=api.headers)
    assert attached.status_code == 201 and attached.json()["name"] == "合同.pdf"


def test_supervision_from_above_and_the_reply(world, county_case, api_as):
    sup = api_as("province_officer").post(f"/cases/{county_case.pk}/supervise",
                                          {"by_union_id": world.province.pk, "note": "请加快"})
    assert sup.status_code == 200, sup.json()
    supervision = sup.json()["supervisions"][0]["id"]
    reply = api_as("county_admin").post(f"/cases/{county_case.pk}/supervisions/{supervision}/reply",
                                        {"reply": "已约谈"})
    assert reply.status_code == 200 and reply.json()["supervisions"][0]["reply"] == "已约谈"
    assert api_as("province_officer").get("/cases", queue="supervised").json()["count"] == 0


def test_a_stale_version_is_a_409_and_a_wrong_step_a_400(world, county_case, api_as):
    api = api_as("county_admin")
    stale = api.post(f"/cases/{county_case.pk}/notes", {"note": "x", "version": county_case.version + 5})
    assert stale.status_code == 409 and stale.json()["code"] == "concurrent_change"
    wrong = api.post(f"/cases/{county_case.pk}/close", {})
    assert wrong.status_code == 400 and wrong.json()["code"] == "bad_transition"


def test_a_county_gets_404_for_another_county_and_a_city_sees_its_counties(world, hotline, api_as):
    elsewhere = case_intake(actor=hotline, union=world.county2, data=call()).case
    mine = case_intake(actor=hotline, union=world.county, data=call()).case
    county = api_as("county_admin")
    assert county.get(f"/cases/{elsewhere.pk}").status_code == 404
    assert county.post(f"/cases/{elsewhere.pk}/notes", {"note": "x"}).status_code == 404
    world.people["city_admin"] = make_user("city_admin", world.city, RoleCode.UNION_ADMIN)
    city = api_as("city_admin")
    numbers = [c["number"] for c in city.get("/cases", queue="all").json()["items"]]
    assert mine.number in numbers and elsewhere.number not in numbers
    assert api_as("county_clerk").post(f"/cases/{mine.pk}/supervise",
                                       {"by_union_id": world.county.pk, "note": "x"}).status_code in (403, 404)
    assert api_as("auditor").get("/cases").json()["count"] == 0


def test_queue_filters_and_a_bounded_number_of_queries(world, hotline, api_as, django_assert_max_num_queries):
    for _n in range(15):
        case_intake(actor=hotline, union=world.county, data=call(caller_phone="13622223333"))
    api = api_as("county_admin")
    api.get("/me")
    with django_assert_max_num_queries(6):
        listed = api.get("/cases", queue="all", status="received", q="13622223333")
    assert listed.json()["count"] == 15 and "13622223333" not in listed.content.decode()
    assert api.get("/cases", queue="all", category="safety").json()["count"] == 0


def test_figures_for_a_period(world, county_case, api_as):
    today = timezone.localdate()
    figures = api_as("province_officer").get("/cases/figures", start=str(today),
                                             end=str(today + datetime.timedelta(days=1)), union=world.city.pk)
    assert figures.status_code == 200 and figures.json()["work_orders"] == 1
    assert api_as("province_officer").get("/cases/figures", start=str(today), end=str(today)).status_code == 400
    # A day out of any report's range is named, not an overflow deep in the date arithmetic.
    far = api_as("province_officer").get("/cases/figures", start="0001-01-01", end="0001-01-02")
    assert far.status_code == 422 and far.json()["field"] == "start"


def test_a_routing_request_refuses_a_null_union(world, hotline, api_as):
    answer = api_as("hotline_agent").post("/cases/route", {"text": "拖欠工资", "union_id": None})
    assert answer.status_code == 422 and answer.json()["field"] == "union_id"


def test_a_lawyer_lists_counts_and_opens_only_the_cases_assigned_to_them(world, hotline, county_case, api_as):
    world.people["lawyer"] = make_user("lawyer", world.city, RoleCode.LAWYER)
    other = case_classify(actor=world.county_admin,
                          case=case_intake(actor=hotline, union=world.county, data=call()).case,
                          category="wages", difficulty="hard")
    from gonghui.cases.services import case_assign

    case_assign(actor=world.county_admin, case=county_case, lawyer=world.lawyer)
    api = api_as("lawyer")
    listed = api.get("/cases?queue=all")
    assert listed.status_code == 200 and [c["id"] for c in listed.json()["items"]] == [county_case.pk]
    today = timezone.localdate()
    figures = api.get(f"/cases/figures?start={today}&end={today + datetime.timedelta(days=1)}").json()
    assert figures["calls"] == 1
    assert api.get(f"/cases/{county_case.pk}").status_code == 200
    assert api.get(f"/cases/{other.pk}").status_code == 404
    assert api.post(f"/cases/{other.pk}/notes", {"note": "越权"}).status_code == 404
