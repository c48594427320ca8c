"""The skills API: a competition from the plan to final results, a suggestion from entry to reward,
a 师带徒 agreement and a training course, through the same services as the console; another
province's cadre sees none of it; refusals name their code and field; a retried create writes once."""

import json

import pytest

from gonghui.skills.models import CompetitionScore, Suggestion
from gonghui.skills.tests.innovation_setup import employer_in, worker
from gonghui.testing.world import make_person_id

pytestmark = pytest.mark.django_db

PLAN = {"title": "2026年焊工技能竞赛", "kind": "skill", "trade": "焊工", "budget": "50000.00",
        "start_on": "2026-04-01", "end_on": "2026-10-31", "score_min": 0, "score_max": 100,
        "stages": [{"kind": "preliminary", "advance": 2}, {"kind": "final"}]}


def person(name):
    return {"person": {"name": name, "id_number": make_person_id()}}


@pytest.fixture
def competition(world, api_as):
    county = api_as("county_admin")
    created = county.post("/skills/competitions", {**PLAN, "organiser_id": world.county.pk})
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert county.post(f"/skills/competitions/{pk}/submit", {"on": "2026-03-02"}).status_code == 200
    approved = api_as("province_officer").post(f"/skills/competitions/{pk}/approve", {"on": "2026-03-05"})
    assert approved.status_code == 200, approved.json()
    assert approved.json()["status"] == "approved"
    return approved.json()


def test_a_competition_runs_from_entries_to_final_results(world, api_as, competition):
    api = api_as("county_admin")
    pk = competition["id"]
    entries = [api.post(f"/skills/competitions/{pk}/entries", person(n)).json()["id"] for n in ("甲", "乙", "丙")]
    first, final = competition["stages"][0]["id"], competition["stages"][1]["id"]
    scored = api.post(f"/skills/competitions/{pk}/stages/{first}/scores", {"rows": [
        {"entry_id": entries[0], "score": "90"}, {"entry_id": entries[1], "score": "95.5"},
        {"entry_id": entries[2], "score": "60"}]})
    assert scored.json() == {"recorded": 3}
    ranking = api.get(f"/skills/competitions/{pk}/stages/{first}/ranking", per_page=2).json()
    assert [r["name"] for r in ranking["rows"]] == ["乙", "甲"] and ranking["pages"] == 2
    second = api.get(f"/skills/competitions/{pk}/stages/{first}/ranking", per_page=2, after=ranking["next"]).json()
    assert [r["rank"] for r in second["rows"]] == [3] and second["page"] == 2 and second["next"] is None
    back = api.get(f"/skills/competitions/{pk}/stages/{first}/ranking", per_page=2, before=second["previous"]).json()
    assert [r["name"] for r in back["rows"]] == ["乙", "甲"] and back["previous"] is None
    assert api.post(f"/skills/competitions/{pk}/stages/{first}/advance", {}).json() == {"advanced": 2}
    api.post(f"/skills/competitions/{pk}/stages/{final}/scores", {"rows": [
        {"entry_id": entries[0], "score": "88"}, {"entry_id": entries[1], "score": "80"}]})
    award = api.post(f"/skills/competitions/{pk}/awards", {"entry_id": entries[0], "grade": "first",
                                                           "title": "技术能手", "on": "2026-10-20"})
    assert award.status_code == 201 and award.json()["rank"] == 1
    published = api.post(f"/skills/competitions/{pk}/publish", {"on": "2026-10-26"}).json()
    assert published["status"] == "publicised"
    final_ = api.post(f"/skills/competitions/{pk}/finalise", {"on": "2026-12-01"})
    assert final_.json()["status"] == "final", final_.json()
    linked = api.post(f"/skills/awards/{award.json()['id']}/nomination", {"nomination_id": 7})
    assert linked.json()["honour_nomination_id"] == 7
    commend = api.post(f"/skills/competitions/{pk}/commendations", {
        "year": 2026, "title": "年终表扬", "text": "表扬优胜选手。", "entry_ids": [entries[0]]})
    assert commend.status_code == 201 and commend.json()["commended"][0]["name"] == "甲"
    figures = api.get("/skills/competition-figures", union_id=world.county.pk, year=2026).json()
    assert figures["competitions"] == 1 and figures["awards_by_grade"] == {"first": 1}


def test_another_provinces_cadre_finds_nothing(world, api_as, competition):
    other = api_as("other_province_officer")
    assert other.get(f"/skills/competitions/{competition['id']}").status_code == 404
    assert other.post(f"/skills/competitions/{competition['id']}/entries", person("甲")).status_code == 404
    assert other.get("/skills/competitions").json()["items"] == []


def test_a_step_the_status_does_not_allow_is_refused_with_its_code_and_field(api_as, competition):
    api = api_as("county_admin")
    refused = api.post(f"/skills/competitions/{competition['id']}/finalise", {})
    assert refused.status_code == 400
    assert (refused.json()["code"], refused.json()["field"]) == ("bad_transition", "status")
    assert "已立项" in refused.json()["message_zh"]


