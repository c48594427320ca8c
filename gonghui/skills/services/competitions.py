"""Every write of 劳动和技能竞赛 (ARCHITECTURE.md §3): import services from here."""

from gonghui.skills.services.competitions_entries import PersonIn, competition_enter, competition_entry_withdraw
from gonghui.skills.services.competitions_results import (
    competition_award,
    competition_award_link_nomination,
    competition_award_remove,
    competition_commend,
    competition_finalise,
    competition_publish,
    competition_recall,
    competition_summarise,
    notice_end,
)
from gonghui.skills.services.competitions_scoring import ScoreIn, competition_advance, competition_score
from gonghui.skills.services.competitions_setup import (
    StageIn,
    competition_approve,
    competition_cancel,
    competition_create,
    competition_edit,
    competition_return,
    competition_submit,
)
from gonghui.skills.services.competitions_transition import competition_transition

__all__ = [
    "PersonIn",
    "ScoreIn",
    "StageIn",
    "competition_advance",
    "competition_approve",
    "competition_award",
    "competition_award_link_nomination",
    "competition_award_remove",
    "competition_cancel",
    "competition_commend",
    "competition_create",
    "competition_edit",
    "competition_enter",
    "competition_entry_withdraw",
    "competition_finalise",
    "competition_publish",
    "competition_recall",
    "competition_return",
    "competition_score",
    "competition_submit",
    "competition_summarise",
    "competition_transition",
    "notice_end",
]
