"""Ballots against thresholds read as 民法典 第1259条 reads 以上 (the number itself counts) and 超过 (it does not)."""

import pytest
from django.utils import translation

from gonghui.core.errors import InvalidFields
from gonghui.core.votes import (
    CONTRACT_DRAFT_RULE,
    Ballot,
    Threshold,
    VoteBase,
    VoteRule,
    clean_ballot,
    require_passed,
    vote_outcome,
)


@pytest.mark.parametrize(("threshold", "base", "required"), [
    (Threshold(2, 3), 90, 60),  # 三分之二以上 of 90: exactly 60 passes
    (Threshold(2, 3), 91, 61),  # 60.67 → 61
    (Threshold(1, 2), 90, 45),  # 半数以上 includes half
    (Threshold(1, 2, inclusive=False), 90, 46),  # 超过半数 does not
    (Threshold(1, 2, inclusive=False), 91, 46),
    (Threshold(1, 2), 1, 1),
])
def test_the_fewest_people_that_meet_a_threshold(threshold, base, required):
    assert threshold.required(base) == required


def test_the_contract_draft_rule_passes_on_exactly_two_thirds_present_and_half_in_favour():
    outcome = vote_outcome(Ballot(entitled=90, present=60, in_favour=45, against=10, abstained=5), CONTRACT_DRAFT_RULE)
    assert outcome.passed and outcome.required_present == 60 and outcome.required_in_favour == 45


def test_a_quorum_not_reached_is_refused_on_the_present_field_with_the_numbers_named():
    ballot = clean_ballot(entitled=90, present=59, in_favour=59)
    with pytest.raises(InvalidFields) as caught:
        require_passed(ballot, CONTRACT_DRAFT_RULE)
    error = caught.value.errors[0]
    assert error.field == "present" and error.code == "quorum_not_met"
    with translation.override("zh-hans"):
        assert str(error.message) == "实到 59 人，未达到应到 90 人的三分之二以上（至少 60 人）。"


def test_the_majority_counts_against_everyone_entitled_not_those_present():
    # 60 of 90 present, 40 for: a majority of those present, not half of all delegates (45).
    outcome = vote_outcome(clean_ballot(entitled=90, present=60, in_favour=40, against=20), CONTRACT_DRAFT_RULE)
    assert outcome.quorum_met and not outcome.majority_met
    with translation.override("zh-hans"):
        assert str(outcome.reasons[0]) == "赞成 40 票，未达到应到 90 人的半数以上（至少 45 票）。"


def test_a_majority_of_those_present_reads_its_base_from_the_present_count():
    rule = VoteRule(quorum=None, majority=Threshold(1, 2, VoteBase.PRESENT, inclusive=False))
    assert vote_outcome(clean_ballot(entitled=100, present=40, in_favour=21), rule).passed
    assert not vote_outcome(clean_ballot(entitled=100, present=40, in_favour=20), rule).passed


def test_counts_that_do_not_add_up_are_each_named():
    with pytest.raises(InvalidFields) as caught:
        clean_ballot(entitled=50, present=51, in_favour=40, against=10, abstained=2)
    assert [e.field for e in caught.value.errors] == ["present", "in_favour"]
    with pytest.raises(InvalidFields) as caught:
        clean_ballot(entitled="五十", present=-1, in_favour=0)
    assert [e.field for e in caught.value.errors] == ["entitled", "present"]
    with translation.override("zh-hans"):
        assert str(caught.value.errors[0].message) == "应到人数须为整数。"


def test_a_threshold_is_a_fraction_between_nothing_and_everyone():
    with pytest.raises(ValueError):
        Threshold(3, 2)
    with pytest.raises(ValueError):
        Threshold(1, 0)
