"""A small fixed world for tests: two provinces under a national root, and one persona per role.

national ─ 四川省 ─ 成都市 ─ 锦江区 ─ 春熙路街道 ─ 示例科技有限公司工会
         │        └ 绵阳市 ─ 涪城区
         └ 贵州省 ─ 贵阳市
"""

from dataclasses import dataclass, field
from itertools import count

from gonghui.accounts.models import User
from gonghui.accounts.roles import RoleCode
from gonghui.accounts.services import grant_create, user_create
from gonghui.core.idnumbers import resident_check_character
from gonghui.core.validators import credit_code_check_character
from gonghui.members.models import Membership
from gonghui.members.services.registry import member_admit
from gonghui.orgs.choices import Industry, Level, Ownership, UnionKind
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.scope import SystemActor
from gonghui.orgs.services import employer_create, union_create, union_create_root

PASSWORD = "Test@Pass123"  # noqa: S105
SYSTEM = SystemActor("tests")
_codes = count(1)
_people = count(1)


def make_credit_code(adcode: str = "510104") -> str:
    body = f"91{adcode}{next(_codes):09d}"
    return body + credit_code_check_character(body)


def make_union(parent: TradeUnion, name: str, level: int, kind: str = UnionKind.FEDERATION, **kw: object
               ) -> TradeUnion:
    return union_create(actor=SYSTEM, parent=parent, name=name, kind=kind, level=level, **kw)


def make_employer(union: TradeUnion, name: str = "", **kw: object) -> Employer:
    n = next(_codes)
    fields: dict = {"employee_count": 100, "women_count": 40, **kw}
    return employer_create(actor=SYSTEM, union=union, credit_code=make_credit_code(), name=name or f"单位{n}",
                           industry=Industry.C, ownership=Ownership.PRIVATE, **fields)


def make_person_id(region: str = "510104", born: str = "19900101") -> str:
    body = f"{region}{born}{next(_people) % 1000:03d}"
    return body + resident_check_character(body)


def member_data(**overrides: object) -> dict:
    return {"name": "王小明", "id_number": make_person_id(), "phone": f"139{next(_people):08d}", "ethnicity": "汉族",
            "education": "大学本科", "household": "农村", **overrides}


def make_member(union: TradeUnion, **overrides: object) -> Membership:
    return member_admit(actor=SYSTEM, union=union, data=member_data(**overrides))


def make_user(username: str, org: TradeUnion, role: str | None = None, grant_on: TradeUnion | None = None) -> User:
    user = user_create(actor=SYSTEM, username=username, full_name=username, org=org, password=PASSWORD)
    User.objects.filter(pk=user.pk).update(must_change_password=False)
    user.refresh_from_db()
    if role:
        grant_create(actor=SYSTEM, user=user, role=role, org=grant_on or org)
    return user


@dataclass
class World:
    national: TradeUnion
    province: TradeUnion
    city: TradeUnion
    county: TradeUnion
    township: TradeUnion
    grassroots: TradeUnion
    city2: TradeUnion
    county2: TradeUnion
    other_province: TradeUnion
    other_city: TradeUnion
    employer: Employer
    membership: Membership
    people: dict[str, User] = field(default_factory=dict)

    def __getattr__(self, name: str) -> User:
        try:
            return self.__dict__["people"][name]
        except KeyError:
            raise AttributeError(name) from None


def build_world() -> World:
    national = union_create_root(actor=SYSTEM, name="中华全国总工会", kind=UnionKind.FEDERATION, level=Level.NATIONAL)
    province = make_union(national, "四川省总工会", Level.PROVINCE)
    city = make_union(province, "成都市总工会", Level.CITY)
    county = make_union(city, "成都市锦江区总工会", Level.COUNTY)
    township = make_union(county, "春熙路街道工会", Level.TOWNSHIP, UnionKind.TOWNSHIP)
    grassroots = make_union(township, "示例科技有限公司工会委员会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    city2 = make_union(province, "绵阳市总工会", Level.CITY)
    county2 = make_union(city2, "绵阳市涪城区总工会", Level.COUNTY)
    other_province = make_union(national, "贵州省总工会", Level.PROVINCE)
    other_city = make_union(other_province, "贵阳市总工会", Level.CITY)
    employer = make_employer(grassroots, "示例科技有限公司")
    membership = make_member(grassroots, name="李四")
    w = World(national, province, city, county, township, grassroots, city2, county2, other_province, other_city,
              employer, membership)
    w.people = {
        "national_admin": make_user("national_admin", national, RoleCode.UNION_ADMIN),
        "province_officer": make_user("province_officer", province, RoleCode.UNION_ADMIN),
        "county_clerk": make_user("county_clerk", county, RoleCode.CLERK),
        "county_admin": make_user("county_admin", county, RoleCode.UNION_ADMIN),
        "other_province_officer": make_user("other_province_officer", other_province, RoleCode.UNION_ADMIN),
        "no_grants": make_user("no_grants", grassroots),
        "sysadmin": make_user("sysadmin", province, RoleCode.SYSADMIN),
        "secadmin": make_user("secadmin", province, RoleCode.SECADMIN),
        "auditor": make_user("auditor", province, RoleCode.AUDITOR),
    }
    return w


def confirmed_transfer(*, actor: object, member: object, to_union: TradeUnion, reason: str = "") -> object:
    """A receiving union's transfer request the worker has confirmed with the SMS code (the usual start)."""
    from gonghui.accounts import sms_backends
    from gonghui.members.services.transfer_consent import transfer_confirm
    from gonghui.members.services.transfers import transfer_request

    transfer = transfer_request(actor=actor, member=member, to_union=to_union, reason=reason)  # type: ignore[arg-type]
    return transfer_confirm(actor=actor, transfer=transfer, code=sms_backends.outbox[-1].code)


def add_holding_cadres(w: World) -> World:
    """The grassroots and township unions' own cadres (业务经办): a collective contract or a 民主管理
    record is its union's to act on, so the tests of those apps act as them; the county clerk above
    supervises (docs/decisions.md)."""
    for name, union in (("grassroots_clerk", w.grassroots), ("township_clerk", w.township)):
        if name not in w.people:
            w.people[name] = make_user(name, union, RoleCode.CLERK)
    return w
