"""The 职工互助保障 API: a plan's life, enrolment from the registry and from a list, a claim with its
documents from submission to payment, the limits, the diagnosis kept back, scope and permissions."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gonghui.accounts.roles import RoleCode
from gonghui.core.audit_models import AuditEntry
from gonghui.mutualaid.tests.conftest import member_of, plan_data
from gonghui.testing.world import make_person_id, make_user

pytestmark = pytest.mark.django_db


def body(data):
    return {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in data.items()}


@pytest.fixture
def people(world):
    for name, union, role in (("grassroots_clerk", world.grassroots, RoleCode.CLERK),
                              ("county2_admin", world.county2, RoleCode.UNION_ADMIN)):
        world.people[name] = make_user(name, union, role)
    return world


@pytest.fixture
def plan(world, people, api_as):
    created = api_as("county_admin").post("/mutual-aid/plans", {"union_id": world.county.pk, **body(plan_data())})
    assert created.status_code == 201, created.json()
    opened = api_as("county_admin").post(f"/mutual-aid/plans/{created.json()['id']}/open", {})
    assert opened.status_code == 200, opened.json()
    return opened.json()


@pytest.fixture
def enrolment(world, plan, api_as):
    member = member_of(world.grassroots, name="王芳")
    response = api_as("county_admin").post(f"/mutual-aid/plans/{plan['id']}/enrolments", {
        "member_ids": [member.pk], "enrolled_on": plan["starts_on"], "paid_on": plan["starts_on"]})
    assert response.json()["enrolled"] == 1, response.json()
    items = api_as("county_admin").get(f"/mutual-aid/plans/{plan['id']}/enrolments").json()["items"]
    return next(e for e in items if e["member"]["id"] == member.pk)


def claim_form(enrolment, plan, days_in=40, **overrides):
    start = datetime.date.fromisoformat(plan["starts_on"])
    return {"enrolment_id": enrolment["id"], "kind": "inpatient",
            "event_date": (start + datetime.timedelta(days=days_in)).isoformat(), "amount_claimed": "3000",
            "diagnosis": "急性阑尾炎，住院手术治疗7天", **overrides}


def submit(api, form, *documents):
    data = dict(form)
    if documents:
        data["documents"] = list(documents)
    return api.client.post("/api/v1/mutual-aid/claims", data, headers=api.headers)


def pdf(name="出院小结.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.7 discharge summary", content_type="application/pdf")


def test_a_plan_is_drafted_edited_opened_and_closed(world, people, api_as):
    api = api_as("county_admin")
    draft = api.post("/mutual-aid/plans", {"union_id": world.county.pk, **body(plan_data())}).json()
    assert (draft["status"], draft["actions"]) == ("draft", ["open"])
    path = f"/mutual-aid/plans/{draft['id']}"
    edited = api.patch(path, {"premium": "80", "version": draft["version"]})
    assert edited.status_code == 200 and edited.json()["premium"] == "80.00"
    stale = api.patch(path, {"premium": "90", "version": draft["version"]})
    assert (stale.status_code, stale.json()["code"]) == (409, "concurrent_change")
    opened = api.post(f"{path}/open", {}).json()
    assert (opened["status"], opened["actions"]) == ("open", ["close"])
    locked = api.patch(path, {"yearly_limit": "20000"})
    assert (locked.status_code, locked.json()["code"], locked.json()["field"]) == (400, "rules_locked",
                                                                                   "yearly_limit")
    assert api.patch(path, {"name": "职工住院互助（2026）"}).json()["name"] == "职工住院互助（2026）"
    assert api.post(f"{path}/close", {}).json()["status"] == "closed"
    again = api.post(f"{path}/open", {})
    assert (again.status_code, again.json()["code"]) == (400, "bad_transition")
    assert api.get("/mutual-aid/plans", status="closed").json()["count"] == 1


def test_bad_plans_name_their_field(world, people, api_as):
    api = api_as("county_admin")
    base = {"union_id": world.county.pk, **body(plan_data())}
    short = api.post("/mutual-aid/plans", {**base, "ends_on": base["starts_on"]})
    assert (short.status_code, short.json()["field"]) == (400, "ends_on")
    limits = api.post("/mutual-aid/plans", {**base, "yearly_limit": "100"})
    assert (limits.status_code, limits.json()["field"]) == (400, "yearly_limit")
    kind = api.post("/mutual-aid/plans", {**base, "kind": "life", "waiting_days": 999})
    assert kind.status_code == 422 and [e["field"] for e in kind.json()["errors"]] == ["kind", "waiting_days"]
    assert api.post("/mutual-aid/plans", base).status_code == 201
    twice = api.post("/mutual-aid/plans", base)
    assert (twice.status_code, twice.json()["field"]) == (400, "name")
    assert api_as("county2_admin").post("/mutual-aid/plans", base).json()["field"] == "union_id"


def test_members_are_enrolled_from_the_registry_and_from_a_list(world, plan, api_as):
    api = api_as("county_admin")
    path = f"/mutual-aid/plans/{plan['id']}/enrolments"
    member_of(world.township)
    branch = api.post(path, {"union_id": world.county.pk})
    assert branch.status_code == 200 and branch.json() == {"enrolled": 2, "already": 0, "ineligible": 0,
                                                          "premiums": "120.00"}
    assert api.post(path, {"union_id": world.county.pk}).json()["already"] == 2
    listed = api.get(path).json()["items"]
    assert all("*" in e["member"]["id_number_masked"] for e in listed)
    assert api.get(path, union=world.grassroots.pk).json()["count"] == 1
    nothing = api.post(path, {})
    assert (nothing.status_code, nothing.json()["field"]) == (400, "union_id")
    newcomer = member_of(world.grassroots, name="赵新")
    rows = (f"姓名,证件号码\n赵新,{newcomer.id_number}\n李四,{world.membership.member.id_number}\n"
            f"无名,{make_person_id()}\n")
    preview = api.client.post(f"/api/v1{path}/import",
                              {"file": SimpleUploadedFile("名单.csv", rows.encode(), content_type="text/csv")},
                              headers=api.headers)
    assert preview.status_code == 200, preview.json()
    report = preview.json()
    assert (report["rows"], report["valid"], report["already"], report["committed"]) == (3, 1, 1, False)
    assert report["issues"][0]["row"] == 4 and report["issues"][0]["code"] == "not_found_here"
    assert report["issues"][0]["message_en"]
    done = api.client.post(f"/api/v1{path}/import", {
        "file": SimpleUploadedFile("名单.csv", rows.encode(), content_type="text/csv"), "commit": "true"},
        headers=api.headers).json()
    assert done["committed"] is True and done["result"]["enrolled"] == 1
    unreadable = api.client.post(f"/api/v1{path}/import", {
        "file": SimpleUploadedFile("名单.csv", "姓名\n张三\n".encode(), content_type="text/csv")}, headers=api.headers)
    assert (unreadable.status_code, unreadable.json()["field"]) == (400, "file")


def test_a_claim_goes_from_submission_with_documents_to_payment(world, plan, enrolment, api_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    clerk = api_as("grassroots_clerk")
    created = submit(clerk, claim_form(enrolment, plan), pdf(), pdf("发票.jpg"))
    assert created.status_code == 400 and created.json()["field"] == "documents"
    created = submit(clerk, claim_form(enrolment, plan), pdf(), pdf("诊断证明.pdf"))
    assert created.status_code == 201, created.json()
    claim = created.json()
    assert (claim["status"], claim["actions"]) == ("submitted", ["review", "attach"])
    assert [d["name"] for d in claim["documents"]] == ["出院小结.pdf", "诊断证明.pdf"]
    assert "阑尾炎" not in str(claim) and "阑尾炎" not in clerk.get("/mutual-aid/claims").content.decode()
    path = f"/mutual-aid/claims/{claim['id']}"
    more = clerk.client.post(f"/api/v1{path}/documents", {"file": pdf("费用清单.pdf")}, headers=clerk.headers)
    assert more.status_code == 201
    reviewed = clerk.post(f"{path}/review", {"note": "材料齐全"}).json()
    assert reviewed["status"] == "reviewed" and reviewed["actions"] == ["attach"]
    # Approval is the plan's union's, which lies above the grassroots clerk's reach: not theirs to find.
    assert clerk.post(f"{path}/approve", {"amount": "2800"}).status_code == 404
    admin = api_as("county_admin")
    assert admin.get(path).json()["payable"] == {"amount": "3000.00", "caps": []}
    over = admin.post(f"{path}/approve", {"amount": "3500"})
    assert (over.status_code, over.json()["code"], over.json()["field"]) == (400, "over_limit", "amount")
    approved = admin.post(f"{path}/approve", {"amount": "2800", "version": reviewed["version"]}).json()
    assert (approved["status"], approved["amount_approved"]) == ("approved", "2800.00")
    future = admin.post(f"{path}/pay", {"paid_on": (timezone.localdate() + datetime.timedelta(days=2)).isoformat()})
    assert (future.status_code, future.json()["field"]) == (400, "paid_on")
    paid = admin.post(f"{path}/pay", {}).json()
    assert paid["status"] == "paid" and paid["paid_on"] == timezone.localdate().isoformat()
    assert [e["action"] for e in paid["events"]] == ["claim_submit", "claim_attach", "claim_review",
                                                     "claim_approve", "claim_pay"]
    shown = admin.post(f"{path}/reveal", {"reason": "核对病历"})
    assert shown.json()["value"].startswith("急性阑尾炎") and shown["Cache-Control"] == "no-store"
    assert AuditEntry.objects.filter(action="mutualaid.claim_reveal_diagnosis").count() == 1
    cancel = admin.post(f"/mutual-aid/enrolments/{enrolment['id']}/cancel", {"reason": "误参保"})
    assert (cancel.status_code, cancel.json()["code"]) == (400, "has_claims")


def test_claim_rules_and_bad_input_name_their_field(world, plan, enrolment, api_as):
    clerk = api_as("grassroots_clerk")
    waiting = submit(clerk, claim_form(enrolment, plan, days_in=10)).json()
    assert waiting["payable"] == {"amount": "0.00", "caps": ["waiting_period"]}
    clerk.post(f"/mutual-aid/claims/{waiting['id']}/review", {})
    refused = api_as("county_admin").post(f"/mutual-aid/claims/{waiting['id']}/approve", {"amount": "100"})
    assert (refused.status_code, refused.json()["code"]) == (400, "waiting_period")
    rejected = api_as("county_admin").post(f"/mutual-aid/claims/{waiting['id']}/reject", {"reason": "等待期内"})
    assert rejected.json()["status"] == "rejected" and rejected.json()["reason"] == "等待期内"
    wrong_kind = submit(clerk, claim_form(enrolment, plan, kind="accident_death"))
    assert (wrong_kind.status_code, wrong_kind.json()["field"]) == (400, "kind")
    late = submit(clerk, claim_form(enrolment, plan, days_in=400))
    assert (late.status_code, late.json()["field"]) == (400, "event_date")
    missing = submit(clerk, {k: v for k, v in claim_form(enrolment, plan).items() if k != "diagnosis"})
    assert (missing.status_code, missing.json()["field"]) == (422, "diagnosis")
    cancelled = api_as("county_admin").post(f"/mutual-aid/enrolments/{enrolment['id']}/cancel", {"reason": "误参保"})
    assert cancelled.json()["status"] == "cancelled"
    gone = submit(clerk, claim_form(enrolment, plan))
    assert (gone.status_code, gone.json()["field"]) == (400, "enrolment_id")


def test_another_county_sees_nothing_and_lists_do_not_leak(world, plan, enrolment, api_as):
    claim = submit(api_as("grassroots_clerk"), claim_form(enrolment, plan)).json()
    outsider = api_as("county2_admin")
    assert outsider.get(f"/mutual-aid/plans/{plan['id']}").status_code == 404
    assert outsider.get(f"/mutual-aid/claims/{claim['id']}").status_code == 404
    assert outsider.post(f"/mutual-aid/claims/{claim['id']}/reveal", {"reason": "看看"}).status_code == 404
    assert outsider.post(f"/mutual-aid/enrolments/{enrolment['id']}/cancel", {"reason": "x"}).status_code == 404
    assert outsider.get("/mutual-aid/claims").json()["count"] == 0
    assert outsider.get("/mutual-aid/plans").json()["count"] == 0
    elsewhere = submit(outsider, claim_form(enrolment, plan))
    assert (elsewhere.status_code, elsewhere.json()["field"]) == (404, "enrolment_id")
    assert api_as("auditor").get("/mutual-aid/claims").status_code == 403
    # The grassroots union sees the county's plan it enrols into, and only its own members.
    assert api_as("grassroots_clerk").get(f"/mutual-aid/plans/{plan['id']}").json()["actions"] == []


def test_the_claims_list_filters_and_keeps_its_query_count(world, plan, enrolment, api_as,
                                                           django_assert_max_num_queries):
    clerk = api_as("grassroots_clerk")
    for days in (40, 50, 60):
        submit(clerk, claim_form(enrolment, plan, days_in=days))
    admin = api_as("county_admin")
    admin.get("/me")
    with django_assert_max_num_queries(5):
        listed = admin.get("/mutual-aid/claims", plan=plan["id"], status="submitted")
    assert listed.json()["count"] == 3 and listed.json()["items"][0]["member"]["name"] == "王芳"
    assert admin.get("/mutual-aid/claims", status="paid").json()["count"] == 0
    assert admin.get("/mutual-aid/plans", year=plan["year"]).json()["count"] == 1


def test_the_figures_of_a_subtree_for_a_year(world, plan, enrolment, api_as):
    claim = submit(api_as("grassroots_clerk"), claim_form(enrolment, plan)).json()
    api_as("grassroots_clerk").post(f"/mutual-aid/claims/{claim['id']}/review", {})
    api_as("county_admin").post(f"/mutual-aid/claims/{claim['id']}/approve", {"amount": "1000"})
    api_as("county_admin").post(f"/mutual-aid/claims/{claim['id']}/pay", {})
    figures = api_as("county_admin").get("/mutual-aid/figures", year=plan["year"])
    assert figures.status_code == 200, figures.json()
    body_ = figures.json()
    assert (body_["union"]["id"], body_["covered"], body_["paid_count"]) == (world.county.pk, 1, 1)
    assert (body_["paid_amount"], body_["average_payout"], body_["claims"]) == ("1000.00", "1000.00", {"paid": 1})
    assert [p["plan_id"] for p in body_["by_plan"]] == [plan["id"]]
    elsewhere = api_as("county_admin").get("/mutual-aid/figures", year=plan["year"], union=world.county2.pk)
    assert (elsewhere.status_code, elsewhere.json()["field"]) == (404, "union")


def test_a_dimension_bomb_list_is_refused_naming_the_limit(world, plan, api_as, monkeypatch):
    from gonghui.core.tests import bombs

    monkeypatch.setattr("gonghui.core.tabular.read_with_calamine", bombs.unreachable)
    api = api_as("county_admin")
    refused = api.client.post(f"/api/v1/mutual-aid/plans/{plan['id']}/enrolments/import",
                              {"file": SimpleUploadedFile("名单.xlsx", bombs.dimension_bomb())}, headers=api.headers)
    assert refused.status_code == 400 and refused.json()["field"] == "file"
    assert bombs.REFUSAL in refused.json()["message"]
