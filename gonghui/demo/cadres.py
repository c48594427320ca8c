"""The demo cadres, one per persona of the README, all with DEMO_PASSWORD."""

from django.db import transaction

from gonghui.accounts.models import User
from gonghui.accounts.roles import RoleCode
from gonghui.accounts.services import grant_create, user_create
from gonghui.orgs.choices import Level, UnionStatus
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import SystemActor

DEMO_PASSWORD = "Gonghui@2026"  # noqa: S105 - published demo credential, listed in the README


def _first(parent: TradeUnion, level: int | None = None) -> TradeUnion:
    qs = TradeUnion.objects.filter(parent=parent, status=UnionStatus.ACTIVE)
    if level is not None:
        qs = qs.filter(level=level)
    return qs.order_by("path").first() or parent


def demo_personas(province: TradeUnion) -> list[tuple[str, str, str, TradeUnion]]:
    cities = list(TradeUnion.objects.filter(parent=province).order_by("path")[:2])
    city, other_city = cities[0], cities[-1]
    county = _first(city, Level.COUNTY)
    county2 = _first(other_city, Level.COUNTY)
    township = _first(county)
    grassroots = _first(township, Level.GRASSROOTS)
    return [
        ("sysadmin", "系统管理员", RoleCode.SYSADMIN, province),
        ("secadmin", "安全管理员", RoleCode.SECADMIN, province),
        ("auditor", "审计管理员", RoleCode.AUDITOR, province),
        ("province", "王建国", RoleCode.UNION_ADMIN, province),
        ("city", "李红梅", RoleCode.UNION_ADMIN, city),
        ("county", "张伟", RoleCode.UNION_ADMIN, county),
        ("grassroots", "刘芳", RoleCode.UNION_ADMIN, grassroots),
        ("county2", "陈志强", RoleCode.UNION_ADMIN, county2),
        ("hotline", "赵敏", RoleCode.HOTLINE_AGENT, province),
        ("lawyer", "孙丽", RoleCode.LAWYER, city),
    ]


@transaction.atomic
def create_demo_cadres(province: TradeUnion) -> list[tuple[str, str, TradeUnion]]:
    system = SystemActor("demo")
    made = []
    for username, full_name, role, org in demo_personas(province):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(actor=system, username=username, full_name=full_name, org=org,
                               password=DEMO_PASSWORD)
            User.objects.filter(pk=user.pk).update(must_change_password=False)
            grant_create(actor=system, user=user, role=role, org=org)
        made.append((username, str(RoleCode(role).label), org))
    return made
