"""荣誉评选 over the API: a call from the notice to the award, scope, a refused step, idempotent creates."""

import pytest

from gonghui.core.idnumbers import mask_id
from gonghui.honours.models import Award, HonourNomination, ModelWorker
from gonghui.testing.world import make_person_id

pytestmark = pytest.mark.django_db

CALL = {"kind_code": "province_model_worker", "year": 2026, "title": "关于评选2026年四川省劳动模范的通知",
        "nominations_due": "2027-03-31", "reviews_due": "2027-04-30", "places": 5, "front_line_min_pct": 50,
        "notice_working_days": 5}


def nominee(**overrides):
    return {"name": "周劳模", "id_number": make_person_id(born="19800101"), "post": "车间主任",
            "category": "front_line", "employer_name": "成都某机械厂", "deeds": "扎根一线二十年，主持技术革新十余项。",
            "deeds_summary": "带领班组攻克关键工艺"} | overrides


def post_with_key(api, path, body, key):
    return api.client.post("/api/v1" + path, body, content_type="application/json",
                           headers={**api.headers, "Idempotency-Key": key})


@pytest.fixture
def apis(cadres, api_of):
    return {name: api_of(getattr(cadres, name)) for name in ("grassroots", "county", "city", "province", "county2")}


@pytest.fixture
def call(world, apis):
    made = apis["province"].post("/honours/calls", CALL | {"union_id": world.province.pk})
    assert made.status_code == 201, made.json()
    for union, places in ((world.city, 2), (world.county, 1)):
        quota = apis["province"].send("put", f"/honours/calls/{made.json()['id']}/quotas/{union.pk}",
                                      {"places": places})
        assert quota.status_code == 200, quota.json()
    return made.json()


def step(api, nomination_id, action, body=None):
    response = api.post(f"/honours/nominations/{nomination_id}/{action}", body or {})
    assert response.status_code == 200, (action, response.json())
    return response.json()


def test_a_call_runs_from_the_nomination_to_the_award_and_the_register(world, apis, call):
    made = apis["grassroots"].post(f"/honours/calls/{call['id']}/nominations",
                                   nominee() | {"union_id": world.grassroots.pk})
    assert made.status_code == 201, made.json()
    n = made.json()
    assert n["id_masked"] and "id_number" not in n and n["actions"]
    chain = [("grassroots", world.grassroots), ("county", world.county), ("city", world.city),
             ("province", world.province)]
    for name, union in chain:
        detail = step(apis[name], n["id"], "check", {"decision": "clear"})
        assert "pass" in detail["actions"]
        step(apis[name], n["id"], "pass")
        summary = apis[name].get(f"/honours/calls/{call['id']}/levels/{union.pk}").json()
        assert summary["count"] == 1 and summary["problems"] == []
        moved = apis[name].post(f"/honours/calls/{call['id']}/levels/{union.pk}/submit")
        assert moved.status_code == 200, moved.json()
    assert apis["province"].get(f"/honours/nominations/{n['id']}").json()["status"] == "final"
    progress = apis["province"].get(f"/honours/calls/{call['id']}/progress").json()
    assert {q["union"]["id"]: q["used"] for q in progress["quotas"]} == {world.city.pk: 1, world.county.pk: 1}
    # A notice that began in November has ended by now, so the award may follow.
    notice = apis["province"].post(f"/honours/calls/{call['id']}/notice", {"starts_on": "2026-11-02"})
    assert notice.status_code == 201, notice.json()
    assert apis["province"].get("/honours/objections").json()["count"] == 0
    award = apis["province"].post(f"/honours/nominations/{n['id']}/award", {
        "decision_number": "川工发〔2026〕9号", "decided_on": "2026-11-20", "certificate_number": "SC2026001"})
    assert award.status_code == 201, award.json()
    awards = apis["province"].get("/honours/awards").json()
    assert awards["count"] == 1 and awards["items"][0]["nomination_id"] == n["id"]
    assert apis["province"].get(f"/honours/nominations/{n['id']}").json()["award_id"] == award.json()["id"]
    register = apis["county"].get("/honours/register").json()
    assert [r["name"] for r in register["items"]] == ["周劳模"]
    entry_id = register["items"][0]["id"]
    record = apis["grassroots"].post(f"/honours/register/{entry_id}/records", {
        "kind": "allowance", "year": 2026, "on": "2026-12-01", "amount": "1200"})
    assert record.status_code == 201, record.json()
    assert apis["grassroots"].get(f"/honours/register/{entry_id}").json()["records"][0]["amount"] == "1200.00"
    figures = {f["level"]: f for f in apis["province"].get("/honours/register/figures").json()}
    assert figures["province"]["active"] == 1
    assert apis["province"].post(f"/honours/calls/{call['id']}/decide").json()["status"] == "decided"


