"""A fast, deterministic province of any size, as NodeSpecs for the real bulk loader.

The demo builder (gonghui/demo/province.py) draws employer names from Faker zh_CN, which knows
only 332 company names; it insists on unique names and varies them by at most 98 suffixes, so past
32,868 employers (about 22,000 grassroots unions) it loops for ever. This one
composes names from fixed pools instead (place + brand + trade + form), unique within a county, and
keeps the demo's shape: province, its real cities and counties (GB/T 2260), each county's real
乡镇/街道 (where the division list is loaded down to them; the fixed names otherwise, or where a county
has fewer than a shape asks for), grassroots unions with their employers, and employers not yet
organised under each township.
"""

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count

from gonghui.core.validators import credit_code_check_character
from gonghui.demo.province import COMMON_OWNERSHIP, GRASSROOTS_KIND_WEIGHTS, OWNERSHIP_BY_KIND, TOWNSHIP_NAMES
from gonghui.orgs.choices import Industry, Level, Ownership, UnionKind
from gonghui.orgs.models import Region
from gonghui.orgs.services.bulk import EmployerSpec, NodeSpec

BRAND = "华兴达通宏盛鑫泰安康恒远明德信诚嘉利丰源瑞祥金银海天蓝星光辉永昌新隆广汇中正东方佳和美思博创"
TRADES = ["科技", "机械", "电子", "食品", "建设", "物流", "商贸", "医药", "化工", "纺织", "汽车部件", "新材料",
          "环保", "能源", "信息技术", "印务", "酒业", "农业开发", "置业", "餐饮管理", "家具", "电气", "建材", "服饰"]
