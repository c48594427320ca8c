"""The 统计年报 over the API: open pre-filled, enter values, see the failed checks naming their fields,
sign off, reopen, aggregate and read the status; another province gets 404s."""

import pytest

from gonghui.reports.stats.tests.conftest import YEAR
from gonghui.reports.stats.tests.test_returns import GOOD

pytestmark = pytest.mark.django_db


def test_a_return_is_filled_checked_signed_and_reopened_over_the_api(stats_world, api_as):
    w = stats_world
    api = api_as("county_clerk")
    opened = api.post("/reports/stats/returns", {"union_id": w.mill.pk, "year": YEAR})
    assert opened.status_code == 201, opened.json()
    ret = opened.json()
    assert api.post("/reports/stats/returns", {"union_id": w.mill.pk, "year": YEAR}).status_code == 200
    assert {v["code"]: v["source"] for v in ret["values"]}["B01"] == "metric"
    saved = api.send("put", f"/reports/stats/returns/{ret['id']}/values",
                     {"version": ret["version"], "values": GOOD | {"A02": "11"}, "explanations": {"A01": "含派遣工"}})
    assert saved.status_code == 200, saved.json()
    body = saved.json()
    assert [f["fields"] for f in body["failures"]] == [["A02", "A01"]]
    checks = api.get(f"/reports/stats/returns/{ret['id']}/checks").json()
    assert checks[0]["check"] == "K01" and "女职工" in checks[0]["message"]
    refused = api.post(f"/reports/stats/returns/{ret['id']}/sign", {"version": body["version"], "name": "王芳"})
    assert refused.status_code == 400 and refused.json()["field"] == "A02"
    stale = api.send("put", f"/reports/stats/returns/{ret['id']}/values", {"version": ret["version"], "values": {}})
    assert stale.status_code == 409
    body = api.send("put", f"/reports/stats/returns/{ret['id']}/values",
                    {"version": body["version"], "values": {"A02": "4"}}).json()
    signed = api.post(f"/reports/stats/returns/{ret['id']}/sign", {"version": body["version"], "name": "王芳"})
    assert signed.status_code == 200 and signed.json()["status"] == "signed"
    county = api.post("/reports/stats/returns", {"union_id": w.county.pk, "year": YEAR}).json()
    assert {v["code"]: v["value"] for v in county["values"]}["A01"] == "10.00"
    reopened = api.post(f"/reports/stats/returns/{ret['id']}/reopen",
                        {"version": signed.json()["version"], "reason": "漏报派遣工"})
    assert reopened.status_code == 200 and reopened.json()["status"] == "reopened"
    status = api.get("/reports/stats/status", union_id=w.county.pk, year=YEAR).json()
    assert status["own"]["stale"] is True and status["counts"]["reopened"] == 1
    again = api.post(f"/reports/stats/returns/{county['id']}/aggregate", {"version": status["own"]["version"]})
    assert again.status_code == 200 and again.json()["stale"] is False
    listed = api.get("/reports/stats/returns", year=YEAR, union_id=w.county.pk).json()
    assert {r["union"]["name"] for r in listed["items"]} == {w.mill.name, w.county.name}


def test_another_province_never_sees_a_return(stats_world, api_as):
    w = stats_world
    ret = api_as("county_clerk").post("/reports/stats/returns", {"union_id": w.mill.pk, "year": YEAR}).json()
    outsider = api_as("other_province_officer")
    assert outsider.get(f"/reports/stats/returns/{ret['id']}").status_code == 404
    assert outsider.post("/reports/stats/returns", {"union_id": w.mill.pk, "year": YEAR}).status_code == 404
    assert outsider.get("/reports/stats/returns", year=YEAR).json()["count"] == 0
    assert outsider.get("/reports/stats/status", union_id=w.county.pk).status_code == 404
    assert api_as("auditor").get("/reports/stats/returns").status_code == 403


def test_a_county_prefills_and_signs_on_behalf_over_the_api(stats_world, api_as):
    w = stats_world
    api = api_as("county_clerk")
    assert api.post("/reports/stats/prefill", {"union_id": w.county.pk, "year": YEAR}).json() == {"opened": 5}
    assert api.post("/reports/stats/prefill", {"union_id": w.county.pk, "year": YEAR}).json() == {"opened": 0}
    listed = {r["union"]["id"]: r for r in api.get("/reports/stats/returns", year=YEAR,
                                                     union_id=w.county.pk).json()["items"]}
    mill = listed[w.mill.pk]
    api.send("put", f"/reports/stats/returns/{mill['id']}/values", {"version": mill["version"], "values": GOOD})
    done = api.post("/reports/stats/sign-on-behalf", {"union_id": w.county.pk, "year": YEAR, "level": 6,
                                                       "name": "李静"})
    assert done.status_code == 200, done.json()
    body = done.json()
    assert body["signed"] == 1 and body["left_open_count"] == 2
    assert {x["union"] for x in body["left_open"]} == {w.grassroots.name, w.hotel.name}
    assert all(x["failure"]["fields"] for x in body["left_open"])
    refused = api.post("/reports/stats/sign-on-behalf", {"union_id": w.county.pk, "year": YEAR, "level": 4,
                                                          "name": "李静"})
    assert refused.status_code == 400 and refused.json()["field"] == "level"
    outsider = api_as("other_province_officer")
    assert outsider.post("/reports/stats/prefill", {"union_id": w.county.pk, "year": YEAR}).status_code in (403, 404)
