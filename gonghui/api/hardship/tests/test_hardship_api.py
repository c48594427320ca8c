"""The hardship registry API: a household from survey to file and beyond, masking and reveal, scope,
permissions, bad input naming its field, versions, rules, the assessment, re-checks and figures."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gonghui.accounts.roles import RoleCode
from gonghui.assistance.models import HardshipDataAccess, HardshipFile
from gonghui.assistance.services import assessment_rule_add
from gonghui.assistance.tests.conftest import CONSENT, household_of
from gonghui.testing.world import SYSTEM, make_person_id, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    """The registry's own personas beside the world's: reviewers at the grassroots and the county."""
    for name, union, role in (("grassroots_reviewer", world.grassroots, RoleCode.REVIEWER),
                              ("county_reviewer", world.county, RoleCode.REVIEWER),
                              ("county2_admin", world.county2, RoleCode.UNION_ADMIN),
                              ("township_reviewer", world.township, RoleCode.REVIEWER),
                              ("city_reviewer", world.city, RoleCode.REVIEWER)):
        world.people[name] = make_user(name, union, role)
    return world


@pytest.fixture
def rule(world):
    return assessment_rule_add(actor=SYSTEM, adcode="510100", area_name="成都市", min_living_monthly="1000",
                               deep_factor="1.0", relative_factor="1.5", accident_factor="2.0",
                               effective_from=datetime.date(2024, 1, 1), source="测试数据")


def survey_body(world, id_number: str = "", **overrides):
    id_number = id_number or make_person_id()
    body = {"union_id": world.grassroots.pk,
            "worker": {"name": "张困难", "id_number": id_number, "phone": "13800001234"},
            "household": household_of(24000, 12000, 0, worker_id=id_number), "causes": ["illness"],
            "adcode": "510104", "consent": CONSENT, **overrides}
    # A key the client leaves out, rather than sends as null.
    return {k: v for k, v in body.items() if v is not None}


@pytest.fixture
def surveyed(world, people, rule, api_as):
    def make(**overrides):
        response = api_as("county_clerk").post("/hardship/files", survey_body(world, **overrides))
        assert response.status_code == 201, response.json()
        return response.json()

    return make


@pytest.fixture
def filed(world, surveyed, api_as):
    def make(**overrides):
        file = surveyed(**overrides)
        path = f"/hardship/files/{file['id']}"
        for persona, step in (("county_clerk", "apply"), ("grassroots_reviewer", "review"),
                              ("county_reviewer", "approve"), ("county_clerk", "open")):
            response = api_as(persona).post(f"{path}/{step}", {})
            assert response.status_code == 200, (step, response.json())
        return response.json()

    return make


def test_a_household_goes_from_the_survey_to_the_file_step_by_step(world, surveyed, api_as):
    file = surveyed()
    assert file["status"] == "surveyed" and file["suggested_class"] == "deep"
    assert file["actions"] == ["apply", "withdraw", "edit", "consent", "attach"]
    path = f"/hardship/files/{file['id']}"
    applied = api_as("county_clerk").post(f"{path}/apply", {"version": file["version"]}).json()
    assert applied["status"] == "applied" and "review" not in applied["actions"]
    assert "review" in api_as("grassroots_reviewer").get(path).json()["actions"]
    api_as("grassroots_reviewer").post(f"{path}/review", {"note": "已入户核实"})
    approved = api_as("county_reviewer").post(f"{path}/approve", {}).json()
    assert (approved["status"], approved["hardship_class"], approved["rule"]["area_name"]) == (
        "approved", "deep", "成都市")
    opened = api_as("county_clerk").post(f"{path}/open", {}).json()
    assert opened["status"] == "filed" and opened["number"].startswith("KN")
    assert opened["next_recheck_on"] is not None
    assert [e["action"] for e in opened["events"]] == ["survey", "apply", "review", "approve", "file_open"]
    assert opened["events"][2]["note"] == "已入户核实"


def test_the_detail_is_masked_incomes_only_for_those_who_may_reveal(world, surveyed, api_as):
    file = surveyed()
    clerk_view = api_as("county_clerk").get(f"/hardship/files/{file['id']}").json()
    assert "*" in clerk_view["worker_id_masked"] and "*" in clerk_view["worker_phone_masked"]
    assert clerk_view["incomes_shown"] is False and clerk_view["household_income"] is None
    assert {m["annual_income"] for m in clerk_view["household"]} == {None}
    assert all("*" in m["id_masked"] for m in clerk_view["household"])
    admin_view = api_as("county_admin").get(f"/hardship/files/{file['id']}").json()
    assert admin_view["household_income"] == "36000.00"
    assert [m["annual_income"] for m in admin_view["household"]] == ["24000.00", "12000.00", "0.00"]


def test_revealing_a_number_needs_the_permission_and_a_reason_and_is_logged(world, surveyed, api_as):
    file = surveyed()
    path = f"/hardship/files/{file['id']}/reveal"
    refused = api_as("county_clerk").post(path, {"field": "worker_id_number", "reason": "核对身份"})
    assert refused.status_code == 403
    shown = api_as("county_reviewer").post(path, {"field": "worker_phone", "reason": "电话回访"})
    assert shown.status_code == 200 and shown.json()["value"] == "13800001234"
    assert shown["Cache-Control"] == "no-store"
    member = file["household"][1]["id"]
    spouse = api_as("county_reviewer").post(path, {"field": "id_number", "household_member_id": member,
                                                   "reason": "核对配偶身份"})
    assert spouse.status_code == 200 and len(spouse.json()["value"]) == 18
    assert HardshipDataAccess.objects.filter(file_id=file["id"]).count() == 2
    short = api_as("county_reviewer").post(path, {"field": "worker_phone", "reason": "x"})
    assert (short.status_code, short.json()["field"]) == (400, "reason")
    other = api_as("county_reviewer").post(path, {"field": "id_number", "household_member_id": 999999,
                                                  "reason": "核对身份"})
    assert (other.status_code, other.json()["field"]) == (404, "household_member_id")


def test_another_county_gets_404_and_lists_do_not_leak(world, surveyed, api_as):
    file = surveyed()
    outsider = api_as("county2_admin")
    assert outsider.get(f"/hardship/files/{file['id']}").status_code == 404
    assert outsider.post(f"/hardship/files/{file['id']}/apply", {}).status_code == 404
    assert outsider.post(f"/hardship/files/{file['id']}/reveal",
                         {"field": "worker_phone", "reason": "核对身份"}).status_code == 404
    assert outsider.get("/hardship/files").json()["count"] == 0
    assert api_as("county_clerk").get("/hardship/files").json()["count"] == 1
    assert api_as("auditor").get("/hardship/files").status_code == 403
    survey_elsewhere = outsider.post("/hardship/files", survey_body(world))
    assert (survey_elsewhere.status_code, survey_elsewhere.json()["field"]) == (404, "union_id")


def test_each_step_needs_its_own_permission_at_its_own_level(world, surveyed, api_as):
    file = surveyed()
    path = f"/hardship/files/{file['id']}"
    api_as("county_clerk").post(f"{path}/apply", {})
    clerk = api_as("county_clerk").post(f"{path}/review", {})
    assert clerk.status_code == 403
    api_as("grassroots_reviewer").post(f"{path}/review", {})
    below = api_as("township_reviewer").post(f"{path}/approve", {})
    assert (below.status_code, below.json()["code"]) == (403, "county_approval")
    assert api_as("county_reviewer").post(f"{path}/approve", {}).status_code == 200
    reviewer_survey = api_as("county_reviewer").post("/hardship/files", survey_body(world))
    assert reviewer_survey.status_code == 403


def test_the_reviewer_does_not_also_approve(world, surveyed, api_as):
    path = f"/hardship/files/{surveyed()['id']}"
    api_as("county_clerk").post(f"{path}/apply", {})
    api_as("county_admin").post(f"{path}/review", {})
    same = api_as("county_admin").post(f"{path}/approve", {})
    assert (same.status_code, same.json()["code"]) == (403, "same_person")
    assert same.json()["message_en"]


def test_bad_survey_input_names_each_field(world, people, rule, api_as):
    api = api_as("county_clerk")
    body = survey_body(world, worker={"name": "", "id_number": "510104199001011235", "phone": "123"})
    body["household"][1]["id_number"] = "123"
    wrong = api.post("/hardship/files", body)
    assert wrong.status_code == 400
    assert {e["field"] for e in wrong.json()["errors"]} == {"worker.name", "worker.id_number", "worker.phone"}
    assert wrong.json()["message_zh"] and wrong.json()["message_en"]
    rows = api.post("/hardship/files", {**survey_body(world), "household": [
        {"relation": "self", "name": "本人", "annual_income": "1000"},
        {"relation": "cousin", "name": "表哥", "annual_income": "10"},
        {"relation": "child", "name": "", "annual_income": "0"},
        {"relation": "配偶", "name": "王某", "id_number": "123", "annual_income": "0"}]})
    fields = [e["field"] for e in rows.json()["errors"]]
    assert rows.status_code == 400 and fields == ["household.2.relation", "household.3.name", "household.4.id_number"]
    null = api.post("/hardship/files", {**survey_body(world), "member_id": None})
    assert (null.status_code, null.json()["field"], null.json()["code"]) == (422, "member_id", "invalid_input")
    assert null.json()["errors"][0]["code"] == "not_null"
    health = survey_body(world)
    del health["consent"]
    health["household"][0]["health_notes"] = "尿毒症"
    refused = api.post("/hardship/files", health)
    assert (refused.status_code, refused.json()["code"]) == (400, "consent_required")
    assert refused.json()["field"] == "household.1.health_notes"
    typo = api.post("/hardship/files", {**survey_body(world), "cause": ["illness"]})
    assert (typo.status_code, typo.json()["errors"][0]["field"]) == (422, "cause")
    money = api.post("/hardship/files", {**survey_body(world), "rigid_expenses": "12.345"})
    assert money.status_code == 422 and money.json()["field"] == "rigid_expenses"


def test_a_person_with_an_open_file_is_refused_a_second(world, surveyed, api_as):
    file = surveyed()
    id_number = api_as("county_reviewer").post(f"/hardship/files/{file['id']}/reveal",
                                               {"field": "worker_id_number", "reason": "核对身份"}).json()["value"]
    again = api_as("county_clerk").post("/hardship/files", survey_body(world, id_number=id_number))
    assert (again.status_code, again.json()["code"], again.json()["field"]) == (400, "already_filed",
                                                                                "worker.id_number")
    assert world.grassroots.name in again.json()["message_zh"]


def test_a_stale_version_is_409_and_a_wrong_step_400(world, surveyed, api_as):
    file = surveyed()
    path = f"/hardship/files/{file['id']}"
    stale = api_as("county_clerk").post(f"{path}/apply", {"version": file["version"] + 3})
    assert (stale.status_code, stale.json()["code"], stale.json()["field"]) == (409, "concurrent_change", "version")
    early = api_as("county_clerk").post(f"{path}/open", {})
    assert (early.status_code, early.json()["code"]) == (400, "bad_transition")


def test_household_causes_consent_and_documents(world, surveyed, api_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    file = surveyed(consent=None)
    api = api_as("county_clerk")
    path = f"/hardship/files/{file['id']}"
    poorer = api.post(f"{path}/household", {"household": household_of(60000, 0, worker_id=""),
                                            "causes": ["unemployment"], "rigid_expenses": "0"})
    assert poorer.status_code == 200, poorer.json()
    assert (poorer.json()["household_size"], poorer.json()["income_per_head"]) == (2, "2500.00")
    assert poorer.json()["suggested_class"] == ""
    causes = api.post(f"{path}/causes", {"causes": ["disaster"], "version": poorer.json()["version"]})
    assert causes.json()["causes"] == ["disaster"] and causes.json()["suggested_class"] == ""
    assert causes.json()["household_size"] == 2
    not_yet = api.post(f"{path}/apply", {})
    assert not_yet.status_code == 400 and "consent_required" in {e["code"] for e in not_yet.json()["errors"]}
    consent = api.post(f"{path}/consent", {"signer": "本人", "text_version": "2026-01"})
    assert consent.json()["consent"]["signer"] == "本人"
    future = api.post(f"{path}/consent", {"signer": "本人", "text_version": "2026-01",
                                          "at": (timezone.now() + datetime.timedelta(days=3)).isoformat()})
    assert (future.status_code, future.json()["field"]) == (400, "at")
    pdf = SimpleUploadedFile("收入证明.pdf", b"%PDF-1.7 income", content_type="application/pdf")
    uploaded = api.client.post(f"/api/v1{path}/documents", {"kind": "income", "file": pdf}, headers=api.headers)
    assert uploaded.status_code == 201, uploaded.json()
    assert (uploaded.json()["kind_label"], len(uploaded.json()["sha256"])) == ("收入证明", 64)
    fake = SimpleUploadedFile("诊断.pdf", b"MZ not a pdf", content_type="application/pdf")
    refused = api.client.post(f"/api/v1{path}/documents", {"kind": "medical", "file": fake}, headers=api.headers)
    assert (refused.status_code, refused.json()["field"], refused.json()["code"]) == (400, "file", "signature")
    assert api.get(path).json()["documents"][0]["name"] == "收入证明.pdf"


def test_after_filing_recheck_exit_watch_and_relapse(world, filed, api_as):
    file = filed()
    api = api_as("county_clerk")
    path = f"/hardship/files/{file['id']}"
    kept = api.post(f"{path}/recheck", {"result": "continue", "note": "情况未变"}).json()
    assert kept["rechecks"][0]["result"] == "continue" and kept["rechecks"][0]["on_time"] is True
    wrong = api.post(f"{path}/recheck", {"result": "no_relapse"})
    assert (wrong.status_code, wrong.json()["field"]) == (400, "result")
    other = api.post(f"{path}/exit", {"reason": "other"})
    assert (other.status_code, other.json()["field"]) == (400, "note")
    watched = api.post(f"{path}/exit", {"reason": "employed"}).json()
    assert watched["status"] == "watched" and watched["watch_until"]
    early = api.post(f"{path}/close", {})
    assert (early.status_code, early.json()["field"]) == (400, "watch_until")
    relapsed = api.post(f"{path}/relapse", {"note": "再次失业", "causes": ["unemployment"]})
    assert relapsed.status_code == 201, relapsed.json()
    new = relapsed.json()
    assert (new["status"], new["is_relapse"], new["previous_file_id"]) == ("applied", True, file["id"])
    assert [c["id"] for c in new["chain"]] == [file["id"], new["id"]]
    assert api.get(path).json()["status"] == "relapsed"


def test_a_file_can_be_withdrawn_or_rejected_and_marked_aided(world, surveyed, filed, api_as):
    withdrawn = api_as("county_clerk").post(f"/hardship/files/{surveyed()['id']}/withdraw", {"reason": "重复登记"})
    assert withdrawn.json()["status"] == "withdrawn" and withdrawn.json()["reject_reason"] == "重复登记"
    applied = surveyed()
    api_as("county_clerk").post(f"/hardship/files/{applied['id']}/apply", {})
    blank = api_as("grassroots_reviewer").post(f"/hardship/files/{applied['id']}/reject", {"reason": ""})
    assert (blank.status_code, blank.json()["field"]) == (422, "reason")
    rejected = api_as("grassroots_reviewer").post(f"/hardship/files/{applied['id']}/reject", {"reason": "收入超标"})
    assert rejected.json()["status"] == "rejected"
    aided = api_as("county_clerk").post(f"/hardship/files/{filed()['id']}/aid", {"note": "临时救助"})
    assert aided.json()["status"] == "aided" and aided.json()["aided_at"]


def test_the_list_filters_and_keeps_its_query_count(world, filed, surveyed, api_as, django_assert_max_num_queries):
    filed()
    for _n in range(4):
        surveyed()
    api = api_as("county_clerk")
    api.get("/me")
    with django_assert_max_num_queries(6):
        listed = api.get("/hardship/files", limit=50)
    assert listed.json()["count"] == 5
    assert api.get("/hardship/files", status="filed").json()["count"] == 1
    assert api.get("/hardship/files", status="open").json()["count"] == 5
    assert api.get("/hardship/files", hardship_class="deep").json()["count"] == 1
    assert api.get("/hardship/files", cause="illness", union=world.grassroots.pk).json()["count"] == 5
    assert api.get("/hardship/files", cause="disaster").json()["count"] == 0
    assert api.get("/hardship/files", q="张困难").json()["count"] == 5
    assert api.get("/hardship/files", due_recheck=True).json()["count"] == 0
    assert api.get("/hardship/files", union=world.county2.pk).status_code == 404
    item = listed.json()["items"][0]
    assert item["causes"] == ["illness"] and item["union"]["name"] == world.grassroots.name
    # A filter that may be left out is named plainly when it is wrong, once.
    typo = api.get("/hardship/files", union="abc", cause="flood")
    assert typo.status_code == 422
    assert [(e["field"], e["code"]) for e in typo.json()["errors"]] == [("cause", "enum"), ("union", "int_parsing")]


def test_due_rechecks_and_the_figures(world, filed, api_as):
    file = filed()
    HardshipFile.objects.filter(pk=file["id"]).update(next_recheck_on=timezone.localdate())
    api = api_as("county_admin")
    assert [f["id"] for f in api.get("/hardship/rechecks/due").json()["items"]] == [file["id"]]
    assert api.get("/hardship/files", due_recheck=True).json()["count"] == 1
    today = timezone.localdate().isoformat()
    figures = api.get("/hardship/figures", start=today, end=today, union=world.county.pk)
    assert figures.status_code == 200, figures.json()
    body = figures.json()
    assert (body["in_file"], body["in_file_by_class"], body["new_files"]) == (1, {"deep": 1}, 1)
    assert body["recheck_on_time_rate"] is None
    backwards = api.get("/hardship/figures", start=today, end="2020-01-01")
    assert (backwards.status_code, backwards.json()["field"]) == (400, "end")
    assert api_as("county2_admin").get("/hardship/figures", start=today, end=today).json()["in_file"] == 0


def test_rules_are_read_by_all_added_by_the_city_and_assess_a_household(world, people, rule, api_as):
    listed = api_as("county_clerk").get("/hardship/rules", adcode="510100").json()
    assert [r["version"] for r in listed["items"]] == [1]
    body = {"adcode": "510100", "area_name": "成都市", "min_living_monthly": "1100", "deep_factor": "1",
            "relative_factor": "1.5", "accident_factor": "2", "effective_from": "2026-01-01",
            "source": "成民发〔2026〕1号"}
    assert api_as("county_admin").post("/hardship/rules", body).status_code == 403
    added = api_as("city_reviewer").post("/hardship/rules", body)
    assert added.status_code == 201 and added.json()["version"] == 2
    disordered = api_as("city_reviewer").post("/hardship/rules", {**body, "relative_factor": "0.5"})
    assert (disordered.status_code, disordered.json()["field"]) == (400, "relative_factor")
    preview = api_as("county_clerk").post("/hardship/assessment", {
        "adcode": "510104", "incomes": ["24000", "12000", "0"], "causes": ["illness"], "on": "2025-06-01"})
    assert preview.status_code == 200, preview.json()
    assert (preview.json()["hardship_class"], preview.json()["income_per_head"]) == ("deep", "1000.00")
    assert preview.json()["rule"]["version"] == 1 and preview.json()["reasons"][0]["en"]
    nowhere = api_as("county_clerk").post("/hardship/assessment", {"adcode": "650100", "incomes": [0],
                                                                    "causes": ["illness"]})
    assert nowhere.json()["eligible"] is False and nowhere.json()["rule"] is None


def test_every_schema_name_in_the_document_belongs_to_one_class():
    # The document names its schemas by class name: a second class of the same name in another router
    # would silently replace the first in every operation that uses it.
    from ninja import Schema

    import gonghui.api.urls  # noqa: F401  (every router and its schemas)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    seen: dict[str, set[str]] = {}
    for cls in subclasses(Schema):
        # Nested classes (a paginator's own Input) are named by the operation, not by themselves.
        if cls.__module__.startswith("gonghui.api") and cls.__qualname__ == cls.__name__:
            seen.setdefault(cls.__name__, set()).add(cls.__module__)
    assert {name: modules for name, modules in seen.items() if len(modules) > 1} == {}
