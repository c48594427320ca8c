"""指导意见: a union above the union side records guidance on a contract it supervises.

It is a note in the contract's timeline and the audit log; the contract itself (its status, its
version) does not change, so a holder's open form is not made stale by it.
"""

from typing import Any

from django.db import transaction

from gonghui.contracts.choices import Action
from gonghui.contracts.models import CollectiveContract, ContractEvent
from gonghui.contracts.services.common import clean_text, record_event, require_manage, who
from gonghui.contracts.workflow import check_action

GUIDANCE_MAX = 1000  # the timeline row's note


def contract_guide(*, actor: Any, contract: CollectiveContract, note: str) -> ContractEvent:
    check_action(contract.status, Action.GUIDE)
    require_manage(actor, contract, Action.GUIDE)
    text = clean_text(note, field="guidance", max_length=GUIDANCE_MAX, required=True)
    row = who(actor)
    with transaction.atomic():
        last = contract.events.filter(action=Action.GUIDE).order_by("-at", "-id").first()
        if last is not None and last.actor_id == row.id and last.note == text:
            return last  # a resubmitted form or a retried request records the guidance once
        return record_event(actor=row, contract=contract, action=Action.GUIDE, note=text)