FORMS = ["有限公司", "股份有限公司", "有限责任公司", "集团有限公司"]
PUBLIC_BODIES = {
    UnionKind.GOVERNMENT: ["税务所", "市场监管所", "司法所", "财政所", "自然资源所", "人社服务中心"],
    UnionKind.INSTITUTION: ["中学", "小学", "卫生院", "幼儿园", "文化馆", "职业技术学校"],
    UnionKind.SOCIAL_ORG: ["商会", "行业协会", "志愿者协会", "慈善会"],
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红文斌"
ROADS = ["人民路", "建设路", "解放路", "中山路", "滨江路", "工业大道", "创业路", "科技路", "光华大道"]


def place_of(region_name: str) -> str:
    """The short place name that starts company names: 锦江区 -> 锦江, but 郫县 stays 郫县."""
    return region_name.rstrip("区县市") if len(region_name) > 2 else region_name


@dataclass
class Shape:
    """How `total` unions split: every county alike but the small one that the move benchmark uses."""

    total: int
    small_county: int = 300  # unions in the development zone, itself and its townships included
    small_townships: int = 9


class ProvinceGenerator:
    def __init__(self, province_code: str, seed: int):
        self.province = Region.objects.get(adcode=province_code)
        self.rng = random.Random(seed)
        self.serial = count(1)
        # One query for the province's 乡镇/街道 by county, in code order, as the demo reads them.
        self.towns: dict[str, list[tuple[str, str]]] = {}
        for code, name, parent in (Region.objects.filter(level=Region.RegionLevel.TOWN, is_current=True,
                                                         adcode__startswith=province_code[:2])
                                   .order_by("adcode").values_list("adcode", "name", "parent_id")):
            self.towns.setdefault(parent, []).append((code, name))

    def credit_code(self, adcode: str, public: bool) -> str:
        # A serial number in the organisation-code part keeps codes unique without a lookup set.
        body = f"9{'2' if public else '1'}{adcode}{next(self.serial):09d}"
        return body + credit_code_check_character(body)

    def person(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.choices(GIVEN, k=self.rng.randint(1, 2)))

    def namer(self, place: str) -> Callable[[], str]:
        """Company names unique within a county: a walk with a stride coprime to the number of names
        visits every (brand, trade, form) once before repeating, in a seeded order."""
        combos = len(BRAND) ** 2 * len(TRADES) * len(FORMS)
        stride = next(p for p in (104729, 130363, 7919) if math.gcd(p, combos) == 1)
        walk = count(self.rng.randrange(combos), stride)

        def name() -> str:
            i, form = divmod(next(walk) % combos, len(FORMS))
            i, trade = divmod(i, len(TRADES))
            a, b = divmod(i, len(BRAND))
            return f"{place}{BRAND[a]}{BRAND[b]}{TRADES[trade]}{FORMS[form]}"
        return name

    def employer(self, name: str, adcode: str, kind: str, address: str) -> EmployerSpec:
        employees = int(self.rng.lognormvariate(4.0, 1.1)) + 3
        ownership = self.rng.choice(OWNERSHIP_BY_KIND.get(kind, COMMON_OWNERSHIP))
        return EmployerSpec(
            credit_code=self.credit_code(adcode, ownership in (Ownership.PUBLIC, Ownership.OTHER)), name=name,
            industry=self.rng.choice(Industry.values[:19]), ownership=ownership, employee_count=employees,
            women_count=int(employees * self.rng.uniform(0.2, 0.6)),
            migrant_count=int(employees * self.rng.uniform(0.0, 0.5)), above_scale=employees >= 300,
            address=address, region_id=adcode,
        )

    def grassroots(self, place: str, adcode: str, company: Callable[[], str], address: str) -> NodeSpec:
        kind = self.rng.choices([k for k, _ in GRASSROOTS_KIND_WEIGHTS], [w for _, w in GRASSROOTS_KIND_WEIGHTS])[0]
        if kind == UnionKind.JOINT:
            employers = [self.employer(company(), adcode, kind, address) for _ in range(self.rng.randint(3, 8))]
            name = employers[0].name[: len(place) + 2] + "片区联合工会委员会"
        else:
            body = company()
            if kind in PUBLIC_BODIES:  # a public body keeps the brand as a place name: 华兴税务所
                body = body[: len(place) + 2] + self.rng.choice(PUBLIC_BODIES[kind])
            employers = [self.employer(body, adcode, kind, address)]
            name = body + "工会委员会"
        return NodeSpec(name=name, kind=kind, level=Level.GRASSROOTS, region_id=adcode, chair_name=self.person(),
                        phone=f"0{self.rng.randint(10, 999)}-{self.rng.randint(2000000, 89999999)}",
                        address=address, employers=employers, legal_person=self.rng.random() < 0.6)

    def places(self, region: Region, townships: int) -> list[tuple[str, str]]:
        """`townships` (division code, name) for a county: its real ones first, in a seeded choice, then
        fixed names under the county's own code for any the division list does not have."""
        real = self.towns.get(region.adcode, [])
        chosen = sorted(self.rng.sample(real, min(townships, len(real))))
        taken = {n for _, n in chosen}
        return chosen + [(region.adcode, n) for n in TOWNSHIP_NAMES if n not in taken][: townships - len(chosen)]

    def county(self, name: str, region: Region, townships: int, grassroots: int, place: str = "") -> NodeSpec:
        place = place or place_of(region.name)
        node = NodeSpec(name=name, kind=UnionKind.FEDERATION, level=Level.COUNTY, region_id=region.adcode,
                        chair_name=self.person(), address=region.name)
        company = self.namer(place)
        for i, (code, tname) in enumerate(self.places(region, townships)):
            kind = UnionKind.PARK if tname.endswith(("园区", "开发区", "高新区")) else UnionKind.TOWNSHIP
            town = NodeSpec(name=f"{region.name}{tname}工会", kind=kind, level=Level.TOWNSHIP,
                            region_id=code, chair_name=self.person())
            n = grassroots // townships + (1 if i < grassroots % townships else 0)
            address = f"{region.name}{tname}{self.rng.choice(ROADS)}{self.rng.randint(1, 999)}号"
            town.children = [self.grassroots(place, region.adcode, company, address) for _ in range(n)]
            # Employers not yet organised: they sit under the township union, 建会率 below 100%.
            town.employers = [self.employer(company(), region.adcode, UnionKind.ENTERPRISE, address)
                              for _ in range(max(1, n // 5))]
            node.children.append(town)
        return node

    def build(self, shape: Shape) -> NodeSpec:
        cities = list(Region.objects.filter(parent=self.province, level=Region.RegionLevel.CITY, is_current=True))
        counties = {c.adcode: list(Region.objects.filter(parent=c, level=Region.RegionLevel.COUNTY, is_current=True))
                    for c in cities}
        n_counties = sum(len(cs) for cs in counties.values())
        # What is left for the ordinary counties, after the federations and the small county.
        left = shape.total - 1 - len(cities) - shape.small_county - n_counties
        townships = max(1, min(len(TOWNSHIP_NAMES), left // n_counties // 13))
        grassroots = left - n_counties * townships
        if grassroots < n_counties:
            raise ValueError(f"{shape.total} unions are too few for {n_counties} counties")
        root = NodeSpec(name=self.province.name + "总工会", kind=UnionKind.FEDERATION, level=Level.PROVINCE,
                        region_id=self.province.adcode, chair_name=self.person(), address=self.province.name)
        k = 0
        for city in cities:
            city_node = NodeSpec(name=city.name + "总工会", kind=UnionKind.FEDERATION, level=Level.CITY,
                                 region_id=city.adcode, chair_name=self.person(), address=city.name)
            root.children.append(city_node)
            for county in counties[city.adcode]:
                n = grassroots // n_counties + (1 if k < grassroots % n_counties else 0)
                k += 1
                city_node.children.append(self.county(f"{city.name}{county.name}总工会", county, townships, n))
        first_city, first_county = cities[0], counties[cities[0].adcode][0]
        city_zone = root.children[0]
        zone_grassroots = shape.small_county - 1 - shape.small_townships
        city_zone.children.append(self.county(f"{first_city.name}高新技术产业开发区总工会", first_county,
                                              shape.small_townships, zone_grassroots, place="高新"))
        return root
