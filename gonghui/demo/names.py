"""Names that read like the real thing: employers named as a registry names them (place, trade name,
line of business, legal form), public bodies after their county, and the relatives of a household
with their own given names and the surnames families in China actually carry."""

import random

from faker import Faker

from gonghui.orgs.choices import UnionKind

TRADE_NAMES = [
    "华蓥", "鑫源", "恒泰", "盛达", "瑞丰", "德阳", "金鼎", "宏远", "永兴", "通达", "泰和", "丰禾", "利民", "昌盛",
    "蜀川", "天府", "锦程", "川越", "嘉诚", "新希", "汇通", "远航", "博创", "众诚", "顺康", "峨眉", "岷江", "青城",
    "玉垒", "东升", "长虹", "九洲", "安泰", "兴旺", "和美", "佳福", "宏达", "精工", "万家", "益民",
]
# GB/T 4754 section letter -> the lines of business a firm of that section writes in its name.
TRADES: dict[str, list[str]] = {
    "A": ["农业开发", "生态农业", "茶业", "种养殖"], "B": ["矿业", "石材开采"],
    "C": ["机械制造", "食品", "电子科技", "纺织", "建材", "汽车零部件", "包装制品", "酒业", "家具制造"],
    "D": ["电力", "燃气", "水务"], "E": ["建筑工程", "建设工程", "路桥工程", "装饰工程"],
    "F": ["商贸", "百货", "超市", "医药连锁"], "G": ["物流", "运输", "快递服务", "客运"],
    "H": ["餐饮管理", "酒店管理", "火锅"], "I": ["信息技术", "软件", "网络科技"], "J": ["融资担保", "典当"],
    "K": ["房地产开发", "物业服务"], "L": ["人力资源服务", "企业管理咨询", "劳务"], "M": ["检测技术", "工程设计"],
    "N": ["环境工程", "园林绿化", "市政工程"], "O": ["家政服务", "汽车维修", "保洁服务"], "P": ["培训学校", "教育咨询"],
    "Q": ["医院", "养老服务"], "R": ["文化传播", "体育发展"], "S": ["社区服务"],
}
LEGAL_FORMS = ["有限公司"] * 6 + ["有限责任公司"] * 2 + ["股份有限公司"]
# Public bodies after the county they serve, with their GB/T 4754 section.
PUBLIC_BODIES: dict[str, list[tuple[str, str]]] = {
    UnionKind.GOVERNMENT: [(n, "S") for n in (
        "人民政府办公室", "发展和改革局", "教育局", "财政局", "人力资源和社会保障局", "自然资源局", "住房和城乡建设局",
        "交通运输局", "农业农村局", "市场监督管理局", "应急管理局", "司法局")],
    UnionKind.INSTITUTION: [("人民医院", "Q"), ("中医医院", "Q"), ("妇幼保健院", "Q"), ("疾病预防控制中心", "Q"),
                            ("第一中学", "P"), ("实验小学", "P"), ("职业技术学校", "P"), ("图书馆", "R"),
                            ("文化馆", "R"), ("融媒体中心", "R"), ("环境卫生管理所", "N"), ("水利工程管理站", "N")],
    UnionKind.SOCIAL_ORG: [(n, "S") for n in ("个体劳动者协会", "餐饮行业协会", "物流协会", "建筑业协会",
                                              "家政服务协会", "快递行业协会")],
}
JOINT_GROUPS = ["商贸企业", "小微企业", "餐饮行业", "物流快递", "个体工商户", "商务楼宇", "建筑行业", "家政服务业"]


def short_place(name: str) -> str:
    """成都市 -> 成都, 锦江区 -> 锦江, 阿坝藏族羌族自治州 -> 阿坝: how firms put a place in their name."""
    if "自治" in name:  # 峨边彝族自治县 -> 峨边, 阿坝藏族羌族自治州 -> 阿坝
        return name[:2]
    for suffix in ("市", "区", "县", "州"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def firm_name(rng: random.Random, place: str, industry: str) -> str:
    return place + rng.choice(TRADE_NAMES) + rng.choice(TRADES.get(industry, TRADES["C"])) + rng.choice(LEGAL_FORMS)


def public_body(rng: random.Random, kind: str, county: str) -> tuple[str, str]:
    """(name, industry) of a government office, public institution or association of `county`."""
    body, industry = rng.choice(PUBLIC_BODIES[kind])
    return county + body, industry


def joint_union_name(rng: random.Random, township: str) -> str:
    return f"{township}{rng.choice(JOINT_GROUPS)}联合工会委员会"


def relative_name(fake: Faker, *, family_surname: str, female: bool) -> str:
    return family_surname + (fake.first_name_female() if female else fake.first_name_male())


def other_surname(fake: Faker, surname: str) -> str:
    while True:
        candidate = fake.last_name()
        if candidate != surname and len(candidate) == 1:
            return candidate
