"""The 民主管理 API: every step through the console's services, scope, refusals named by field, and
retries that never write twice."""

import datetime

import pytest

from gonghui.accounts.roles import RoleCode
from gonghui.democracy.models import AgendaItem, Proposal
from gonghui.democracy.tests.setup import make_company, make_congress, worker_at
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db


def roster(total=30, leaders=6, women=12, dispatched=3, member_id=None):
    rows = []
    for i in range(total):
        rows.append({"name": f"代表{i + 1}", "constituency": f"第{i % 3 + 1}选区",
                     "category": "leader" if i < leaders else "frontline", "is_woman": i >= total - women,
                     "is_dispatched": leaders <= i < leaders + dispatched})
    if member_id is not None:
        rows[10]["member_id"] = member_id
    return rows


def test_the_employers_union_sets_up_a_congress_elects_delegates_and_records_a_vote(world, api_as):
    api = api_as("grassroots_clerk")
    employer = make_company(world.grassroots, workforce=400, women=160)
    _worker, member = worker_at(employer, world.grassroots)

    congress = api.post("/democracy/congresses", {"employer_id": employer.pk, "form": "representative",
                                                  "established_on": "2020-03-01"})
    assert congress.status_code == 201, congress.json()
    term = api.post(f"/democracy/congresses/{congress.json()['id']}/terms", {
        "starts_on": "2024-01-01", "ends_on": "2027-01-01", "workforce": 400, "women_workforce": 160,
        "dispatched_workforce": 20})
    assert term.status_code == 201, term.json()
    term_id = term.json()["id"]

    too_many_leaders = api.send("put", f"/democracy/terms/{term_id}/delegates", {"delegates": roster(leaders=8)})
    assert too_many_leaders.status_code == 400
    assert too_many_leaders.json()["errors"][0]["code"] == "composition_leaders"
    assert "中层以上" in too_many_leaders.json()["errors"][0]["message"]

    elected = api.send("put", f"/democracy/terms/{term_id}/delegates", {"delegates": roster(member_id=member.pk)})
    assert elected.status_code == 200, elected.json()
    assert len(elected.json()["delegates"]) == 30 and all(c["ok"] for c in elected.json()["composition"])
    assert member.pk in {d["member_id"] for d in elected.json()["delegates"]}

    session = api.post(f"/democracy/terms/{term_id}/sessions", {"held_on": "2025-03-01", "title": "一届二次职代会"})
    item = api.post(f"/democracy/sessions/{session.json()['id']}/items",
                    {"kind": "contract_draft", "title": "2025年集体合同草案"})
    assert item.status_code == 201, item.json()
    item_id = item.json()["id"]

    short = api.post(f"/democracy/items/{item_id}/vote", {"present": 19, "in_favour": 19})
    assert short.status_code == 400 and short.json()["errors"][0]["field"] == "present"
    vote = {"present": 28, "in_favour": 25, "against": 2, "abstained": 1}
    assert api.post(f"/democracy/items/{item_id}/vote", vote).json()["passed"] is True
    assert api.post(f"/democracy/items/{item_id}/vote", vote).status_code == 409  # a retry records nothing
    resolved = api.post(f"/democracy/items/{item_id}/resolution", {"resolution": "通过集体合同草案。"})
    assert resolved.status_code == 200 and resolved.json()["resolved_at"]
    assert api.post(f"/democracy/items/{item_id}/resolution", {"resolution": "再来"}).status_code == 409
    assert AgendaItem.objects.get(pk=item_id).in_favour == 25

    detail = api.get(f"/democracy/congresses/{congress.json()['id']}").json()
    assert [s["title"] for s in detail["sessions"]] == ["一届二次职代会"] and detail["terms"][0]["number"] == 1


def test_another_countys_congress_is_not_found(world, api_as):
    c = make_congress(world.grassroots)
    world.people["far_admin"] = make_user("far_admin", world.county2, RoleCode.UNION_ADMIN)
    far = api_as("far_admin")

    for path in (f"/democracy/congresses/{c.congress.pk}", f"/democracy/terms/{c.term.pk}",
                 f"/democracy/sessions/{c.session.pk}"):
        assert far.get(path).status_code == 404, path
    assert far.post(f"/democracy/terms/{c.term.pk}/sessions", {"held_on": "2025-05-01", "title": "x"}
                    ).status_code == 404
    assert far.get("/democracy/congresses").json()["count"] == 0


