"""Every write of the hardship registry (ARCHITECTURE.md §3); each status change goes through
`hardship_transition`."""

from gonghui.assistance.services.documents import hardship_attach
from gonghui.assistance.services.intake import (
    AlreadyFiled,
    hardship_apply,
    hardship_consent_record,
    hardship_household_set,
    hardship_survey,
    hardship_withdraw,
)
from gonghui.assistance.services.lifecycle import (
    hardship_close_watch,
    hardship_exit,
    hardship_recheck,
    hardship_relapse,
)
from gonghui.assistance.services.personal import hardship_document_open, hardship_reveal
from gonghui.assistance.services.portal import (
    AlreadyApplied,
    hardship_apply_by_worker,
    hardship_attach_by_worker,
    hardship_withdraw_by_worker,
)
from gonghui.assistance.services.review import (
    hardship_approve,
    hardship_file_open,
    hardship_files_mark_aided,
    hardship_mark_aided,
    hardship_reject,
    hardship_review,
)
from gonghui.assistance.services.rules import assessment_rule_add
from gonghui.assistance.services.sweep import RecheckSweep, hardship_flag_due_rechecks
from gonghui.assistance.services.transition import hardship_transition

__all__ = [
    "AlreadyApplied", "AlreadyFiled", "RecheckSweep", "assessment_rule_add", "hardship_apply",
    "hardship_apply_by_worker", "hardship_approve", "hardship_attach", "hardship_attach_by_worker",
    "hardship_close_watch", "hardship_consent_record", "hardship_document_open", "hardship_exit", "hardship_file_open",
    "hardship_files_mark_aided", "hardship_flag_due_rechecks", "hardship_household_set", "hardship_mark_aided",
    "hardship_recheck", "hardship_reject", "hardship_relapse", "hardship_reveal", "hardship_review",
    "hardship_survey", "hardship_transition", "hardship_withdraw", "hardship_withdraw_by_worker",
]
