"""Every write of 职工互助保障 (ARCHITECTURE.md §3); each claim change goes through `claim_transition`."""

from gonghui.mutualaid.services.claims import (
    claim_approve,
    claim_attach,
    claim_diagnosis_reveal,
    claim_pay,
    claim_payable,
    claim_reject,
    claim_review,
    claim_submit,
    claim_transition,
)
from gonghui.mutualaid.services.enrolment import (
    EnrolmentConflict,
    EnrolmentResult,
    enrolment_bulk_create,
    enrolment_cancel,
)
from gonghui.mutualaid.services.enrolment_import import ImportIssue, ImportReport, enrolment_import
from gonghui.mutualaid.services.plans import plan_close, plan_create, plan_open, plan_update

__all__ = [
    "EnrolmentConflict", "EnrolmentResult", "ImportIssue", "ImportReport", "claim_approve", "claim_attach",
    "claim_diagnosis_reveal", "claim_pay", "claim_payable", "claim_reject", "claim_review", "claim_submit",
    "claim_transition", "enrolment_bulk_create", "enrolment_cancel", "enrolment_import", "plan_close",
    "plan_create", "plan_open", "plan_update",
]
