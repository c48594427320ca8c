"""The demo province's 12351 cases, and work for the demo lawyer so that login has something to show.
A few employers not yet organised have had their workers call about unpaid wages all year, so the
risk radar has alerts to show: three in the demo county, one elsewhere."""

import random

from django.db.models import Q, QuerySet

from gonghui.accounts.models import User
from gonghui.cases.choices import OPEN_STATUSES, Line, Status
from gonghui.cases.demo import demo_cases
from gonghui.cases.models import Case
from gonghui.cases.services import case_assign
from gonghui.core.permissions import Perm
from gonghui.demo.hardship import county_of_demo_cadre
from gonghui.demo.staff import DemoStaff
from gonghui.orgs.choices import EmployerStatus
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.scope import scope_for, subtree_q

DEMO_CASES = 300
LAWYER_CASES = 8
TROUBLED_IN_COUNTY = 3
TROUBLED_ELSEWHERE = 1


def build_demo_cases(province: TradeUnion, *, staff: DemoStaff, count: int = DEMO_CASES, seed: int = 2026
                     ) -> dict[str, int]:
    troubled = troubled_employers(province, seed=seed)
    made = demo_cases(province, count=count, seed=seed, staff=staff, troubled=troubled)
    return {"cases": made, "lawyer_cases": _assign_lawyer(staff), "troubled": len(troubled),
            "overdue": Case.objects.filter(overdue=True).count()}


def troubled_employers(province: TradeUnion, *, seed: int = 2026) -> list[Employer]:
    """Employers whose workers call about unpaid wages: in the demo county (what the `county` login
    sees) and in another county of the province; ones without a union first, as in life."""
    rng = random.Random(seed + 53)
    county = county_of_demo_cadre(province)
    active = Employer.objects.filter(status=EmployerStatus.ACTIVE).order_by("pk")
    here = active.filter(subtree_q("org_path", county.path))
    there = active.filter(subtree_q("org_path", province.path)).exclude(subtree_q("org_path", county.path))
    return _pick(rng, here, TROUBLED_IN_COUNTY) + _pick(rng, there, TROUBLED_ELSEWHERE)


def _pick(rng: random.Random, employers: QuerySet[Employer], n: int) -> list[Employer]:
    unorganised = list(employers.filter(unionized=False)[:200])
    chosen = rng.sample(unorganised, min(n, len(unorganised)))
    if len(chosen) < n:  # a small demo may have too few employers without a union
        organised = list(employers.filter(unionized=True)[:200])
        chosen += rng.sample(organised, min(n - len(chosen), len(organised)))
    return chosen


def _assign_lawyer(staff: DemoStaff) -> int:
    """Unfinished cases where the lawyer is granted go to the lawyer, legal aid and mediation first."""
    lawyer = User.objects.filter(username="lawyer").first()
    # The lawyer's grant says where they may be brought in (their scope is then the assigned cases).
    granted = scope_for(lawyer, Perm.CASE_HANDLE) if lawyer is not None else None
    roots = (*granted.roots, *granted.assigned_roots) if granted is not None else ()
    if not roots:
        return 0
    where = Q()
    for path in roots:
        where |= subtree_q("org_path", path)
    open_work = list(Case.objects.filter(where, status__in=[*OPEN_STATUSES, Status.RESOLVED])
                     .select_related("handling_union").order_by("received_at", "pk"))
    open_work.sort(key=lambda c: c.line not in (Line.LEGAL_AID, Line.MEDIATION))  # stable: oldest first within
    for case in open_work[:LAWYER_CASES]:
        case_assign(actor=staff.head(case.handling_union), case=case, lawyer=lawyer, note="指定律师提供法律援助")
    return min(len(open_work), LAWYER_CASES)
