from gonghui.cases.choices import Category
from gonghui.orgs.scope import SystemActor
from gonghui.reports.risk.services import risk_refresh
from gonghui.reports.tests.risk_helpers import case_about, covered
from gonghui.testing.world import make_employer


def test_the_radar_api_lists_the_county_and_answers_an_alert(client, world):
    there = make_employer(world.county2, "外区单位")
    for e in (world.employer, there):
        for _ in range(5):
            case_about(e, category=Category.WAGES)
    risk_refresh(actor=SystemActor("test"))
    client.force_login(world.people["county_admin"])
    rows = client.get("/api/v1/risk/radar").json()["rows"]
    assert [r["employer_id"] for r in rows] == [world.employer.pk]
    assert rows[0]["components"][0]["sentence"].startswith("近12个月有5件")
    alert = client.get("/api/v1/risk/alerts").json()[0]
    bad = client.post(f"/api/v1/risk/alerts/{alert['id']}/close", {"status": "dismissed", "reason": ""},
                      content_type="application/json")
    assert bad.status_code == 400 and bad.json()["field"] == "reason"
    refused = client.put("/api/v1/risk/rules", {"values": {"threshold": 50}}, content_type="application/json")
    assert refused.status_code == 403


def test_the_radar_api_lists_only_employers_with_a_score_unless_all_is_asked(client, world):
    clean = make_employer(world.grassroots, "守法经营单位")
    covered(clean, has_wage=True)
    case_about(world.employer, category=Category.WAGES)
    risk_refresh(actor=SystemActor("test"))
    client.force_login(world.people["county_admin"])
    assert [r["employer_id"] for r in client.get("/api/v1/risk/radar").json()["rows"]] == [world.employer.pk]
    rows = client.get("/api/v1/risk/radar", {"all": "true"}).json()["rows"]
    assert [(r["employer_id"], r["score"]) for r in rows][-1] == (clean.pk, 0)
