"""The caller asks, from the portal, for a closed case to be handled again.

The request reopens the case at once, as the caller's own step in the status table (like the
rating): the caller proved the phone by SMS, the service checks the case is theirs and the 30-day
window, and the handling union's cadres find the case back in their queue with a notice. A
request a cadre would then have to approve would only add a wait the regulation does not ask for:
the union's own reopen needs nothing more than a dissatisfied caller within the same window.
"""

import datetime
from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.models import Grant
from gonghui.accounts.roles import roles_with
from gonghui.cases import limits
from gonghui.cases.choices import Action
from gonghui.cases.models import Case, CaseNotification
from gonghui.cases.services.common import clean_text
from gonghui.cases.services.portal import NO_SUCH_CASE, own_case
from gonghui.cases.services.transition import case_transition
from gonghui.cases.workflow import caller_reopen_refusal
from gonghui.core.errors import NotFound, ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs import tree


def handling_cadres(org_path: str) -> list[int]:
    """Who handles cases at the union: its own cadres, else those of the nearest level above."""
    paths = [*tree.ancestor_paths(org_path), org_path]
    holders: dict[str, set[int]] = defaultdict(set)
    for path, user_id in (Grant.objects.active().filter(role__in=roles_with(Perm.CASE_HANDLE), org__path__in=paths,
                                                        user__is_active=True).values_list("org__path", "user_id")):
        holders[path].add(user_id)
    return sorted(next((holders[p] for p in reversed(paths) if holders.get(p)), set()))


def _notify_handling_union(case: Case) -> None:
    recipients = set(handling_cadres(case.org_path))
    if case.handler_id:
        recipients.add(case.handler_id)
    text = str(msg(_("诉求人申请重新办理案件%(n)s，请尽快处理。"), {"n": case.number}))[:300]
    CaseNotification.objects.bulk_create([
        CaseNotification(recipient_id=uid, case=case, action=Action.CALLER_REOPEN, text=text)
        for uid in sorted(recipients)])


def case_request_reopen(*, worker: PortalWorker, number: str, reason: str,
                        now: datetime.datetime | None = None) -> Case:
    case = own_case(number, worker.phone)
    if case is None:
        raise NotFound(NO_SUCH_CASE)  # the same answer as everywhere on the portal: nothing to probe
    reason = clean_text(reason, field="reason", max_length=limits.REASON, required=True)
    now = now or timezone.now()
    refusal = caller_reopen_refusal(status=case.status, rating=case.rating, closed_at=case.closed_at,
                                    called_back_at=case.called_back_at, now=now)
    if refusal is not None:
        raise ValidationFailed(refusal, field="reason", code="reopen_refused")
    with transaction.atomic():
        case = case_transition(actor=worker.actor, case=case, action=Action.CALLER_REOPEN, now=now, note=reason,
                               changes={"rating": "", "resolved_at": None, "called_back_at": None},
                               detail={"previous_rating": case.rating})
        _notify_handling_union(case)
    return case
