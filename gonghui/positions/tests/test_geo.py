import random

import pytest

from gonghui.positions.geo.distance import bbox, haversine_m
from gonghui.positions.geo.gcj02 import gcj_to_wgs, wgs_to_gcj
from gonghui.positions.geo.places import centroids, in_china, in_county, jitter_inside


def test_the_forward_transform_gives_the_published_points():
    # Reference pairs published with the formula (Shanghai 浦东, Shenzhen 南山): WGS-84 → GCJ-02.
    assert wgs_to_gcj(31.1774276, 121.5272106) == (31.17530398364597, 121.531541859215)
    assert wgs_to_gcj(22.543847, 113.912316) == (22.540796131694766, 113.9171764808363)


def test_the_reverse_transform_comes_back_within_a_metre():
    rng = random.Random(7)
    for _ in range(500):
        lat, lng = rng.uniform(18.5, 53.0), rng.uniform(74.0, 134.0)
        back = gcj_to_wgs(*wgs_to_gcj(lat, lng))
        assert haversine_m(lat, lng, *back) < 1.0
    assert haversine_m(31.1774276, 121.5272106, *gcj_to_wgs(31.17530398364597, 121.531541859215)) < 0.01


def test_there_is_no_offset_outside_the_formulas_box():
    assert wgs_to_gcj(51.5, -0.12) == (51.5, -0.12)
    assert gcj_to_wgs(-33.9, 151.2) == (-33.9, 151.2)


def test_a_bounding_box_encloses_the_radius():
    _south, north, _west, east = bbox(30.6, 104.1, 1000)
    assert haversine_m(30.6, 104.1, north, 104.1) == pytest.approx(1000, rel=1e-3)
    assert haversine_m(30.6, 104.1, 30.6, east) == pytest.approx(1000, rel=0.01)


def test_points_abroad_are_outside_china():
    assert in_china(30.598, 104.117)  # 成都锦江
    assert in_china(43.82, 87.61)  # 乌鲁木齐
    for lat, lng in [(37.56, 126.97), (21.03, 105.85), (35.68, 139.70), (0.0, 0.0), (28.61, 77.20),
                     (47.92, 106.91), (25.0, 125.0)]:  # 首尔, 河内, 东京, null island, 新德里, 乌兰巴托, the sea
        assert not in_china(lat, lng), (lat, lng)


def test_a_point_is_in_its_county_only_near_its_centroid():
    assert in_county(30.598, 104.117, "510104")
    assert not in_county(30.64, 104.04, "510104")  # 武侯区's own centroid
    assert not in_county(26.60, 106.70, "510104")  # 贵阳
    assert in_county(30.80, 103.90, "510117")  # 郫都区, carried over from cpca's 郫县


def test_a_county_without_a_centroid_is_judged_by_its_prefecture():
    assert "130171" not in centroids().by_code
    assert in_county(38.04, 114.51, "130171")  # 石家庄高新区 → 石家庄 counties near
    assert not in_county(30.598, 104.117, "130171")


def test_demo_jitter_stays_inside_the_rule():
    rng = random.Random(3)
    for code in ["510104", "510117", "513433", "511702"]:
        for _ in range(50):
            point = jitter_inside(code, rng.random(), rng.random())
            assert point is not None and in_county(*point, code)
