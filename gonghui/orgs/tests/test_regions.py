from collections import defaultdict

import pytest

from gonghui.core.errors import PermissionDenied
from gonghui.orgs.models import Region
from gonghui.orgs.selectors import region_choices, region_label, region_labels, regions_near
from gonghui.orgs.services.regions import read_regions, regions_load
from gonghui.testing.world import SYSTEM

pytestmark = pytest.mark.django_db

CITY, COUNTY, TOWN = Region.RegionLevel.CITY, Region.RegionLevel.COUNTY, Region.RegionLevel.TOWN


@pytest.fixture(scope="module")
def listed():
    return read_regions()[1]


def by_province(codes_and_levels):
    out: dict[str, set[str]] = defaultdict(set)
    for code, level in codes_and_levels:
        if level in (CITY, COUNTY):
            out[code[:2]].add(code)
    return out


def test_every_prefecture_and_county_of_every_province_in_the_list_is_loaded(listed):
    regions_load(actor=SYSTEM, towns=False)
    wanted = by_province((r.adcode, r.level) for r in listed if r.current)
    loaded = by_province(Region.objects.filter(is_current=True).values_list("adcode", "level"))
    # 34 provinces; all but 台湾, 香港 and 澳门 have prefectures or counties in the list.
    assert Region.objects.filter(level=Region.RegionLevel.PROVINCE, is_current=True).count() == 34
    assert len(wanted) == 31
    for province, codes in wanted.items():
        assert loaded[province] == codes, province
    # Those the list built from python-stdnum lacked.
    for code, name in [("510400", "攀枝花市"), ("511400", "眉山市"), ("513200", "阿坝藏族羌族自治州"),
                       ("513225", "九寨沟县"), ("511402", "东坡区"), ("500112", "渝北区"), ("210200", "大连市"),
                       ("420600", "襄阳市"), ("421000", "荆州市"), ("320800", "淮安市"), ("430102", "芙蓉区")]:
        assert Region.objects.get(adcode=code).name == name
    sichuan = Region.objects.filter(parent_id="510000", level=CITY, is_current=True)
    assert sichuan.count() == 21


def test_townships_and_streets_are_loaded_under_their_county(listed):
    assert regions_load(actor=SYSTEM) == len(listed)
    assert Region.objects.filter(level=TOWN).count() == sum(r.level == TOWN for r in listed) > 40000
    street = Region.objects.get(adcode="510107062")
    assert (street.name, street.parent_id) == ("肖家河街道", "510107")
    # A prefecture without counties (东莞) has its streets directly under it.
    assert Region.objects.filter(parent_id="441900", level=TOWN).exists()
    assert region_label("510107062") == "成都市武侯区肖家河街道"
    # A county's townships are offered under it; the province pick list stops at the county.
    assert region_choices(parent_code="510107").filter(level=TOWN).count() > 10
    assert not regions_near(union=None).filter(level=TOWN).exists()


def test_loading_again_restores_names_and_retires_rather_than_deletes():
    regions_load(actor=SYSTEM, towns=False)
    Region.objects.filter(adcode="510104").update(name="旧名字")
    Region.objects.create(adcode="510199", name="不在名录的区", level=COUNTY, parent_id="510100", dataset="x")
    count = Region.objects.count()
    regions_load(actor=SYSTEM, towns=False)
    assert Region.objects.get(adcode="510104").name == "锦江区"
    gone = Region.objects.get(adcode="510199")
    assert (gone.name, gone.is_current) == ("不在名录的区", False)
    assert Region.objects.count() == count


def test_only_the_system_loads_the_list(world):
    with pytest.raises(PermissionDenied):
        regions_load(actor=world.national_admin, towns=False)


def test_old_codes_are_kept_retired_and_read_as_what_they_became():
    regions_load(actor=SYSTEM, towns=False)
    pi = Region.objects.get(adcode="510124")
    assert (pi.name, pi.is_current, pi.retired_to_id) == ("郫县", False, "510117")
    assert Region.objects.get(adcode="511521").retired_to_id == "511504"  # 宜宾县 → 叙州区
    assert region_label("510124") == "成都市郫县（今郫都区）"
    assert region_label("511521") == "宜宾市宜宾县（今叙州区）"
    # Every code of the list this one replaced still reads as a place.
    for code in ["510122", "513425", "330103", "422900", "460302", "653228"]:
        assert region_label(code), code


def test_labels_name_the_city_and_county_and_leave_unknown_codes_out():
    regions_load(actor=SYSTEM, towns=False)
    assert region_labels(["510104", "500112", "510100", "510000", "429004", "999999", "", None]) == {
        "510104": "成都市锦江区", "500112": "重庆市渝北区", "510100": "成都市", "510000": "四川省",
        "429004": "湖北省仙桃市",
    }


def test_pick_lists_offer_current_divisions_only(world):
    regions_load(actor=SYSTEM, towns=False)
    assert not region_choices(parent_code="510100").filter(is_current=False).exists()
    assert "510124" not in set(region_choices(parent_code="510100").values_list("adcode", flat=True))
    world.county.region_id = "510104"
    near = regions_near(union=world.county)
    assert not near.filter(is_current=False).exists() and not near.filter(level=TOWN).exists()
    assert near.filter(adcode="510400").exists()
    # The value being edited stays listed, retired or not.
    assert regions_near(union=world.county, keep="510124").filter(adcode="510124").exists()
