"""Shared pieces for the innovation tests: an employer under a union, members working there, and a
suggestion, studio or agreement ready to work with."""

import datetime

from gonghui.members.models import Member
from gonghui.members.services.applications import PortalWorker
from gonghui.members.services.registry import member_admit
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.skills.models import Apprenticeship, InnovationStudio, Suggestion
from gonghui.skills.services.apprenticeships import apprenticeship_sign
from gonghui.skills.services.studios import studio_name
from gonghui.skills.services.suggestions import suggestion_enter
from gonghui.testing.world import SYSTEM, make_employer, member_data

TODAY = datetime.date(2025, 6, 30)


def worker(union: TradeUnion, employer: Employer, name: str = "王小明") -> tuple[Member, PortalWorker]:
    data = member_data(name=name)
    member = member_admit(actor=SYSTEM, union=union, data=data).member
    Member.objects.filter(pk=member.pk).update(employer=employer)
    member.refresh_from_db()
    return member, PortalWorker(phone=str(data["phone"]))


def employer_in(union: TradeUnion, name: str = "") -> Employer:
    return make_employer(union, name)


def suggestion(employer: Employer, *, actor: object = SYSTEM, kind: str = "rationalisation",
               submitted_on: datetime.date = datetime.date(2025, 3, 3), title: str = "改进焊接夹具") -> Suggestion:
    return suggestion_enter(actor=actor, employer=employer, kind=kind, title=title, content="将夹具改为快速定位式。",
                            proposer_name="张三", submitted_on=submitted_on, today=TODAY)


def studio(employer: Employer, *, actor: object = SYSTEM, name: str = "李明劳模创新工作室",
           named_on: datetime.date = datetime.date(2022, 5, 1), level: str = "city") -> InnovationStudio:
    return studio_name(actor=actor, employer=employer, name=name, kind="model_worker", level=level,
                       named_on=named_on, leader_name="李明", today=TODAY)


def pair(employer: Employer, master: Member, apprentice: Member, *, actor: object = SYSTEM) -> Apprenticeship:
    return apprenticeship_sign(actor=actor, employer=employer, master=master, apprentice=apprentice,
                               agreed_on=datetime.date(2025, 1, 10), starts_on=datetime.date(2025, 1, 15),
                               ends_on=datetime.date(2026, 1, 14), targets="掌握数控车床编程与操作",
                               trade="车工", target_level="grade4", allowance="3600.00", today=TODAY)
