"""The demo province's 12351 cases, and work for the demo lawyer so that login has something to show."""

from django.db.models import Q

from gonghui.accounts.models import User
from gonghui.cases.choices import OPEN_STATUSES, Line, Status
from gonghui.cases.demo import demo_cases
from gonghui.cases.models import Case
from gonghui.cases.services import case_assign
from gonghui.core.permissions import Perm
from gonghui.demo.staff import DemoStaff
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import scope_for, subtree_q

DEMO_CASES = 300
LAWYER_CASES = 8


def build_demo_cases(province: TradeUnion, *, staff: DemoStaff, count: int = DEMO_CASES, seed: int = 2026
                     ) -> dict[str, int]:
    made = demo_cases(province, count=count, seed=seed, staff=staff)
    return {"cases": made, "lawyer_cases": _assign_lawyer(staff),
            "overdue": Case.objects.filter(overdue=True).count()}


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