def test_another_countys_cadre_gets_404_for_a_nomination_it_does_not_reach(world, apis, call):
    made = apis["grassroots"].post(f"/honours/calls/{call['id']}/nominations",
                                   nominee() | {"union_id": world.grassroots.pk}).json()
    seen = apis["county2"].get(f"/honours/nominations/{made['id']}")
    assert seen.status_code == 404
    assert apis["county2"].post(f"/honours/nominations/{made['id']}/check", {"decision": "clear"}).status_code == 404
    assert apis["county2"].get("/honours/nominations").json()["count"] == 0


def test_a_pass_without_a_check_is_refused_naming_the_field(world, apis, call):
    made = apis["grassroots"].post(f"/honours/calls/{call['id']}/nominations",
                                   nominee() | {"union_id": world.grassroots.pk}).json()
    refused = apis["grassroots"].post(f"/honours/nominations/{made['id']}/pass", {})
    assert refused.status_code == 400
    assert (refused.json()["code"], refused.json()["field"]) == ("not_checked", "decision")
    assert HonourNomination.objects.get(pk=made["id"]).status == "pending"


def test_a_duplicate_nominee_is_refused_with_the_union_that_nominated_first(world, apis, call):
    person = nominee()
    apis["grassroots"].post(f"/honours/calls/{call['id']}/nominations", person | {"union_id": world.grassroots.pk})
    again = apis["county"].post(f"/honours/calls/{call['id']}/nominations", person | {"union_id": world.county.pk})
    assert again.status_code == 400 and again.json()["code"] == "duplicate_nominee"
    assert world.grassroots.name in again.json()["message"]


def test_a_create_repeated_with_its_idempotency_key_writes_once(world, apis, call):
    body = nominee() | {"union_id": world.grassroots.pk}
    path = f"/honours/calls/{call['id']}/nominations"
    first = post_with_key(apis["grassroots"], path, body, "nominate-1")
    again = post_with_key(apis["grassroots"], path, body, "nominate-1")
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"] and HonourNomination.objects.count() == 1
    issued = [post_with_key(apis["province"], "/honours/calls", CALL | {"union_id": world.province.pk,
                                                                       "year": 2027}, "call-1") for _ in range(2)]
    assert issued[0].json()["id"] == issued[1].json()["id"]


def test_the_nominee_id_number_never_leaves_unmasked(world, apis, call):
    person = nominee()
    made = apis["grassroots"].post(f"/honours/calls/{call['id']}/nominations",
                                   person | {"union_id": world.grassroots.pk})
    assert person["id_number"] not in made.content.decode()
    assert made.json()["id_masked"] == mask_id(person["id_number"])
    assert not Award.objects.exists() and not ModelWorker.objects.exists()


def test_a_listed_document_downloads_through_the_api_for_whoever_sees_the_nomination(world, cadres, apis):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gonghui.honours.services import nomination_attach
    from gonghui.honours.tests.conftest import issue, nominate

    nomination = nominate(cadres.grassroots, issue(world), world.grassroots)
    nomination_attach(actor=cadres.grassroots, nomination=nomination,
                      upload=SimpleUploadedFile("事迹.pdf", b"%PDF-1.4 deeds", content_type="application/pdf"))
    listed = apis["county"].get(f"/honours/nominations/{nomination.pk}").json()["documents"]
    response = apis["county"].get(f"/honours/nominations/{nomination.pk}/documents/{listed[0]['id']}")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 deeds"
    assert response["Content-Disposition"].startswith("attachment;")
    assert apis["county2"].get(f"/honours/nominations/{nomination.pk}/documents/{listed[0]['id']}").status_code == 404
