"""The calendar endpoints: read with any case permission, write with calendar.manage where it applies."""

import json
from typing import Any

import pytest
from django.test import Client

from gonghui.accounts.login import api_token_issue
from gonghui.testing.world import make_user
from gonghui.workdays.models import CalendarYear, Holiday

pytestmark = pytest.mark.django_db


class ApiClient:
    """JSON to /api/v1 with a bearer token (the domain app cannot import the API's own test helpers)."""

    def __init__(self, token: str | None = None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get("/api/v1" + path, params, headers=self.headers)

    def _send(self, method: str, path: str, data: Any = None) -> Any:
        body = json.dumps(data) if data is not None else ""
        return getattr(self.client, method)("/api/v1" + path, body, content_type="application/json",
                                            headers=self.headers)

    def post(self, path: str, data: Any) -> Any:
        return self._send("post", path, data)

    def patch(self, path: str, data: Any) -> Any:
        return self._send("patch", path, data)

    def delete(self, path: str) -> Any:
        return self._send("delete", path)


@pytest.fixture
def api_as(world):
    def make(persona: str) -> ApiClient:
        _token, raw = api_token_issue(user=getattr(world, persona))
        return ApiClient(raw)

    return make


def test_a_year_lists_its_entries_and_says_it_is_covered(world, seeded, api_as):
    body = api_as("county_clerk").get("/calendar/years/2026").json()
    assert body["covered"] and body["coverage"][0]["source"] == "seeded"
    oct_1 = next(e for e in body["entries"] if e["day"] == "2026-10-01")
    assert (oct_1["kind"], oct_1["name"], oct_1["national"]) == ("holiday", "国庆节", True)
    assert not api_as("county_clerk").get("/calendar/years/2027").json()["covered"]


def test_a_national_administrator_creates_updates_and_deletes_an_entry(world, seeded, api_as):
    client = api_as("national_admin")
    created = client.post("/calendar/entries", {"day": "2027-01-01", "kind": "holiday", "name": "元旦"})
    assert created.status_code == 201 and created.json()["national"]
    entry_id = created.json()["id"]
    updated = client.patch(f"/calendar/entries/{entry_id}", {"name": "元旦节"})
    assert updated.status_code == 200 and updated.json()["name"] == "元旦节"
    assert client.delete(f"/calendar/entries/{entry_id}").status_code == 204
    assert not Holiday.objects.filter(pk=entry_id).exists()
    marked = client.post("/calendar/marks", {"year": 2027, "note": "国办发明电"})
    assert marked.status_code == 201
    assert client.delete(f"/calendar/marks/{marked.json()['id']}").status_code == 204


def test_a_province_writes_locally_but_not_nationally_and_a_county_not_at_all(world, seeded, api_as):
    client = api_as("province_officer")
    refused = client.post("/calendar/entries", {"day": "2026-03-10", "kind": "holiday"})
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    local = client.post("/calendar/entries", {"day": "2026-03-10", "kind": "holiday",
                                              "union_id": world.province.pk})
    assert local.status_code == 201 and local.json()["union"]["id"] == world.province.pk
    seen = client.get("/calendar/years/2026", union=world.grassroots.pk).json()
    assert any(e["day"] == "2026-03-10" for e in seen["entries"])
    national = client.get("/calendar/years/2026").json()
    assert not any(e["day"] == "2026-03-10" for e in national["entries"])
    seeded_id = Holiday.objects.get(day="2026-10-01", org_path="").pk
    assert client.delete(f"/calendar/entries/{seeded_id}").status_code == 403
    county = api_as("county_admin").post("/calendar/entries", {"day": "2026-03-11", "kind": "holiday",
                                                               "union_id": world.county.pk})
    assert county.status_code == 400 and county.json()["field"] == "union_id"


def test_bad_input_names_the_field(world, seeded, api_as):
    client = api_as("national_admin")
    early = client.post("/calendar/entries", {"day": "1900-01-01", "kind": "holiday"})
    assert early.status_code == 400 and early.json()["field"] == "day"
    unknown = client.post("/calendar/entries", {"day": "2026-03-10", "kind": "party"})
    assert unknown.status_code == 422 and unknown.json()["field"] == "kind"
    seeded_id = Holiday.objects.get(day="2026-10-01", org_path="").pk
    assert client.delete(f"/calendar/entries/{seeded_id}").json()["code"] == "seeded"
    assert client.post("/calendar/marks", {"year": 2026}).json()["field"] == "year"


def test_another_province_sees_sichuan_local_entries_as_missing(world, seeded, api_as):
    entry = Holiday.objects.create(day="2026-03-10", kind="holiday", union=world.county, org_path=world.county.path)
    mark = CalendarYear.objects.create(year=2027, union=world.county, org_path=world.county.path)
    client = api_as("other_province_officer")
    for response in (client.patch(f"/calendar/entries/{entry.pk}", {"name": "x"}),
                     client.delete(f"/calendar/entries/{entry.pk}"), client.delete(f"/calendar/marks/{mark.pk}")):
        assert response.status_code == 404, response.content
        assert response.json() == client.delete("/calendar/entries/987654321").json()
    hidden = client.get("/calendar/years/2026", union=world.county.pk)
    assert hidden.status_code == 404 and hidden.json() == client.get("/calendar/years/2026", union=987654321).json()


def test_without_a_case_permission_the_calendar_is_refused(world, seeded):
    _token, raw = api_token_issue(user=make_user("stats_only", world.county, "stats_viewer"))
    assert ApiClient(raw).get("/calendar/years/2026").status_code == 403
    assert ApiClient().get("/calendar/years/2026").status_code == 401
