import io

import openpyxl
import pytest
from django.test import Client, override_settings
from django.urls import reverse

from gonghui.core.middleware import CSP
from gonghui.members.choices import EmploymentForm, NewFormGroup
from gonghui.members.models import Member
from gonghui.orgs.models import Region, TradeUnion
from gonghui.positions.geo.gcj02 import wgs_to_gcj
from gonghui.positions.tests.setup import FUCHENG, regions, station
from gonghui.testing.world import PASSWORD, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def login():
    """A client of its own per person (the shared fixture reuses one client)."""
    def as_user(username):
        client = Client()
        assert client.post("/login/", {"username": username, "password": PASSWORD}).status_code == 302
        return client
    return as_user
TDT = "https://t{s}.tianditu.gov.cn/vec_w/wmts?x={x}&y={y}&l={z}&tk=k"


@pytest.fixture
def gap(world):
    """锦江区 has a station and two riders; 涪城区 has three riders and no station."""
    regions()
    TradeUnion.objects.filter(pk=world.grassroots.pk).update(region_id="510104")
    TradeUnion.objects.filter(pk=world.county2.pk).update(region_id="510703")
    for union, n in ((world.grassroots, 2), (world.county2, 3)):
        for _ in range(n):
            member = make_member(union).member
            Member.objects.filter(pk=member.pk).update(employment_form=EmploymentForm.NEW_FORM,
                                                       new_form_group=NewFormGroup.FOOD_DELIVERY)
    return station(world, name="锦江驿站")


def test_the_coverage_page_lists_the_gaps_of_the_viewers_subtree(login, world, gap):
    page = login("province_officer").get(reverse("web:positions_coverage")).content.decode()
    assert page.index("涪城区") < page.index("锦江区")  # the gap first
    assert "有职工无站点" in page and reverse("web:positions_coverage_area", args=["510703"]) in page
    county = login("county_clerk").get(reverse("web:positions_coverage")).content.decode()
    assert "锦江区" in county and "涪城区" not in county


def test_the_coverage_sorts_by_a_column_and_exports_what_it_shows(login, world, gap):
    client = login("province_officer")
    page = client.get(reverse("web:positions_coverage"), {"sort": "stations"}).content.decode()
    assert page.index("锦江区") < page.index("涪城区")
    response = client.post(reverse("web:export_list", args=["positions.coverage"]) + "?sort=stations")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)
                                              if response.streaming else response.content)).active
    rows = [r for r in sheet.iter_rows(values_only=True) if r[0] in ("510104", "510703")]
    assert [(r[0], r[3], r[5]) for r in rows] == [("510104", 2, 1), ("510703", 3, 0)]


def test_the_rows_behind_an_areas_workers_are_one_click_away_and_scoped(login, world, gap):
    url = reverse("web:positions_coverage_area", args=["510703"])
    page = login("province_officer").get(url).content.decode()
    assert world.county2.name in page and "共 3 人" in page
    assert login("county_clerk").get(url).status_code == 404


def test_the_map_json_is_the_lists_filtered_rows_and_never_another_county(login, world, gap):
    theirs = station(world, owner=world.county2, name="涪城驿站", region="510703", at=FUCHENG)
    client = login("county_clerk")
    data = client.get(reverse("web:positions_map_json")).json()
    assert [p["name"] for p in data["points"]] == ["锦江驿站"] and data["total"] == 1
    # Another county's area is refused as every out-of-scope read is, not answered with an empty map.
    assert client.get(reverse("web:positions_map_json"), {"division": "510703"}).status_code == 404
    assert client.get(reverse("web:positions_coverage_json"), {"division": "510703"}).status_code == 404
    assert client.get(reverse("web:positions_map_json"), {"division": "510104"}).json()["total"] == 1
    assert client.get(reverse("web:positions_list"), {"division": "510703"}).status_code == 404
    assert theirs.pk not in [s["id"] for s in client.get(reverse("web:positions_coverage_json")).json()["stations"]]
    assert login("no_grants").get(reverse("web:positions_map_json")).status_code == 403
    assert login("no_grants").get(reverse("web:positions_coverage_json")).status_code == 403


def _export(client, name, **params):
    return client.post(reverse("web:export_list", args=[name]) + "?" + "&".join(f"{k}={v}" for k, v in params.items()))


def test_the_exports_refuse_another_countys_area_as_the_page_and_map_do(login, world, gap):
    station(world, owner=world.county2, name="涪城驿站", region="510703", at=FUCHENG)
    client = login("county_clerk")
    assert client.get(reverse("web:positions_coverage"), {"division": "510703"}).status_code == 404
    assert _export(client, "positions.coverage", division="510703").status_code == 404
    assert _export(client, "positions.positions", division="510703").status_code == 404
    mine = _export(client, "positions.coverage", division="510104")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(mine.streaming_content))).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]] == ["510104"]
    assert _export(client, "positions.coverage", division="x").status_code == 200  # not a code: the whole scope


