"""A deterministic, realistic demo province: the real cities and counties of one province from the
GB/T 2260 list, townships and streets under each county, grassroots unions with their employers,
and employers not yet organised. The same seed always gives the same province."""

import random
from collections.abc import Callable
from dataclasses import dataclass

from faker import Faker

from gonghui.core.validators import CREDIT_CODE_ALPHABET, credit_code_check_character
from gonghui.demo.names import PUBLIC_BODIES, firm_name, joint_union_name, public_body, short_place
from gonghui.orgs.choices import Industry, Level, Ownership, UnionKind
from gonghui.orgs.models import Region
from gonghui.orgs.services.bulk import EmployerSpec, NodeSpec

# Only where the division list has no township under a county (loaded to the county only): the demo
# otherwise names its township and street unions after the county's real ones.
TOWNSHIP_NAMES = [
    "城关镇", "东城街道", "西城街道", "南湖街道", "北苑街道", "新华街道", "建设路街道", "人民路街道", "文化街道",
    "金桥镇", "青龙镇", "石桥镇", "白鹤镇", "柳江镇", "花园街道", "光明街道", "长安街道", "永兴镇", "太平镇",
    "龙泉街道", "双桥镇", "三河镇", "五里镇", "高新区", "经济开发区", "工业园区", "滨江街道", "桂花镇",
]
GRASSROOTS_KIND_WEIGHTS = [
    (UnionKind.ENTERPRISE, 70), (UnionKind.JOINT, 10), (UnionKind.INSTITUTION, 8),
    (UnionKind.GOVERNMENT, 7), (UnionKind.SOCIAL_ORG, 5),
]
OWNERSHIP_BY_KIND: dict[str, list[Ownership]] = {
    UnionKind.GOVERNMENT: [Ownership.PUBLIC], UnionKind.INSTITUTION: [Ownership.PUBLIC],
    UnionKind.SOCIAL_ORG: [Ownership.OTHER],
}
COMMON_OWNERSHIP = [Ownership.PRIVATE] * 6 + [Ownership.STATE, Ownership.COLLECTIVE, Ownership.FOREIGN,
                                              Ownership.HMT, Ownership.MIXED]
# The demo keeps about ten members a union so it builds in a minute; the headcounts are drawn to fit,
# so that 入会率 (members over the employees of the subtree's employers) and 建会率 land where the
# provinces report them: "已建工会单位职工入会率达98%" (遵义), 入会率 96% (农林水利气象), 建会入会率 ≥ 80%
# (西藏), 社会组织建会率 ≥ 85% (十堰), 组建率 "动态保持在85%以上" (shared/reference/seeds-inventory-b.md,
# L127, L655, L1313, L1451). Members are drawn at 84-98% of each union's headcount (members.py), and the
# employers not yet organised are small ones, as they are in life: 入会率 ~85%, 建会率 ~88%.
UNORGANISED_SHARE = 5  # one employer without a union for every five grassroots unions of a township
FIRM_INDUSTRIES = [i for i in Industry.values[:19] if i not in ("P", "S")]
# A province also has its large firms: the first few enterprises (the `grassroots` login's own among
# them, then two of 300 or more) and one in LARGE_SHARE after employ 100 to 1,200, so 职代会 (100 or
# more workers) and the 职工董事 rule (300 or more) have employers to apply to. Their members follow
# their headcount, so the rates hold; the draw has its own generator, so every other name and number
# stays as it was.
LARGE_FIRST, LARGE_SHARE = 3, 50


@dataclass
class ProvincePlan:
    province_code: str = "510000"
    grassroots: int = 2000
    seed: int = 2026


