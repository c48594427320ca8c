"""A worker with a record in both apps, for the member's and the employer's pages: honours recorded
by 锦江区 (one also by 涪城区, where they worked before), competition entries, a suggestion, a studio
and a 师带徒 pair at 示例科技有限公司."""

import datetime
import itertools
from typing import Any

from gonghui.honours.models import AwardKind
from gonghui.honours.services import award_record_earlier
from gonghui.members.models import Member
from gonghui.members.services.registry import member_admit
from gonghui.skills.services.apprenticeships import apprenticeship_sign
from gonghui.skills.services.competitions import PersonIn, competition_enter
from gonghui.skills.services.studios import studio_name
from gonghui.skills.services.suggestions import suggestion_enter
from gonghui.skills.tests.competition_helpers import approved
from gonghui.testing.world import SYSTEM, make_user, member_data

TODAY = datetime.date(2026, 6, 30)
_numbers = itertools.count(1)


def worker_at(world: Any, name: str) -> Member:
    member = member_admit(actor=SYSTEM, union=world.grassroots, data=member_data(name=name)).member
    Member.objects.filter(pk=member.pk).update(employer=world.employer)
    member.refresh_from_db()
    return member


def honour(world: Any, member: Member, *, code: str = "city_craftsman", year: int = 2024, union: Any = None,
           actor: Any = None) -> Any:
    return award_record_earlier(actor=actor or world.county_clerk, union=union or world.county,
                                kind=AwardKind.objects.get(code=code), year=year,
                                data={"member": member.pk, "post": "数控车工"},
                                decision_number=f"成工发〔{year}〕{next(_numbers)}号",
                                decided_on=datetime.date(year, 4, 28))


def competition_entry(world: Any, member: Member, title: str = "") -> Any:
    competition = approved(world.county_clerk, world.county, world.province_officer,
                           title=title or f"2026年锦江区数控车工技能竞赛（{next(_numbers)}）")
    return competition_enter(actor=world.county_clerk, competition=competition,
                             person=PersonIn(member=member), employer=world.employer)


def suggestion(world: Any, member: Member, title: str = "改进焊接夹具") -> Any:
    return suggestion_enter(actor=world.county_clerk, employer=world.employer, kind="rationalisation", title=title,
                            content="将夹具改为快速定位式，换型时间缩短一半。", proposer=member,
                            submitted_on=datetime.date(2026, 3, 3), today=TODAY)


def studio(world: Any, leader: Member) -> Any:
    return studio_name(actor=world.county_clerk, employer=world.employer, name=f"{leader.name}劳模创新工作室",
                       kind="model_worker", level="city", named_on=datetime.date(2024, 5, 1), leader=leader,
                       today=TODAY)


def pair(world: Any, master: Member, apprentice: Member) -> Any:
    return apprenticeship_sign(actor=world.county_clerk, employer=world.employer, master=master,
                               apprentice=apprentice, agreed_on=datetime.date(2026, 1, 10),
                               starts_on=datetime.date(2026, 1, 15), ends_on=datetime.date(2027, 1, 14),
                               targets="掌握数控车床编程与操作", trade="车工", target_level="grade4",
                               allowance="3600.00", today=TODAY)


def county2_clerk(world: Any) -> Any:
    from gonghui.accounts.roles import RoleCode

    return world.people.get("county2_clerk") or world.people.setdefault(
        "county2_clerk", make_user("county2_clerk", world.county2, RoleCode.CLERK))