def test_a_proposal_goes_through_every_step_and_a_stale_version_is_refused(world, api_as):
    api = api_as("grassroots_clerk")
    c = make_congress(world.grassroots)
    made = api.post(f"/democracy/congresses/{c.congress.pk}/proposals", {
        "submitter_id": c.delegates[10].pk, "cosigner_ids": [c.delegates[11].pk, c.delegates[12].pk],
        "title": "夜班供餐", "content": "夜班职工没有热饭。"})
    assert made.status_code == 201, made.json()
    pk, version = made.json()["id"], made.json()["version"]
    assert made.json()["actions"] == ["accept", "convert"] and len(made.json()["cosigners"]) == 2

    for step, body in (("accept", {}), ("assign", {"department": "后勤保障部"}), ("answer", {"answer": "已安排。"}),
                       ("rate", {"rating": "satisfied"}), ("publish", {})):
        done = api.post(f"/democracy/proposals/{pk}/{step}", {**body, "version": version})
        assert done.status_code == 200, (step, done.json())
        assert api.post(f"/democracy/proposals/{pk}/{step}", {**body, "version": version}).status_code == 409
        version = done.json()["version"]

    p = Proposal.objects.get(pk=pk)
    assert p.status == "published" and p.events.count() == 6
    assert api.get("/democracy/proposals", status="published").json()["count"] == 1


def test_a_cadre_cannot_rate_for_a_delegate_linked_to_a_member(world, api_as):
    api = api_as("grassroots_clerk")
    c = make_congress(world.grassroots)
    worker_at(c.employer, world.grassroots, delegate=c.delegates[10])
    pk = api.post(f"/democracy/congresses/{c.congress.pk}/proposals", {
        "submitter_id": c.delegates[10].pk, "cosigner_ids": [c.delegates[11].pk, c.delegates[12].pk],
        "title": "夜班供餐", "content": "夜班职工没有热饭。"}).json()["id"]
    for step, body in (("accept", {}), ("assign", {"department": "后勤"}), ("answer", {"answer": "好"})):
        api.post(f"/democracy/proposals/{pk}/{step}", body)

    assert api.post(f"/democracy/proposals/{pk}/rate", {"rating": "satisfied"}).status_code == 403


def test_too_few_cosigners_name_the_field_the_client_sent(world, api_as):
    c = make_congress(world.grassroots)
    r = api_as("grassroots_clerk").post(f"/democracy/congresses/{c.congress.pk}/proposals", {
        "submitter_id": c.delegates[10].pk, "cosigner_ids": [c.delegates[11].pk], "title": "t", "content": "c"})
    assert r.status_code == 400 and r.json()["field"] == "cosigner_ids"


def test_disclosures_assessments_seats_and_figures(world, api_as):
    api = api_as("grassroots_clerk")
    c = make_congress(world.grassroots)
    big = make_company(world.grassroots, workforce=500, women=100)

    item = api.post("/democracy/disclosures", {
        "employer_id": c.employer.pk, "category": "wages", "channel": "online", "title": "调资方案",
        "content": "人均增长5%。", "period_start": "2026-01-01", "period_end": "2026-12-31"})
    assert item.status_code == 201 and item.json()["published_at"] is None
    backwards = api.post("/democracy/disclosures", {
        "employer_id": c.employer.pk, "category": "wages", "channel": "online", "title": "t", "content": "c",
        "period_start": "2026-02-01", "period_end": "2026-01-01"})
    assert backwards.status_code == 400 and backwards.json()["errors"][0]["field"] == "period_end"
    assert api.post(f"/democracy/disclosures/{item.json()['id']}/publish").status_code == 200
    assert api.post(f"/democracy/disclosures/{item.json()['id']}/publish").status_code == 409
    assert api.get("/democracy/disclosures", published="true").json()["count"] == 1

    counts = {"satisfied": 200, "basic": 100, "dissatisfied": 10}
    assert api.send("put", f"/democracy/employers/{c.employer.pk}/assessments/2025", counts).json()["basic"] == 100

    missing = {e["id"] for e in api.get("/democracy/missing-directors").json()["items"]}
    assert {big.pk, c.employer.pk} <= missing
    seat = api.post("/democracy/seats", {"employer_id": c.employer.pk, "kind": "director", "holder_name": "刘强",
                                         "elected_by": c.session.pk, "starts_on": "2025-03-02",
                                         "ends_on": "2028-03-01"})
    assert seat.status_code == 201, seat.json()
    assert c.employer.pk not in {e["id"] for e in api.get("/democracy/missing-directors").json()["items"]}
    ended = datetime.date.today().isoformat()
    assert api.post(f"/democracy/seats/{seat.json()['id']}/end", {"ended_on": ended}).status_code == 200
    assert api.post(f"/democracy/seats/{seat.json()['id']}/end", {"ended_on": ended}).status_code == 409

    figures = api.get("/democracy/figures", start="2025-01-01", end="2025-12-31").json()
    assert figures["sessions_held"] == 1 and figures["delegates"] == 30
    assert api.get("/democracy/figures", start="2025-02-01", end="2025-01-01").json()["field"] == "end"
