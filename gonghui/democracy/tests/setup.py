"""A congress ready to work with, for the 民主管理 tests: an employer under the test world's county,
its 职代会, a term with a roster that meets every composition rule, and a session."""

import datetime
from dataclasses import dataclass

from gonghui.democracy.choices import CongressForm, DelegateCategory
from gonghui.democracy.models import CongressSession, CongressTerm, Delegate, WorkersCongress
from gonghui.democracy.services import DelegateInput, congress_establish, delegates_elect, session_hold, term_open
from gonghui.members.models import Member
from gonghui.members.services.applications import PortalWorker
from gonghui.members.services.registry import member_admit
from gonghui.orgs.choices import Industry, Ownership
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.services import employer_create
from gonghui.testing.world import SYSTEM, make_credit_code, member_data


def roster(total: int = 30, leaders: int = 6, women: int = 12, dispatched: int = 3) -> list[DelegateInput]:
    rows = []
    for i in range(total):
        category = DelegateCategory.LEADER if i < leaders else (
            DelegateCategory.TECHNICAL if i % 4 == 0 else DelegateCategory.FRONTLINE)
        rows.append(DelegateInput(name=f"代表{i + 1}", constituency=f"第{i % 3 + 1}选区", category=category,
                                  is_woman=i >= total - women, is_dispatched=leaders <= i < leaders + dispatched))
    return rows


def make_company(union: TradeUnion, *, name: str = "", workforce: int = 400, women: int = 160,
                 ownership: str = Ownership.STATE) -> Employer:
    employer = employer_create(actor=SYSTEM, union=union, credit_code=make_credit_code(),
                               name=name or f"公司{make_credit_code()[-6:]}", industry=Industry.C, ownership=ownership,
                               employee_count=workforce, women_count=women)
    # Organising is another app's business; here the employer simply has its union already.
    Employer.objects.filter(pk=employer.pk).update(unionized=True)
    employer.refresh_from_db()
    return employer


@dataclass
class Congress:
    employer: Employer
    congress: WorkersCongress
    term: CongressTerm
    session: CongressSession
    delegates: list[Delegate]


def make_congress(union: TradeUnion, *, workforce: int = 400, women: int = 160, dispatched: int = 20,
                  name: str = "", held_on: datetime.date | None = None, actor: object = SYSTEM,
                  delegates: list[DelegateInput] | None = None) -> Congress:
    employer = make_company(union, name=name, workforce=workforce, women=women)
    congress = congress_establish(actor=actor, employer=employer, form=CongressForm.REPRESENTATIVE,
                                  established_on=datetime.date(2020, 3, 1))
    term = term_open(actor=actor, congress=congress, starts_on=datetime.date(2024, 1, 1),
                     ends_on=datetime.date(2027, 1, 1), workforce=workforce, women_workforce=women,
                     dispatched_workforce=dispatched)
    delegates_elect(actor=actor, term=term, delegates=delegates or roster())
    session = session_hold(actor=actor, term=term, held_on=held_on or datetime.date(2025, 3, 1),
                           title="第一届第二次职工代表大会")
    return Congress(employer, congress, term, session, list(term.delegates.order_by("pk")))


def worker_at(employer: Employer, union: TradeUnion, *, name: str = "王小明", delegate: Delegate | None = None
              ) -> tuple[PortalWorker, Member]:
    """A member working at `employer`, signed in on the portal with their phone; the delegate seat given
    is linked to them, as a roster naming them would."""
    data = member_data(name=name)
    member = member_admit(actor=SYSTEM, union=union, data=data).member
    Member.objects.filter(pk=member.pk).update(employer=employer)
    member.refresh_from_db()
    if delegate is not None:
        Delegate.objects.filter(pk=delegate.pk).update(member=member)
        delegate.refresh_from_db()
    return PortalWorker(phone=str(data["phone"])), member
