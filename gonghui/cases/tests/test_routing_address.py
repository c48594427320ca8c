import json
import sys
from collections.abc import Callable

import pytest

from gonghui.cases.routing import address
from gonghui.cases.routing.address import RegionIndex, parse_address, reset_region_index, short_forms
from gonghui.orgs.models import Region
from gonghui.orgs.services.bulk import REGIONS_FILE, regions_load
from gonghui.testing.world import SYSTEM

SICHUAN, JILIN, BEIJING = "510000", "220000", "110000"


@pytest.fixture(scope="module")
def index() -> RegionIndex:
    # The same GB/T 2260 list the Region table is loaded from, without a database.
    rows = json.loads(REGIONS_FILE.read_text(encoding="utf-8"))["regions"]
    return RegionIndex.build(
        Region(adcode=r["adcode"], name=r["name"], level=r["level"], parent_id=r["parent"]) for r in rows
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


def test_short_forms_drop_the_ethnic_names_of_autonomous_areas():
    assert short_forms(Region(adcode="513400", name="凉山彝族自治州", level=2)) == ["凉山", "凉山州"]
    assert short_forms(Region(adcode="650000", name="新疆维吾尔自治区", level=1)) == ["新疆"]
    assert short_forms(Region(adcode="510107", name="武侯区", level=3)) == ["武侯"]
    assert short_forms(Region(adcode="140202", name="城区", level=3)) == []


@pytest.mark.django_db
def test_parse_address_reads_the_region_table(django_assert_max_num_queries):
    regions_load(actor=SYSTEM)
    reset_region_index()
    with django_assert_max_num_queries(1):
        parsed = parse_address("四川省绵阳市涪城区", default_province=SICHUAN)
        parse_address("武侯区", default_province=SICHUAN)
    assert isinstance(parsed.county, Region)
    assert parsed.adcodes == (SICHUAN, "510700", "510703")
    assert parsed.matched == ("四川省", "绵阳市", "涪城区")


def lines_run(work: Callable[[], object]) -> int:
    """Python lines executed in the address module: the parser's work, counted rather than timed."""
    count = 0

    def tracer(frame, event, _arg):
        nonlocal count
        if frame.f_code.co_filename != address.__file__:
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
