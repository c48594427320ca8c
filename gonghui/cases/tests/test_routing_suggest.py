import pytest
from django.utils import translation

from gonghui.cases.choices import Category, Kind
from gonghui.cases.routing import route
from gonghui.cases.routing.address import parse_address, reset_region_index
from gonghui.cases.routing.suggest import Basis, suggest_union
from gonghui.orgs.choices import Industry, Level, UnionKind
from gonghui.orgs.models import Region, TradeUnion
from gonghui.orgs.scope import Scope
from gonghui.orgs.services.regions import regions_load
from gonghui.testing.world import SYSTEM, make_employer, make_union

pytestmark = pytest.mark.django_db

# The regions each world union stands for, as the demo province attaches them: a township union
# carries its county's code (GB/T 2260 stops at the county).
WORLD_REGIONS = {
    "province": "510000", "city": "510100", "county": "510104", "township": "510104", "grassroots": "510104",
    "city2": "510700", "county2": "510703", "other_province": "520000", "other_city": "520100",
}


@pytest.fixture
def placed(world):
    regions_load(actor=SYSTEM, towns=False)
    reset_region_index()
    for attr, adcode in WORLD_REGIONS.items():
        TradeUnion.objects.filter(pk=getattr(world, attr).pk).update(region_id=adcode)
        getattr(world, attr).refresh_from_db()
    return world


@pytest.fixture
def sichuan(placed):
    """What an operator of the provincial 12351 centre sees."""
    return Scope.of([placed.province.path])


def suggest(world, scope, **kw):
    with translation.override("zh-hans"):
        s = suggest_union(scope=scope, centre=world.province, **kw)
        return s, str(s.reason)


def test_the_employers_own_union_by_credit_code(placed, sichuan):
    s, reason = suggest(placed, sichuan, credit_code=placed.employer.credit_code.lower(), address="贵阳市")
    assert s.union == placed.grassroots
    assert s.basis == Basis.EMPLOYER and s.employer == placed.employer
    assert reason == "按用人单位所属工会"


def test_the_employer_by_exact_name_then_by_part_of_it(placed, sichuan):
    assert suggest(placed, sichuan, employer_name="示例科技有限公司")[0].union == placed.grassroots
    assert suggest(placed, sichuan, employer_name="示例科技")[0].union == placed.grassroots


def test_a_name_that_fits_several_employers_is_not_guessed(placed, sichuan):
    make_employer(placed.grassroots, "示例科技（绵阳）有限公司")
    s, _reason = suggest(placed, sichuan, employer_name="示例科技")
    assert s.basis == Basis.CENTRE and s.union == placed.province


def test_an_employer_without_a_union_goes_to_the_union_organising_it(placed, sichuan):
    shop = make_employer(placed.township, "春熙路老火锅店")
    s, reason = suggest(placed, sichuan, employer_name="老火锅店")
    assert s.union == placed.township and s.employer == shop
    assert reason == "按用人单位的属地工会"


