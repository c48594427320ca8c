"""Every write of the case engine (ARCHITECTURE.md §3); each status change goes through
`case_transition`."""

from gonghui.cases.services.attachments import case_attach
from gonghui.cases.services.caller_reopen import case_request_reopen
from gonghui.cases.services.handling import (
    case_accept,
    case_add_note,
    case_assign,
    case_callback,
    case_classify,
    case_close,
    case_dispatch,
    case_escalate,
    case_reopen,
    case_resolve,
    case_return,
    case_start,
)
from gonghui.cases.services.intake import IntakeResult, case_intake
from gonghui.cases.services.overdue import SweepResult, case_sweep_overdue
from gonghui.cases.services.portal import CaseProgress, case_follow, case_rate, case_submit, case_submit_as_guest
from gonghui.cases.services.sla import sla_policy_clear, sla_policy_set
from gonghui.cases.services.supervision import case_supervise, supervision_reply
from gonghui.cases.services.transition import case_transition

__all__ = [
    "CaseProgress", "IntakeResult", "SweepResult", "case_accept", "case_add_note", "case_assign", "case_attach",
    "case_callback", "case_classify", "case_close", "case_dispatch", "case_escalate", "case_follow", "case_intake",
    "case_rate", "case_reopen", "case_request_reopen", "case_resolve", "case_return", "case_start", "case_submit",
    "case_submit_as_guest", "case_supervise", "case_sweep_overdue", "case_transition", "sla_policy_clear",
    "sla_policy_set", "supervision_reply",
]
