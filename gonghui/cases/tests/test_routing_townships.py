"""乡镇/街道 read from what callers say, with the real division list (41,352 townships and streets)."""

import csv

import pytest

from gonghui.cases.routing import address, townships
from gonghui.cases.routing.address import RegionIndex
from gonghui.cases.routing.classifier import HELD_OUT_FILE, LABELLED_FILE
from gonghui.cases.tests.test_routing_address import lines_run
from gonghui.orgs.models import Region
from gonghui.orgs.services.regions import read_regions

SICHUAN = "510000"


@pytest.fixture(scope="module")
def index() -> RegionIndex:
    _dataset, rows = read_regions()
    return RegionIndex.build(
        (Region(adcode=r.adcode, name=r.name, level=r.level, parent_id=r.parent, is_current=r.current,
                retired_to_id=r.successor) for r in rows if r.level <= Region.RegionLevel.COUNTY),
        [(r.adcode, r.name) for r in rows if r.level == Region.RegionLevel.TOWN and r.current],
    )


@pytest.fixture(scope="module")
def without_towns() -> RegionIndex:
    _dataset, rows = read_regions()
    return RegionIndex.build(
        Region(adcode=r.adcode, name=r.name, level=r.level, parent_id=r.parent, is_current=r.current,
               retired_to_id=r.successor) for r in rows if r.level <= Region.RegionLevel.COUNTY
    )


def town(parsed) -> tuple[str | None, str | None]:
    county = parsed.county or parsed.city
    return (county.adcode if county else None, parsed.township.adcode if parsed.township else None)


@pytest.mark.parametrize(("text", "expected"), [
    ("我在锦江区春熙路街道上班", ("510104", "510104022")),
    ("双流区黄甲街道", ("510116", "510116006")),
    ("四川省成都市武侯区簇桥街道", ("510107", "510107011")),
    # 犀浦 became a 街道; callers still say 镇, or nothing at all.
    ("郫都区犀浦镇", ("510117", "510117006")),
    ("成都郫县犀浦镇", ("510117", "510117006")),
    ("犀浦那边一个厂", ("510117", "510117006")),
    ("成都犀浦", ("510117", "510117006")),
    ("黄龙溪镇一个餐馆", ("510116", "510116111")),
    ("锦江区春熙路一家餐馆", ("510104", "510104022")),
    # 东莞 has no counties: its towns sit under the city.
    ("东莞长安镇", ("441900", "441900119")),
])
def test_it_reads_real_townships_and_streets(index, text, expected):
    parsed = index.parse(text, default_province=SICHUAN)
    assert town(parsed) == expected
    assert parsed.region == parsed.township and parsed.township.level == Region.RegionLevel.TOWN


def test_the_words_read_are_listed_in_order(index):
    parsed = index.parse("郫都区犀浦镇某厂", default_province=SICHUAN)
    assert parsed.matched == ("郫都区", "犀浦镇")
    assert parsed.adcodes == (SICHUAN, "510100", "510117", "510117006")


def test_a_name_many_counties_share_needs_its_county(index):
    # 太平镇: 70 counties in China, 8 of them in 四川.
    assert index.parse("我在太平镇打工", default_province=SICHUAN).region is None
    assert town(index.parse("江油市太平镇", default_province=SICHUAN)) == ("510781", "510781101")
    assert town(index.parse("古蔺县太平镇", default_province=SICHUAN)) == ("510525", "510525103")
    # 中心 is a town in only six counties, but more than five: a common place word.
    assert index.parse("在中心镇上班", default_province=SICHUAN).region is None


def test_a_name_unique_in_the_province_is_not_read_when_the_city_disagrees(index):
    parsed = index.parse("绵阳犀浦", default_province=SICHUAN)
    assert parsed.city.adcode == "510700" and parsed.township is None


@pytest.mark.parametrize("text", [
    "大家团结起来",  # 团结街道 (郫都区): an everyday word
    "郫都区的工友团结起来",  # ... too common a word even with its county named
    "新华书店",  # 新华: 44 counties
    "老板叫王东升",  # 东升 is a person's name to the dictionary
    "老板让我签一份空白合同",  # 白合镇, inside 空白 + 合同
    "犀浦路上的一家店",  # a road named after the place
])
def test_common_words_are_not_townships(index, text):
    assert index.parse(text, default_province=SICHUAN).township is None


def test_a_rare_word_is_read_bare_only_inside_its_county(index):
    # 友爱镇 of 郫都区: a word the dictionary knows, but seldom.
    assert index.parse("友爱那边", default_province=SICHUAN).township is None
    assert town(index.parse("郫都区友爱那边", default_province=SICHUAN)) == ("510117", "510117115")


def test_two_townships_of_one_county_name_the_county(index):
    parsed = index.parse("从犀浦街道调到郫筒街道", default_province=SICHUAN)
    assert parsed.county.adcode == "510117" and parsed.township is None


def test_a_township_outside_the_county_read_is_not_taken(index):
    parsed = index.parse("锦江区犀浦街道", default_province=SICHUAN)
    assert parsed.county.adcode == "510104" and parsed.township is None


def test_no_labelled_statement_gains_or_changes_a_place(index, without_towns):
    """The project's and the colloquial sets name no township: reading townships changes none of
    their places (the held-out floors in test_routing_classifier hold the rest)."""
    for path in (LABELLED_FILE, HELD_OUT_FILE):
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                with_towns = index.parse(row["text"], default_province=SICHUAN)
                assert with_towns.township is None, row["text"]
                assert with_towns == without_towns.parse(row["text"], default_province=SICHUAN), row["text"]


def test_the_township_readers_work_grows_linearly_with_the_text(index):
    sentence = "我在郫都区犀浦镇一个厂上班，老板拖欠工资，双流区黄甲街道的工友也一样，太平镇的也是。"
    short, long = sentence * 25, sentence * 200
    files = (address.__file__, townships.__file__)
    short_work = lines_run(lambda: index.parse(short, default_province=SICHUAN), files)
    long_work = lines_run(lambda: index.parse(long, default_province=SICHUAN), files)
    assert long_work <= 9 * short_work
