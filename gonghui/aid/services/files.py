"""Adding chosen households of the registry to a draft batch, one or a few at a time.

The files are read the way the registry selection reads them (aid.registry.eligible_files: in file,
under the batch's union, of the programme's classes, within the actor's view of the registry), and
go in through batch_add_recipients: the same duplicate guard, event and audit row. A file outside
that view is refused like a missing one, so the refusal says nothing of files the actor cannot see.
"""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.aid.choices import ProgrammeKind, RecipientGroup
from gonghui.aid.dedup import person_key_of_index
from gonghui.aid.models import AidBatch
from gonghui.aid.recipients import Recipient
from gonghui.aid.registry import eligible_files, household_key_of_worker
from gonghui.aid.services.batches import Selection, batch_add_recipients
from gonghui.core.errors import ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.members.choices import LIVE_STATUSES
from gonghui.orgs.scope import scope_for

MAX_FILES = 200


def batch_add_files(*, actor: Any, batch: AidBatch, file_ids: Iterable[Any]) -> Selection:
    ids = sorted({int(i) for i in file_ids})
    if not ids:
        raise ValidationFailed(_("请选择要添加的困难职工档案。"), field="files", code="required")
    if len(ids) > MAX_FILES:
        raise ValidationFailed(_("一次最多添加200户；更多请用“从困难职工档案选取”。"), field="files", code="too_many")
    programme = batch.programme
    files = eligible_files(scope=scope_for(actor, Perm.HARDSHIP_VIEW), union_path=batch.org_path,
                           programme=programme).filter(pk__in=ids)
    rows = list(files.values_list("pk", "worker_name", "worker_id_index", "worker_id_masked", "member__status"))
    if len(rows) != len(ids):
        raise ValidationFailed(_("所选档案不在本批次可发放的范围内：须为发放工会及下级在档、符合项目困难类别的户。"),
                               field="files", code="not_eligible")
    group = RecipientGroup.MODEL_WORKER if programme.kind == ProgrammeKind.MODEL_WORKER else RecipientGroup.HARDSHIP
    live = {str(s) for s in LIVE_STATUSES}
    recipients = [Recipient(name=name, person_index=person_key_of_index(index),
                            household_key=household_key_of_worker(index), group=group,
                            is_member=status in live, hardship_file_id=pk, id_masked=masked)
                  for pk, name, index, masked, status in rows]
    return batch_add_recipients(actor=actor, batch=batch, recipients=recipients)
