"""What waits for a cadre in mutual-aid insurance: claims to review at the member's union, and
reviewed claims to decide at the union that runs the plan (mutualaid.workflow)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.counting import count_each
from gonghui.core.permissions import Perm
from gonghui.core.todos import Todo, todo
from gonghui.mutualaid.choices import ClaimStatus
from gonghui.mutualaid.models import MutualAidClaim
from gonghui.orgs.scope import scope_for


def mutualaid_todos(*, user: Any) -> list[Todo]:
    manage = scope_for(user, Perm.MUTUAL_AID_MANAGE)
    if manage.is_empty:
        return []
    counts = count_each(  # the lines' lists, counted in one query
        review=MutualAidClaim.objects.visible_to(manage).filter(status=ClaimStatus.SUBMITTED),
        decide=MutualAidClaim.objects.filter(manage.q("plan__org_path"), status=ClaimStatus.REVIEWED))
    review, decide = counts["review"], counts["decide"]
    return [
        todo("mutualaid.review", _("互助保障理赔待审核"), review, "web:mutualaid_claim_list",
             status=ClaimStatus.SUBMITTED),
        todo("mutualaid.decide", _("互助保障理赔待审批"), decide, "web:mutualaid_claim_list",
             status=ClaimStatus.REVIEWED),
    ]