class ProvinceBuilder:
    def __init__(self, plan: ProvincePlan):
        self.plan = plan
        self.rng = random.Random(plan.seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(plan.seed)
        self.used_codes: set[str] = set()
        self.used_names: set[str] = set()
        self.owed = 0.5
        self.townships: dict[str, list[tuple[str, str]]] = {}
        self.large_rng = random.Random(plan.seed + 1)
        self.enterprises = 0

    def credit_code(self, adcode: str, org_type: str = "1") -> str:
        while True:
            body = "9" + org_type + adcode + "".join(self.rng.choice(CREDIT_CODE_ALPHABET[:10]) for _ in range(9))
            code = body + credit_code_check_character(body)
            if code not in self.used_codes:
                self.used_codes.add(code)
                return code

    def unique(self, make: Callable[[], str]) -> str:
        name = make()
        for _ in range(30):
            if name not in self.used_names:
                break
            name = make()
        else:  # a small county can run out of its dozen offices: a firm number tells them apart
            name = f"{name}（{self.rng.randint(2, 99)}）"
        self.used_names.add(name)
        return name

    def naming(self, kind: str, city: str, county: str) -> tuple[str, str]:
        """(name, industry): public bodies after their county, firms after their city or county."""
        if kind in PUBLIC_BODIES:
            body = public_body(self.rng, kind, county)
            if body[0] not in self.used_names:
                self.used_names.add(body[0])
                return body
        industry = self.rng.choice(FIRM_INDUSTRIES)
        place = short_place(city if self.rng.random() < 0.7 else county)
        return self.unique(lambda: firm_name(self.rng, place, industry)), industry

    def unorganised(self, unions: int) -> int:
        """One for every UNORGANISED_SHARE unions, the remainder carried on to the next township, so
        that every city and county shows about the same 建会率 whatever the demo's size."""
        self.owed += unions / UNORGANISED_SHARE
        due = int(self.owed)
        self.owed -= due
        return due

    def headcount(self, kind: str, *, organised: bool = True) -> int:
        if not organised:
            return 2 + int(self.rng.lognormvariate(1.0, 0.6))
        if kind in (UnionKind.GOVERNMENT, UnionKind.INSTITUTION):
            return self.rng.randint(6, 30)
        if kind == UnionKind.JOINT:  # the small shops and workshops a 联合工会 gathers
            return 2 + int(self.rng.lognormvariate(1.1, 0.5))
        if kind == UnionKind.SOCIAL_ORG:
            return self.rng.randint(3, 15)
        drawn = max(3, int(self.rng.lognormvariate(1.7, 0.8)))
        self.enterprises += 1
        if self.enterprises <= LARGE_FIRST or self.enterprises % LARGE_SHARE == 0:
            rng = self.large_rng
            if self.enterprises != 1 and (self.enterprises <= LARGE_FIRST or rng.random() >= 0.55):
                return min(1200, max(300, int(rng.lognormvariate(6.0, 0.4)) + 60))  # a 职工董事 is due
            return rng.randint(100, 299)
        return drawn

    def employer(self, adcode: str, kind: str, city: str, county: str, *, organised: bool = True,
                 place: str = "") -> EmployerSpec:
        employees = self.headcount(kind, organised=organised)
        ownership = self.rng.choice(OWNERSHIP_BY_KIND.get(kind, COMMON_OWNERSHIP))
        name, industry = self.naming(kind, city, county)
        return EmployerSpec(
            credit_code=self.credit_code(adcode, "1" if ownership not in (Ownership.PUBLIC, Ownership.OTHER) else "2"),
            name=name, industry=industry, ownership=ownership,
            employee_count=employees, women_count=int(employees * self.rng.uniform(0.2, 0.6)),
            migrant_count=int(employees * self.rng.uniform(0.0, 0.5)), above_scale=employees >= 300,
            address=f"{place}{self.fake.street_name()}{self.rng.randint(1, 999)}号", region_id=adcode,
        )

    def grassroots(self, adcode: str, city: str, county: str, township: str) -> NodeSpec:
        kind = self.rng.choices([k for k, _ in GRASSROOTS_KIND_WEIGHTS], [w for _, w in GRASSROOTS_KIND_WEIGHTS])[0]
        if kind == UnionKind.JOINT:
            employers = [self.employer(adcode, kind, city, county, place=township)
                         for _ in range(self.rng.randint(3, 8))]
            name = self.unique(lambda: joint_union_name(self.rng, township))
        else:
            employers = [self.employer(adcode, kind, city, county, place=township)]
            name = employers[0].name + "工会委员会"
        return NodeSpec(name=name, kind=kind, level=Level.GRASSROOTS, region_id=adcode,
                        chair_name=self.fake.name(), phone=self.fake.phone_number(), employers=employers,
                        founded_on=self.fake.date_between("-30y", "-1y"), address=employers[0].address,
                        legal_person=self.rng.random() < 0.6)

    def build(self) -> NodeSpec:
        province = Region.objects.get(adcode=self.plan.province_code)
        cities = list(Region.objects.filter(parent=province, level=Region.RegionLevel.CITY, is_current=True))
        counties = {c.adcode: list(Region.objects.filter(parent=c, level=Region.RegionLevel.COUNTY, is_current=True))
                    for c in cities}
        shares = self.shares(cities, counties)
        # One query for the province's 乡镇/街道, by county, in code order (streets, then towns, then 乡).
        towns = (Region.objects.filter(level=Region.RegionLevel.TOWN, is_current=True,
                                       adcode__startswith=province.adcode[:2])
                 .order_by("adcode").values_list("adcode", "name", "parent_id"))
        for code, name, parent in towns:
            self.townships.setdefault(parent, []).append((code, name))
        root = NodeSpec(name=province.name + "总工会", kind=UnionKind.FEDERATION, level=Level.PROVINCE,
                        region_id=province.adcode, chair_name=self.fake.name(), address=province.name)
        for city in cities:
            city_node = NodeSpec(name=city.name + "总工会", kind=UnionKind.FEDERATION, level=Level.CITY,
                                 region_id=city.adcode, chair_name=self.fake.name(), address=city.name)
            root.children.append(city_node)
            for county in counties[city.adcode]:
                city_node.children.append(self.county(city, county, shares[county.adcode]))
        return root

    def shares(self, cities: list[Region], counties: dict[str, list[Region]]) -> dict[str, int]:
        """Grassroots unions per county, at least one each, the rest by weight: firms crowd the districts
        of the capital and the cities, not the counties of the plateau's autonomous prefectures."""
        capital = cities[0].adcode if cities else ""
        weights: dict[str, float] = {}
        for city in cities:
            for county in counties[city.adcode]:
                weight = 1.6 if county.name.endswith("区") else 1.2 if county.name.endswith("市") else 1.0
                if city.adcode == capital:
                    weight *= 2.5
                if "自治" in city.name or "自治" in county.name:
                    weight *= 0.4
                weights[county.adcode] = weight
        spare = max(0, self.plan.grassroots - len(weights))
        total = sum(weights.values()) or 1.0
        exact = {code: spare * w / total for code, w in weights.items()}
        shares = {code: 1 + int(x) for code, x in exact.items()}
        # Largest remainders take what rounding down left over, so the total is exactly the plan's.
        for code in sorted(exact, key=lambda c: exact[c] - int(exact[c]), reverse=True)[: spare - sum(
                int(x) for x in exact.values())]:
            shares[code] += 1
        return shares

    def county(self, city: Region, county: Region, grassroots: int) -> NodeSpec:
        node = NodeSpec(name=f"{city.name}{county.name}总工会", kind=UnionKind.FEDERATION, level=Level.COUNTY,
                        region_id=county.adcode, chair_name=self.fake.name(), address=f"{city.name}{county.name}")
        # The county's real townships and streets, with their division codes, so that routing by
        # address and the region labels agree with the unions' names.
        places = self.townships.get(county.adcode) or [(county.adcode, name) for name in TOWNSHIP_NAMES]
        townships = min(len(places), max(2, grassroots // 5))
        chosen = sorted(self.rng.sample(places, townships))
        for i, (code, tname) in enumerate(chosen):
            kind = UnionKind.PARK if tname.endswith(("园区", "开发区", "高新区")) else UnionKind.TOWNSHIP
            town = NodeSpec(name=f"{county.name}{tname}工会", kind=kind, level=Level.TOWNSHIP,
                            region_id=code, chair_name=self.fake.name(), address=f"{city.name}{county.name}{tname}")
            count = grassroots // townships + (1 if i < grassroots % townships else 0)
            town.children = [self.grassroots(county.adcode, city.name, county.name, f"{county.name}{tname}")
                             for _ in range(count)]
            # Employers not yet organised: they sit under the township union, 建会率 below 100%.
            town.employers = [self.employer(county.adcode, UnionKind.ENTERPRISE, city.name, county.name,
                                            organised=False, place=f"{county.name}{tname}")
                              for _ in range(self.unorganised(count))]
            node.children.append(town)
        return node
