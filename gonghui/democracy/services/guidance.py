"""指导意见: a union above the employer's union records guidance on its 职代会.

A note on the congress page and in the audit log; nothing the holding union keeps changes.
"""

from typing import Any

from django.db import transaction

from gonghui.democracy.models import CongressGuidance, WorkersCongress
from gonghui.democracy.services.common import audit, clean_text, who
from gonghui.democracy.standing import check_supervisor


def congress_guide(*, actor: Any, congress: WorkersCongress, note: str) -> CongressGuidance:
    check_supervisor(actor, congress.org_path)
    text = clean_text(note, field="guidance", max_length=1000, required=True)
    row = who(actor)
    with transaction.atomic():
        last = congress.guidance.first()
        if last is not None and last.actor_id == row.id and last.note == text:
            return last  # a resubmitted form or a retried request records the guidance once
        guidance = CongressGuidance.objects.create(congress=congress, note=text, actor_id=row.id,
                                                   actor_label=row.shown)
        audit(row, "guide", congress, {"guidance": guidance.pk})
    return guidance
