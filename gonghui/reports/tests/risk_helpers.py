"""Rows the radar reads, written straight to their tables: these tests are about counting them."""

import datetime
import itertools
from typing import Any

from django.utils import timezone

from gonghui.assistance.models import HardshipFile
from gonghui.cases.choices import Category, Line, Status
from gonghui.cases.models import Case
from gonghui.contracts.models import EmployerCoverage
from gonghui.orgs.models import Employer

_n = itertools.count(1)


def case_about(employer: Employer, *, days_ago: int = 10, category: str = Category.CONTRACT, caller: str = "",
               line: str = Line.HOTLINE, status: str = Status.RECEIVED) -> Case:
    n = next(_n)
    union = employer.union
    return Case.objects.create(
        number=f"R-{n:06d}", line=line, category=category, status=status, employer=employer,
        employer_name=employer.name, description="诉求", intake_union=union, handling_union=union,
        org_path=union.path, caller_phone_index=caller or f"phone-{n}",
        received_at=timezone.now() - datetime.timedelta(days=days_ago))


def covered(employer: Employer, *, has_wage: bool) -> None:
    EmployerCoverage.objects.create(employer=employer, org_path=employer.org_path, workers_covered=10, contracts=1,
                                    has_wage=has_wage, has_own=True)


def hardship_file(member: Any, union: Any, *, status: str = "filed") -> HardshipFile:
    n = next(_n)
    return HardshipFile.objects.create(
        status=status, member=member, worker_name="困难职工", worker_id_number="x", worker_id_index=f"id-{n}",
        worker_id_masked="*", union=union, org_path=union.path, adcode="510104", surveyed_at=timezone.now())