def test_the_coverage_layer_marks_a_county_gap_and_draws_each_station_with_its_radius(login, world, gap):
    data = login("province_officer").get(reverse("web:positions_coverage_json")).json()
    assert data["radius_m"] == 1000 and [s["name"] for s in data["stations"]] == ["锦江驿站"]
    assert [(g["code"], g["gap"], g["workers"]) for g in data["gaps"]] == [("510703", "none", 3)]


def test_a_county_covered_on_the_whole_is_marked_for_its_gap_town_and_names_it(login, world):
    """The station stands in one town and the riders work in another: the county's totals look covered,
    the town is a gap, and the map (which holds no town coordinates) marks it on its county."""
    regions()
    Region.objects.get_or_create(adcode="510104021", defaults={"name": "书院街街道", "level": 4,
                                                               "parent_id": "510104", "dataset": "test"})
    TradeUnion.objects.filter(pk=world.grassroots.pk).update(region_id="510104021")
    for _ in range(2):
        make_member(world.grassroots, employment_form=EmploymentForm.NEW_FORM,
                    new_form_group=NewFormGroup.FOOD_DELIVERY)
    station(world, name="春熙路驿站", region="510104020")
    [county] = login("county_clerk").get(reverse("web:positions_coverage_json")).json()["gaps"]
    assert (county["code"], county["gap"], county["label"]) == ("510104", "towns", "1个乡镇（街道）存在缺口")
    assert [(t["code"], t["name"], t["gap"], t["workers"], t["url"]) for t in county["towns"]] == [
        ("510104021", "书院街街道", "none", 2, reverse("web:positions_coverage_area", args=["510104021"]))]


def test_points_are_drawn_as_stored_without_gcj02_tiles_and_shifted_with_them(login, world, gap):
    client = login("county_clerk")
    [plain] = client.get(reverse("web:positions_map_json")).json()["points"]
    assert (plain["lat"], plain["lng"]) == (float(gap.lat), float(gap.lng))
    with override_settings(GONGHUI_MAP_TILES=TDT, GONGHUI_MAP_TILES_CRS="gcj02"):
        [shifted] = client.get(reverse("web:positions_map_json")).json()["points"]
    expected = wgs_to_gcj(float(gap.lat), float(gap.lng))
    assert (shifted["lat"], shifted["lng"]) == (round(expected[0], 6), round(expected[1], 6))


def test_the_csp_allows_the_tile_origin_only_when_one_is_set(login, world, gap):
    client = login("county_clerk")
    plain = client.get(reverse("web:positions_list"), {"view": "map"})
    assert plain["Content-Security-Policy"] == CSP and "tianditu" not in plain["Content-Security-Policy"]
    with override_settings(GONGHUI_MAP_TILES=TDT, GONGHUI_MAP_TILES_ORIGIN="https://*.tianditu.gov.cn"):
        tiled = client.get(reverse("web:positions_list"), {"view": "map"})
    assert "img-src 'self' data: https://*.tianditu.gov.cn;" in tiled["Content-Security-Policy"]
    assert "script-src 'self';" in tiled["Content-Security-Policy"]  # tiles are images, nothing more


def test_without_a_tile_server_the_pages_say_so_and_still_list_everything(login, world, gap):
    client = login("county_clerk")
    page = client.get(reverse("web:positions_list"), {"view": "map", "kind": "station"}).content.decode()
    assert 'data-tiles=""' in page and "未配置底图服务" in page and "锦江驿站" in page
    assert reverse("web:positions_map_json") + "?kind=station" in page
    coverage = client.get(reverse("web:positions_coverage")).content.decode()
    assert 'data-tiles=""' in coverage and "未配置底图服务" in coverage


def test_a_cadre_with_only_position_view_sees_the_workers_count_without_the_link_to_employers(world, gap):
    from unittest import mock

    from gonghui.core.permissions import Perm

    # No role today holds position.view without org.view: the org.view look-up is made to find nothing.
    with mock.patch("gonghui.web.positions.views.maps.scope_for") as org_scope:
        org_scope.return_value.is_empty = True
        client = Client()
        client.force_login(world.province_officer)
        page = client.get(reverse("web:positions_coverage")).content.decode()
        assert "涪城区" in page and reverse("web:positions_coverage_area", args=["510703"]) not in page
        assert client.get(reverse("web:positions_coverage_area", args=["510703"])).status_code == 403
        org_scope.assert_called_with(world.province_officer, Perm.ORG_VIEW)
