import sys
from collections.abc import Callable

import pytest

from gonghui.cases.routing import address
from gonghui.cases.routing.address import RegionIndex, parse_address, reset_region_index, short_forms
from gonghui.orgs.models import Region
from gonghui.orgs.services.regions import read_regions, regions_load
from gonghui.testing.world import SYSTEM

SICHUAN, JILIN, BEIJING = "510000", "220000", "110000"


@pytest.fixture(scope="module")
def index() -> RegionIndex:
    # The same list the Region table is loaded from, without a database.
    _dataset, rows = read_regions()
    return RegionIndex.build(
        Region(adcode=r.adcode, name=r.name, level=r.level, parent_id=r.parent, is_current=r.current,
               retired_to_id=r.successor) for r in rows if r.level <= Region.RegionLevel.COUNTY
    )


def codes(parsed) -> tuple[str | None, str | None, str | None]:
    return tuple(r.adcode if r else None for r in (parsed.province, parsed.city, parsed.county))


@pytest.mark.parametrize(("text", "expected"), [
    ("四川省成都市武侯区簇桥街道", (SICHUAN, "510100", "510107")),
    ("四川成都武侯", (SICHUAN, "510100", "510107")),
    ("成都武侯区", (SICHUAN, "510100", "510107")),
    ("武侯区", (SICHUAN, "510100", "510107")),
    ("我在成都市高新区天府大道某工地", (SICHUAN, "510100", None)),
    ("贵阳", ("520000", "520100", None)),
    ("凉山州西昌市", (SICHUAN, "513400", "513401")),
    ("凉山彝族自治州", (SICHUAN, "513400", None)),
    ("峨边县一个砖厂", (SICHUAN, "511100", "511132")),
    ("广西南宁", ("450000", "450100", None)),
    ("新疆乌鲁木齐市", ("650000", "650100", None)),
])
def test_it_reads_full_and_short_names(index, text, expected):
    assert codes(index.parse(text, default_province=SICHUAN)) == expected


def test_a_county_short_form_needs_its_city_or_the_home_province(index):
    assert codes(index.parse("武侯", default_province=SICHUAN))[2] == "510107"
    # 平安区 is in 青海: an insurance company's name is not a place in 四川.
    assert index.parse("平安保险公司不给理赔", default_province=SICHUAN).region is None


def test_an_ambiguous_county_is_settled_by_the_city_or_province_named(index):
    assert codes(index.parse("长春市朝阳区", default_province=SICHUAN))[2] == "220104"
    assert codes(index.parse("北京朝阳区", default_province=SICHUAN))[2] == "110105"
    assert codes(index.parse("北京市朝阳区", default_province=JILIN))[2] == "110105"


def test_an_ambiguous_county_falls_back_to_the_default_province(index):
    assert codes(index.parse("朝阳区", default_province=JILIN)) == (JILIN, "220100", "220104")
    assert codes(index.parse("朝阳区", default_province=BEIJING)) == (BEIJING, None, "110105")


def test_an_ambiguous_county_with_nothing_to_settle_it_is_not_guessed(index):
    assert index.parse("朝阳区", default_province=SICHUAN).region is None


def test_the_most_specific_consistent_chain_wins(index):
    parsed = index.parse("老家绵阳的，现在在成都锦江区上班", default_province=SICHUAN)
    assert codes(parsed) == (SICHUAN, "510100", "510104")
    assert parsed.matched == ("成都", "锦江区")


@pytest.mark.parametrize("text", ["", "公司老板跑了", "我在中山路上班", "单位在市中心", "参加安康杯竞赛"])
def test_text_without_a_place_gives_none(index, text):
    assert index.parse(text, default_province=SICHUAN).region is None


@pytest.mark.parametrize(("text", "expected"), [
    # 眉山 was missing from the old list, and 山东 was read out of 眉山东坡区.
    ("眉山东坡区", (SICHUAN, "511400", "511402")),
    ("我在眉山市东坡区一个厂里", (SICHUAN, "511400", "511402")),
    # 乐山市 + 中区 lost the county: the reading that covers the full name 市中区 wins.
    ("乐山市中区", (SICHUAN, "511100", "511102")),
    ("四川省乐山市市中区", (SICHUAN, "511100", "511102")),
    ("攀枝花市西区", (SICHUAN, "510400", "510403")),
    ("阿坝州九寨沟县", (SICHUAN, "513200", "513225")),
    ("重庆渝北区", ("500000", None, "500112")),
])
def test_it_reads_the_places_the_old_list_lacked(index, text, expected):
    assert codes(index.parse(text, default_province=SICHUAN)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("郫县", (SICHUAN, "510100", "510117")),  # 郫县 became 郫都区 in 2016
    ("成都郫县犀浦镇", (SICHUAN, "510100", "510117")),
    ("宜宾县", (SICHUAN, "511500", "511504")),  # 宜宾县 became 叙州区 in 2018
    ("双流县", (SICHUAN, "510100", "510116")),
    ("凉山州会理县", (SICHUAN, "513400", "513402")),  # 会理县 became 会理市 in 2021
])
def test_an_old_county_name_reads_as_the_division_it_became(index, text, expected):
    parsed = index.parse(text, default_province=SICHUAN)
    assert codes(parsed) == expected
    assert parsed.county is not None and parsed.county.is_current


