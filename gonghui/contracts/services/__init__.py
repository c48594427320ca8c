"""Every write of the 集体合同 domain (ARCHITECTURE.md §3)."""

from gonghui.contracts.services.filing import (
    contract_approve,
    contract_file,
    contract_object,
    contract_publish,
    contract_sign,
)
from gonghui.contracts.services.guidance import contract_guide
from gonghui.contracts.services.lifecycle import contract_attach, contract_check, contract_terminate
from gonghui.contracts.services.negotiation import (
    CoverageIn,
    NegotiatorIn,
    contract_draft,
    contract_meet,
    contract_vote,
)
from gonghui.contracts.services.offer import contract_answer, contract_offer, contract_renew
from gonghui.contracts.services.reference import contract_kind_add, contract_kind_set_active, minimum_wage_set
from gonghui.contracts.services.reports import contract_breach_report
from gonghui.contracts.services.sweep import contract_sweep
from gonghui.contracts.services.transition import contract_transition

__all__ = [
    "CoverageIn",
    "NegotiatorIn",
    "contract_answer",
    "contract_approve",
    "contract_attach",
    "contract_breach_report",
    "contract_check",
    "contract_draft",
    "contract_file",
    "contract_guide",
    "contract_kind_add",
    "contract_kind_set_active",
    "contract_meet",
    "contract_object",
    "contract_offer",
    "contract_publish",
    "contract_renew",
    "contract_sign",
    "contract_sweep",
    "contract_terminate",
    "contract_transition",
    "contract_vote",
    "minimum_wage_set",
]