def test_an_out_of_scope_employers_union_is_never_suggested(placed, sichuan):
    guizhou_union = make_union(placed.other_city, "贵阳某厂工会委员会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    guizhou = make_employer(guizhou_union, "贵阳某机械厂")
    s, _reason = suggest(placed, sichuan, credit_code=guizhou.credit_code, employer_name="贵阳某机械厂",
                         address="贵州省贵阳市")
    assert s.union == placed.province and s.basis == Basis.CENTRE
    assert s.employer is None
    # Nor does an address in a county outside a county clerk's scope name that county's union.
    county_scope = Scope.of([placed.county.path])
    s = suggest_union(scope=county_scope, centre=placed.county, address="绵阳市涪城区")
    assert s.union == placed.county and s.basis == Basis.CENTRE


def test_the_township_named_in_the_address(placed, sichuan):
    s, reason = suggest(placed, sichuan, address="成都市锦江区春熙路街道某商场")
    assert s.union == placed.township and s.basis == Basis.ADDRESS
    assert reason == "按事发地址（锦江区春熙路街道）"
    assert s.region.adcode == "510104"


def test_the_county_union_when_no_township_is_named(placed, sichuan):
    s, reason = suggest(placed, sichuan, address="绵阳涪城区一个工地")
    assert s.union == placed.county2
    assert reason == "按事发地址（涪城区）"


def test_the_city_union_when_the_county_has_none(placed, sichuan):
    s, reason = suggest(placed, sichuan, address="我在成都市高新区天府大道某工地")
    assert s.union == placed.city
    assert reason == "按事发地址（成都市）"
    s, _reason = suggest(placed, sichuan, address="武侯区")
    assert s.union == placed.city


def test_the_industry_union_when_the_place_is_unknown(placed, sichuan):
    building = make_union(placed.province, "四川省建设工会", Level.CITY, UnionKind.INDUSTRIAL)
    make_union(placed.other_province, "贵州省建设工会", Level.CITY, UnionKind.INDUSTRIAL)
    s, reason = suggest(placed, sichuan, address="工地上", industry=Industry.E)
    assert s.union == building and reason == "按行业"


def test_the_centre_when_nothing_is_recognised(placed, sichuan):
    s, reason = suggest(placed, sichuan, address="不清楚")
    assert s.union == placed.province and s.basis == Basis.CENTRE
    assert reason == "未能识别，由受理中心处理"


def test_a_suggestion_takes_a_few_queries(placed, sichuan, django_assert_max_num_queries):
    make_union(placed.province, "四川省建设工会", Level.CITY, UnionKind.INDUSTRIAL)
    parse_address("")  # the region index is built once per process, not per suggestion
    with django_assert_max_num_queries(4):
        s = suggest_union(scope=sichuan, centre=placed.province, credit_code="91510104000000000X",
                          employer_name="不存在的公司", address="某地", industry=Industry.E)
    assert s.basis == Basis.INDUSTRY


def test_route_gives_category_kind_place_and_union(placed, sichuan):
    result = route(scope=sichuan, centre=placed.province,
                   text="我在锦江区春熙路一家餐馆当服务员，老板拖欠了三个月工资")
    assert result.category == Category.WAGES
    assert result.kind == Kind.COMPLAINT
    assert result.place.county.adcode == "510104"
    assert result.industry == Industry.H
    assert result.union.union == placed.township


def _load_townships(*rows: tuple[str, str]) -> None:
    """A few real 街道 of the division list (the fixture loads it to the county only, for speed)."""
    Region.objects.bulk_create([Region(adcode=code, name=name, level=Region.RegionLevel.TOWN, parent_id=code[:6],
                                       dataset="test") for code, name in rows])
    reset_region_index()


def test_the_union_of_the_township_read_by_its_division_code(placed, sichuan):
    _load_townships(("510117006", "犀浦街道"), ("510117001", "郫筒街道"))
    pidu = make_union(placed.city, "成都市郫都区总工会", Level.COUNTY, region="510117")
    xipu = make_union(pidu, "郫都区犀浦街道总工会", Level.TOWNSHIP, UnionKind.TOWNSHIP, region="510117006")
    # Neither the county nor the union's name is said: the division code of the street finds it.
    s, reason = suggest(placed, sichuan, address="就在犀浦镇那边一个厂")
    assert s.union == xipu and s.basis == Basis.ADDRESS
    assert reason == "按事发地址（郫都区犀浦街道）"
    assert s.region.adcode == "510117006"


def test_a_township_without_a_union_of_its_own_goes_to_its_county(placed, sichuan):
    _load_townships(("510117006", "犀浦街道"), ("510117001", "郫筒街道"))
    pidu = make_union(placed.city, "成都市郫都区总工会", Level.COUNTY, region="510117")
    make_union(pidu, "郫都区犀浦街道总工会", Level.TOWNSHIP, UnionKind.TOWNSHIP, region="510117006")
    s, reason = suggest(placed, sichuan, address="郫筒街道一家超市")
    assert s.union == pidu and reason == "按事发地址（郫都区）"
    assert s.region.adcode == "510117001"