def test_a_generic_district_name_inside_a_longer_word_is_not_a_county(index):
    # 高新西区 is a part of 成都高新区, not 攀枝花's 西区; 西区 counts once 攀枝花 is named.
    assert index.parse("高新西区", default_province=SICHUAN).region is None
    assert codes(index.parse("成都高新西区", default_province=SICHUAN)) == (SICHUAN, "510100", None)
    assert codes(index.parse("攀枝花西区", default_province=SICHUAN))[2] == "510403"


def test_a_county_name_of_other_provinces_is_not_guessed_from_sichuan(index):
    # 江北区 is in 重庆 and in 宁波: from a 四川 centre neither is the centre's own, so none is guessed
    # (never 宁波); a centre in either province reads its own.
    assert index.parse("江北区", default_province=SICHUAN).region is None
    assert codes(index.parse("江北区", default_province="500000")) == ("500000", None, "500105")
    assert codes(index.parse("江北区", default_province="330000")) == ("330000", "330200", "330205")
    assert codes(index.parse("宁波江北区", default_province=SICHUAN))[2] == "330205"


def test_places_in_the_centres_province_come_before_more_specific_ones_elsewhere(index):
    # A city of the centre's province and a county elsewhere, neither agreeing with the other: the
    # centre's own place is read, not the county (whose 重庆/宁波 ambiguity dropped both before).
    assert codes(index.parse("家在眉山，厂在江北区", default_province=SICHUAN)) == (SICHUAN, "511400", None)


def test_short_forms_drop_the_ethnic_names_of_autonomous_areas():
    assert short_forms(Region(adcode="513400", name="凉山彝族自治州", level=2)) == ["凉山", "凉山州"]
    assert short_forms(Region(adcode="650000", name="新疆维吾尔自治区", level=1)) == ["新疆"]
    assert short_forms(Region(adcode="510107", name="武侯区", level=3)) == ["武侯"]
    assert short_forms(Region(adcode="140202", name="城区", level=3)) == []


@pytest.mark.django_db
def test_parse_address_reads_the_region_table(django_assert_max_num_queries):
    regions_load(actor=SYSTEM, towns=False)
    reset_region_index()
    # Built once for both parses: the divisions to the county, then the townships.
    with django_assert_max_num_queries(2):
        parsed = parse_address("四川省绵阳市涪城区", default_province=SICHUAN)
        parse_address("武侯区", default_province=SICHUAN)
    assert isinstance(parsed.county, Region)
    assert parsed.adcodes == (SICHUAN, "510700", "510703")
    assert parsed.matched == ("四川省", "绵阳市", "涪城区")


def lines_run(work: Callable[[], object], files: tuple[str, ...] = (address.__file__,)) -> int:
    """Python lines executed in the parser's modules: its work, counted rather than timed."""
    count = 0

    def tracer(frame, event, _arg):
        nonlocal count
        if frame.f_code.co_filename not in files:
            return None
        count += event == "line"
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(previous)
    return count


def test_the_parsers_work_grows_linearly_with_the_text(index):
    # A pasted statement that keeps naming places: each sentence names a province, a city, a county.
    sentence = "我在四川省成都市武侯区一个工地上干活，老板拖欠工资，绵阳涪城区的工友也一样。"
    short, long = sentence * 25, sentence * 200
    short_work = lines_run(lambda: index.parse(short, default_province=SICHUAN))
    long_work = lines_run(lambda: index.parse(long, default_province=SICHUAN))
    # Two cities said equally often: only the province they share is read.
    assert codes(index.parse(long, default_province=SICHUAN)) == (SICHUAN, None, None)
    # Eight times the text, at most a little over eight times the work (it was 60 times).
    assert long_work <= 9 * short_work
