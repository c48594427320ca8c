"""Every write of the aid app (ARCHITECTURE §3): programmes, campaigns, batches, bank files."""

from gonghui.aid.services.approval import batch_approve, batch_cancel, batch_mark_paid, batch_return, batch_submit
from gonghui.aid.services.bank import bank_export, bank_result_import
from gonghui.aid.services.batches import (
    batch_add_recipients,
    batch_create,
    batch_remove_grants,
    grant_add,
    grant_adjust,
)
from gonghui.aid.services.programmes import campaign_create, programme_create, programme_set_budget
from gonghui.aid.services.selection import batch_select_eligible

__all__ = ["bank_export", "bank_result_import", "batch_add_recipients", "batch_approve", "batch_cancel",
           "batch_create", "batch_mark_paid", "batch_remove_grants", "batch_return", "batch_select_eligible",
           "batch_submit", "campaign_create", "grant_add", "grant_adjust", "programme_create",
           "programme_set_budget"]
