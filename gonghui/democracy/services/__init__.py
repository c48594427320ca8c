"""Every write of 民主管理: keyword-only, with an actor, checked against the scope, in one transaction."""

from gonghui.democracy.services.congress import (
    DelegateInput,
    congress_establish,
    delegates_elect,
    session_hold,
    term_open,
)
from gonghui.democracy.services.guidance import congress_guide
from gonghui.democracy.services.proposals import proposal_submit, proposal_transition
from gonghui.democracy.services.publicity import (
    disclosure_create,
    disclosure_mark_read,
    disclosure_publish,
    openness_assess,
    openness_vote,
    seat_elect,
    seat_end,
)
from gonghui.democracy.services.rules import agenda_rule_set, rule_set
from gonghui.democracy.services.votes import agenda_item_add, agenda_resolve, agenda_vote_record, entitled_for

__all__ = [
    "DelegateInput",
    "agenda_item_add",
    "agenda_resolve",
    "agenda_rule_set",
    "agenda_vote_record",
    "congress_establish",
    "congress_guide",
    "delegates_elect",
    "disclosure_create",
    "disclosure_mark_read",
    "disclosure_publish",
    "entitled_for",
    "openness_assess",
    "openness_vote",
    "proposal_submit",
    "proposal_transition",
    "rule_set",
    "seat_elect",
    "seat_end",
    "session_hold",
    "term_open",
]