def test_the_organiser_may_not_approve_its_own_plan(world, api_as):
    county = api_as("county_admin")
    pk = county.post("/skills/competitions", {**PLAN, "organiser_id": world.county.pk}).json()["id"]
    county.post(f"/skills/competitions/{pk}/submit", {})
    assert county.post(f"/skills/competitions/{pk}/approve", {}).status_code == 403


def test_a_score_batch_with_one_bad_row_names_the_row_and_writes_nothing(api_as, competition):
    api = api_as("county_admin")
    pk = competition["id"]
    entries = [api.post(f"/skills/competitions/{pk}/entries", person(n)).json()["id"] for n in ("甲", "乙")]
    stage = competition["stages"][0]["id"]
    refused = api.post(f"/skills/competitions/{pk}/stages/{stage}/scores", {"rows": [
        {"entry_id": entries[0], "score": "90"}, {"entry_id": entries[1], "score": "120"}]})
    assert refused.status_code == 400
    assert refused.json()["field"] == "rows[1].score" and "第2行" in refused.json()["message_zh"]
    assert "0.00至100.00" in refused.json()["message_zh"]
    assert not CompetitionScore.objects.exists()


def test_a_create_sent_twice_with_one_key_makes_one_record(world, api_as):
    api = api_as("county_admin")
    employer = employer_in(world.grassroots, "示例机械厂")
    body = {"employer_id": employer.pk, "kind": "rationalisation", "title": "改进焊接夹具",
            "content": "将夹具改为快速定位式。", "proposer_name": "张三", "submitted_on": "2025-03-03"}
    sent = [api.client.post("/api/v1/skills/suggestions", json.dumps(body), content_type="application/json",
                            headers={**api.headers, "Idempotency-Key": "sugg-1"}) for _ in range(2)]
    assert [r.status_code for r in sent] == [201, 201]
    assert sent[0].json()["id"] == sent[1].json()["id"] and Suggestion.objects.count() == 1


def test_a_suggestion_is_reviewed_implemented_assessed_and_rewarded(world, api_as):
    api = api_as("county_admin")
    employer = employer_in(world.grassroots, "示例机械厂")
    s = api.post("/skills/suggestions", {"employer_id": employer.pk, "kind": "renovation", "title": "改进夹具",
                                         "content": "快速定位。", "proposer_name": "张三",
                                         "submitted_on": "2025-03-03"}).json()
    pk = s["id"]
    assert api.post(f"/skills/suggestions/{pk}/adopt", {"on": "2025-03-10", "version": 1}).json()["status"] == "adopted"
    stale = api.post(f"/skills/suggestions/{pk}/implement", {"on": "2025-04-01", "version": 1})
    assert stale.status_code == 409
    assert api.post(f"/skills/suggestions/{pk}/implement", {"on": "2025-04-01"}).json()["status"] == "implemented"
    assessed = api.post(f"/skills/suggestions/{pk}/benefit", {"benefit": "12.5", "assessor": "财务部",
                                                              "assessed_on": "2025-05-01"})
    assert assessed.json()["benefit"] == "12.50", assessed.json()
    reward = api.post(f"/skills/suggestions/{pk}/rewards", {"amount": "800", "paid_on": "2025-05-10"})
    assert reward.status_code == 201
    detail = api.get(f"/skills/suggestions/{pk}").json()
    assert detail["reward_total"] == "800.00" and [e["action"] for e in detail["events"]][-1] == "reward"
    rejected = api.post(f"/skills/suggestions/{pk}/reject", {"reason": "重复"})
    assert (rejected.json()["code"], rejected.json()["field"]) == ("bad_transition", "status")


def test_a_master_and_apprentice_sign_and_the_apprentice_graduates(world, api_as):
    api = api_as("county_admin")
    employer = employer_in(world.grassroots, "示例机械厂")
    master, _ = worker(world.grassroots, employer, "王师傅")
    apprentice, _ = worker(world.grassroots, employer, "小李")
    pair = api.post("/skills/apprenticeships", {
        "employer_id": employer.pk, "master_id": master.pk, "apprentice_id": apprentice.pk,
        "agreed_on": "2025-01-10", "starts_on": "2025-01-15", "ends_on": "2026-01-14", "targets": "掌握数控车床",
        "target_level": "grade4", "allowance": "3600"})
    assert pair.status_code == 201, pair.json()
    pk = pair.json()["id"]
    api.post(f"/skills/apprenticeships/{pk}/start", {"on": "2025-01-15"})
    done = api.post(f"/skills/apprenticeships/{pk}/graduate", {"on": "2025-06-01", "outcome_level": "grade4"})
    assert done.json()["status"] == "graduated", done.json()
    course = api.post("/skills/training-courses", {
        "union_id": world.county.pk, "title": "电工培训", "kind": "skills", "starts_on": "2025-03-01",
        "ends_on": "2025-03-20", "trainees": 40, "levels": {"grade4": 30}})
    assert course.status_code == 201 and course.json()["levels"] == {"grade4": 30}
    figures = api.get("/skills/innovation-figures", start="2025-01-01", end="2025-12-31").json()
    assert figures["apprenticeships_graduated"] == 1 and figures["trainees"] == 40
