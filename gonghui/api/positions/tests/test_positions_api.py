"""服务阵地 over the API: a position from registration to closing, another county refused, bad coordinates
and hours named by field, and the public near-me in either datum."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.accounts.login import api_token_issue
from gonghui.accounts.roles import RoleCode
from gonghui.api.conftest import ApiClient
from gonghui.positions.geo.gcj02 import wgs_to_gcj
from gonghui.positions.hours import Span
from gonghui.positions.services.positions import position_set_status
from gonghui.positions.tests.setup import FUCHENG, JINJIANG, regions, station
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def body(world, **kw):
    regions()
    return {"union_id": world.county.pk, "name": "春熙路工会驿站", "kind": "station", "region": "510104",
            "address": "春熙路100号", "place_name": "春熙路公交站旁", "lat": JINJIANG[0] + 0.001,
            "lng": JINJIANG[1] + 0.001, "services": ["water", "rest"], "opened_on": "2024-05-01"} | kw


@pytest.fixture
def api_of():
    def make(user):
        _token, raw = api_token_issue(user=user)
        return ApiClient(raw)

    return make


@pytest.fixture
def county(api_as):
    return api_as("county_clerk")


def ok(response, status=200):
    assert response.status_code == status, response.json()
    return response.json()


def test_a_position_runs_from_registration_through_hours_inspection_and_status_to_closing(world, county):
    made = ok(county.post("/positions", body(world)), 201)
    pk = made["id"]
    # Stored WGS-84; the picked GCJ-02 point comes back to within a metre.
    assert abs(float(made["gcj02_lat"]) - (JINJIANG[0] + 0.001)) < 1e-5
    assert made["checkin_url"].startswith("http") and f"/{pk}/" not in made["checkin_url"]
    hours = ok(county.send("put", f"/positions/{pk}/hours", {"spans": [
        {"weekday": d, "opens": "08:00", "closes": "18:00"} for d in range(5)] + [
        {"weekday": 5, "opens": "22:00", "closes": "次日06:00"}]}))
    assert {"weekday": 5, "opens": "22:00", "closes": "次日06:00"} in hours["hours"]
    day = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    special = ok(county.send("put", f"/positions/{pk}/exceptions/{day}",
                             {"closed": False, "opens": "09:00", "closes": "12:00", "note": "检修"}))
    assert special["exceptions"] == [{"day": day, "closed": False, "opens": "09:00", "closes": "12:00",
                                      "note": "检修"}]
    assert ok(county.delete(f"/positions/{pk}/exceptions/{day}"))["exceptions"] == []
    inspected = ok(county.post(f"/positions/{pk}/inspections", {
        "year": 2025, "inspected_on": "2025-11-03", "result": "rectify", "findings": "饮水机故障",
        "rectify_by": "2025-12-31", "inspector": "李检查"}), 201)
    assert inspected["inspections"][0]["result_label"] == "限期整改"
    edited = ok(county.patch(f"/positions/{pk}", {"contact_phone": "028-12345678", "version": inspected["version"]}))
    assert edited["contact_phone"] == "028-12345678"
    assert ok(county.post(f"/positions/{pk}/suspend", {"reason": "装修"}))["status"] == "suspended"
    assert ok(county.post(f"/positions/{pk}/reopen", {}))["status"] == "open"
    closed = ok(county.post(f"/positions/{pk}/close", {"reason": "拆迁"}))
    assert closed["status"] == "closed"
    assert [e["action"] for e in closed["events"]][-3:] == ["suspend", "reopen", "close"]
    refused = county.post(f"/positions/{pk}/reopen", {})
    assert refused.status_code == 400 and refused.json()["field"] == "status"


def test_the_list_filters_and_the_idle_list_names_the_quiet_stations(world, county):
    quiet = station(world, name="无人驿站")
    station(world, name="书屋", kind="library")
    rows = ok(county.get("/positions", kind="station"))["items"]
    assert [r["name"] for r in rows] == ["无人驿站"]
    assert ok(county.get("/positions", division="510104", q="书屋"))["items"][0]["kind"]["code"] == "library"
    idle = ok(county.get("/positions/idle"))["items"]
    assert quiet.pk in [r["id"] for r in idle] and all(r["days_idle"] >= 60 for r in idle)
    months = ok(county.get(f"/positions/{quiet.pk}/visits", months=3))["months"]
    assert len(months) == 3 and all(m["visits"] == 0 for m in months)


def test_another_countys_position_is_missing_and_its_list_empty(world, api_as):
    theirs = station(world, owner=world.county2, at=FUCHENG, region="510703", name="涪城驿站")
    county = api_as("county_clerk")
    assert county.get(f"/positions/{theirs.pk}").status_code == 404
    assert county.patch(f"/positions/{theirs.pk}", {"name": "改名"}).status_code == 404
    assert county.post(f"/positions/{theirs.pk}/suspend", {"reason": "x"}).status_code == 404
    assert county.get(f"/positions/{theirs.pk}/visits").status_code == 404
    assert ok(county.get("/positions"))["items"] == []
    # Asked for by its area, another county is not found, not answered with an empty list.
    assert county.get("/positions", division="510703").status_code == 404
    made = county.post("/positions", body(world, union_id=world.county2.pk, region="510703", lat=FUCHENG[0],
                                          lng=FUCHENG[1]))
    assert made.status_code in (403, 404) and made.json()["field"] in (None, "union_id")


def test_one_who_only_reads_positions_is_refused_a_change(world, api_of):
    mine = station(world)
    reader = api_of(make_user("county_reviewer", world.county, RoleCode.REVIEWER))
    assert ok(reader.get(f"/positions/{mine.pk}"))["id"] == mine.pk
    assert reader.post(f"/positions/{mine.pk}/suspend", {"reason": "x"}).status_code == 403


@pytest.mark.parametrize(("change", "status", "field"), [
    ({"lat": 200}, 422, "lat"),
    ({"lng": "东经104度"}, 422, "lng"),
    ({"lat": 104.07, "lng": 30.66}, 422, "lat"),  # swapped
    ({"lat": 35.68, "lng": 139.76}, 400, "lat"),  # Tokyo: outside China
    ({"lat": FUCHENG[0], "lng": FUCHENG[1]}, 400, "lat"),  # in China, not in 锦江区
    ({"datum": "bd09"}, 422, "datum"),
])
def test_bad_coordinates_are_refused_naming_the_field(world, county, change, status, field):
    refused = county.post("/positions", body(world, **change))
    assert refused.status_code == status, refused.json()
    assert refused.json()["field"] == field


def test_an_edit_moving_one_coordinate_alone_is_refused_naming_the_other(world, county):
    mine = station(world)
    refused = county.patch(f"/positions/{mine.pk}", {"lat": JINJIANG[0]})
    assert refused.status_code == 400 and refused.json()["field"] == "lng"


def test_hours_that_overlap_or_cannot_be_read_are_refused_naming_the_field(world, county):
    mine = station(world)
    overlap = county.send("put", f"/positions/{mine.pk}/hours", {"spans": [
        {"weekday": 0, "opens": "08:00", "closes": "18:00"}, {"weekday": 0, "opens": "17:00", "closes": "20:00"}]})
    assert overlap.status_code == 400 and overlap.json()["field"] == "spans"
    unreadable = county.send("put", f"/positions/{mine.pk}/hours", {"spans": [
        {"weekday": 0, "opens": "08:00", "closes": "6pm"}]})
    assert unreadable.status_code == 400 and unreadable.json()["field"] == "spans.0.closes"
    backwards = county.send("put", f"/positions/{mine.pk}/hours", {"spans": [
        {"weekday": 0, "opens": "22:00", "closes": "06:00"}]})
    assert backwards.status_code == 400 and "次日" in backwards.json()["message_zh"]


def test_photos_are_uploaded_downloaded_and_removed(world, county):
    mine = station(world)
    upload = SimpleUploadedFile("门口.png", PNG, content_type="image/png")
    made = county.client.post(f"/api/v1/positions/{mine.pk}/photos", {"file": upload, "caption": "正门"},
                              headers=county.headers)
    assert made.status_code == 201, made.json()
    photo = made.json()["photos"][0]
    got = county.client.get(f"/api/v1/positions/{mine.pk}/photos/{photo['id']}", headers=county.headers)
    assert got.status_code == 200 and b"".join(got.streaming_content) == PNG
    assert ok(county.delete(f"/positions/{mine.pk}/photos/{photo['id']}"))["photos"] == []
    fake = SimpleUploadedFile("x.png", io.BytesIO(b"not an image").read(), content_type="image/png")
    refused = county.client.post(f"/api/v1/positions/{mine.pk}/photos", {"file": fake}, headers=county.headers)
    assert refused.status_code == 400 and refused.json()["field"] == "file"


def test_near_me_is_public_lists_only_open_stations_and_answers_in_the_datum_asked(world, anonymous):
    here = (JINJIANG[0] + 0.001, JINJIANG[1] + 0.001)  # GCJ-02, where the stations stand
    near = station(world, name="最近驿站")
    station(world, name="稍远驿站", at=(JINJIANG[0] + 0.01, JINJIANG[1]))
    shut = station(world, name="暂停驿站", at=(JINJIANG[0] + 0.0005, JINJIANG[1] + 0.0005))
    position_set_status(actor=world.province_officer, position=shut, action="suspend", reason="检修")
    station(world, name="白天驿站", hours=[Span(d, 0, 1) for d in range(7)])  # shut at almost every minute
    gcj = ok(anonymous.get("/positions/near", kind="station", lat=here[0], lng=here[1], datum="gcj02"))
    names = [i["name"] for i in gcj["items"]]
    assert names[:2] == ["最近驿站", "稍远驿站"] and "暂停驿站" not in names
    first = gcj["items"][0]
    assert first["id"] == near.pk and first["datum"] == "gcj02" and first["distance_m"] < 5
    assert first["route_url"].startswith("https://uri.amap.com/navigation?")
    assert "coordinate=gaode" in first["route_url"]
    # The same place given as GPS reads the same station at the same distance, its point in WGS-84.
    w_lat, w_lng = float(near.lat), float(near.lng)
    wgs = ok(anonymous.get("/positions/near", kind="station", lat=w_lat, lng=w_lng, datum="wgs84"))
    assert wgs["items"][0]["id"] == near.pk and wgs["items"][0]["distance_m"] < 1
    assert abs(float(wgs["items"][0]["lat"]) - w_lat) < 1e-6
    assert abs(float(first["lat"]) - wgs_to_gcj(w_lat, w_lng)[0]) < 1e-6


@pytest.mark.parametrize(("query", "status", "field"), [
    ({"lat": 91, "lng": 104.0}, 422, "lat"),
    ({"lat": 30.6, "lng": "abc"}, 422, "lng"),
    ({"lat": 48.85, "lng": 2.35}, 400, "lat"),  # Paris
    ({"lat": 30.6, "lng": 104.0, "datum": "bd09"}, 422, "datum"),
    ({"lat": 30.6, "lng": 104.0, "kind": "nowhere"}, 400, "kind"),
])
def test_near_me_names_the_field_of_a_bad_point(world, anonymous, query, status, field):
    refused = anonymous.get("/positions/near", **({"kind": "station", "datum": "wgs84"} | query))
    assert refused.status_code == status, refused.json()
    assert refused.json()["field"] == field


def test_a_studio_position_links_a_studio_by_id_and_another_countys_is_refused_naming_studio_id(world, county):
    from gonghui.skills.tests.innovation_setup import studio
    from gonghui.testing.world import make_employer

    ours = studio(world.employer)
    theirs = studio(make_employer(world.county2, "绵阳某厂"), name="外县工作室")
    refused = county.post("/positions", body(world, kind="studio", studio_id=theirs.pk))
    assert refused.status_code == 400 and refused.json()["field"] == "studio_id"
    made = ok(county.post("/positions", body(world, kind="studio", studio_id=ours.pk)), 201)
    assert made["studio"] == {"id": ours.pk, "name": ours.name}
    cleared = ok(county.patch(f"/positions/{made['id']}", {"studio_id": None}))
    assert cleared["studio"] is None
