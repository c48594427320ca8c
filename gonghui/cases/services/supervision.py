"""督办: a higher union presses the handling union, which answers; the case keeps its status."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.cases import limits
from gonghui.cases.choices import Action
from gonghui.cases.models import Case, CaseNotification, Supervision
from gonghui.cases.services.common import clean_text
from gonghui.cases.services.transition import case_transition
from gonghui.core.errors import Conflict, ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import require


@transaction.atomic
def case_supervise(*, actor: Any, case: Case, by_union: TradeUnion, note: str,
                   reply_due: datetime.date | None = None, version: int | None = None) -> Supervision:
    note = clean_text(note, field="note", max_length=limits.RECORD, required=True)
    # Scope first, so an outsider learns nothing about where the case sits.
    require(actor, Perm.CASE_SUPERVISE, case.org_path, visible_permission="case.view",
            assignees=(case.handler_id, case.lawyer_id))
    # From a higher level only: the supervising union lies strictly above the one handling the case.
    if not (case.org_path.startswith(by_union.path) and len(by_union.path) < len(case.org_path)):
        raise ValidationFailed(_("只能由承办工会的上级工会督办。"), field="union", code="not_above")
    require(actor, Perm.CASE_SUPERVISE, by_union.path, visible_permission="case.view")
    if reply_due is not None and reply_due < timezone.localdate():
        raise ValidationFailed(_("要求回复日期不能早于今天。"), field="reply_due", code="past")
    case = case_transition(actor=actor, case=case, version=version, action=Action.SUPERVISE, note=note,
                           detail={"by_union": by_union.pk})
    supervision = Supervision.objects.create(case=case, by_union=by_union,
                                             by_user=actor if getattr(actor, "pk", None) else None,
                                             note=note, reply_due=reply_due)
    if case.handler_id:
        CaseNotification.objects.create(recipient_id=case.handler_id, case=case, action=Action.SUPERVISE,
                                        text=str(msg(_("案件%(n)s被%(u)s督办，请及时办理并回复。"),
                                                     {"n": case.number, "u": by_union.name}))[:300])
    return supervision


@transaction.atomic
def supervision_reply(*, actor: Any, supervision: Supervision, reply: str,
                      version: int | None = None) -> Supervision:
    reply = clean_text(reply, field="reply", max_length=limits.RECORD, required=True)
    case = Case.objects.select_related("handling_union").get(pk=supervision.case_id)
    case_transition(actor=actor, case=case, version=version, action=Action.SUPERVISE_REPLY, note=reply,
                    detail={"supervision": supervision.pk})
    if not Supervision.objects.filter(pk=supervision.pk, replied_at__isnull=True).update(
            reply=reply, replied_at=timezone.now(), replied_by=actor if getattr(actor, "pk", None) else None):
        raise Conflict(_("该督办已经回复过了。"), code="already_replied")
    if supervision.by_user_id:
        CaseNotification.objects.create(recipient_id=supervision.by_user_id, case=case,
                                        action=Action.SUPERVISE_REPLY,
                                        text=str(msg(_("案件%(n)s已回复督办。"), {"n": case.number}))[:300])
    supervision.refresh_from_db()
    return supervision
