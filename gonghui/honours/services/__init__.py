"""Every write of the 荣誉 domain (ARCHITECTURE.md §3); each status change of a nomination goes
through `nomination_transition`."""

from gonghui.honours.services.awards import (
    award_make,
    award_record_earlier,
    award_refusal,
    award_revoke,
    nomination_reject,
)
from gonghui.honours.services.calls import (
    award_kind_add,
    call_cancel,
    call_decide,
    call_issue,
    call_quota_set,
    call_transition,
)
from gonghui.honours.services.nominations import (
    nomination_attach,
    nomination_create,
    nomination_document_open,
    nomination_edit,
    nomination_withdraw,
)
from gonghui.honours.services.notices import (
    notice_end,
    notice_publish,
    objection_conclude,
    objection_file,
    objection_file_as_guest,
)
from gonghui.honours.services.register import (
    model_worker_mark_hardship,
    model_worker_record_add,
    model_worker_record_death,
    model_worker_update,
)
from gonghui.honours.services.review import (
    level_list,
    level_list_submit,
    next_level,
    nomination_check_record,
    nomination_pass,
    nomination_return,
    nomination_unselect,
    review_chain,
)
from gonghui.honours.services.transition import nomination_transition

__all__ = [
    "award_kind_add", "award_make", "award_record_earlier", "award_refusal", "award_revoke", "call_cancel",
    "call_decide", "call_issue", "call_quota_set", "call_transition", "level_list", "level_list_submit",
    "model_worker_mark_hardship", "model_worker_record_add", "model_worker_record_death", "model_worker_update",
    "next_level", "nomination_attach", "nomination_check_record", "nomination_create", "nomination_document_open",
    "nomination_edit",
    "nomination_pass", "nomination_reject", "nomination_return", "nomination_transition", "nomination_unselect",
    "nomination_withdraw", "notice_end", "notice_publish", "objection_conclude", "objection_file",
    "objection_file_as_guest",
    "review_chain",
]
