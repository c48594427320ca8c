"""What waits for a cadre in aid disbursement: submitted batches this user may approve."""

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gonghui.aid.choices import BatchStatus
from gonghui.aid.models import AidBatch
from gonghui.aid.workflow import APPROVERS
from gonghui.core.todos import Todo, todo
from gonghui.orgs.scope import scope_for_any


def aid_todos(*, user: Any) -> list[Todo]:
    approve = scope_for_any(user, APPROVERS)
    if approve.is_empty:
        return []
    qs = AidBatch.objects.visible_to(approve).filter(status=BatchStatus.SUBMITTED)
    if settings.GONGHUI_AID_SEPARATE_APPROVER and getattr(user, "pk", None) is not None:
        # Whoever prepared a batch may not approve it (aid.services.approval.batch_approve).
        qs = qs.exclude(prepared_by_id=user.pk)
    return [todo("aid.approve", _("发放批次待审批"), qs.count(), "web:aid_batch_list", status=BatchStatus.SUBMITTED)]
