"""Every write of 就业服务 (ARCHITECTURE.md §3)."""

from gonghui.jobs.services.applications import (
    application_apply,
    application_decide,
    application_recommend,
    application_withdraw,
)
from gonghui.jobs.services.fairs import (
    fair_add_employer,
    fair_add_posting,
    fair_cancel,
    fair_create,
    fair_record,
    fair_remove_posting,
)
from gonghui.jobs.services.grants import job_partner_grant, job_partner_revoke
from gonghui.jobs.services.postings import (
    posting_create,
    posting_edit,
    posting_resubmit_by_partner,
    posting_review,
    posting_submit_by_partner,
    posting_withdraw,
    postings_expire,
)

__all__ = [
    "application_apply", "application_decide", "application_recommend", "application_withdraw",
    "fair_add_employer", "fair_add_posting", "fair_cancel", "fair_create", "fair_record", "fair_remove_posting",
    "job_partner_grant", "job_partner_revoke", "posting_create", "posting_edit", "posting_resubmit_by_partner",
    "posting_review", "posting_submit_by_partner", "posting_withdraw", "postings_expire",
]
