"""Votes of a 职工代表大会 or 全体职工大会 against the thresholds the law or a rule sets for them.

Used by every domain that records a vote (a collective contract draft, an agenda item of a
congress, an election), so that "三分之二以上" reads the same everywhere. Thresholds are data
(`Threshold`), counted in whole people from a fraction of a base:

- the base is either everyone entitled to vote (全体职工代表 / 全体职工) or those present (出席);
- 民法典 第1259条: "以上""以下""以内""届满" include the number itself, "不满""超过""以外" do not.
  So 三分之二以上 of 90 is at least 60 (60 passes), 半数以上 of 90 at least 45 (45 passes), and
  超过半数 of 90 at least 46.

The counts are checked before any threshold is read: nobody votes who is not present, nobody is
present who is not entitled, and each bad count names its field.
"""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import InvalidFields, ValidationFailed, msg


class VoteBase(models.TextChoices):
    ENTITLED = "entitled", _("应到人数")
    PRESENT = "present", _("实到人数")


@dataclass(frozen=True)
class Threshold:
    """`numerator/denominator` of `base`; `inclusive` for 以上 (the number itself passes), not for 超过."""

    numerator: int
    denominator: int
    base: str = VoteBase.ENTITLED
    inclusive: bool = True

    def __post_init__(self) -> None:
        if self.numerator < 0 or self.denominator <= 0 or self.numerator > self.denominator:
            raise ValueError(f"a threshold is a fraction between 0 and 1: {self.numerator}/{self.denominator}")

    def required(self, base_count: int) -> int:
        """The fewest people who meet the threshold out of `base_count` (integer arithmetic, no float)."""
        whole, rest = divmod(base_count * self.numerator, self.denominator)
        if self.inclusive:
            return whole + (1 if rest else 0)  # at least the fraction itself
        return whole + 1  # strictly more than the fraction

    def describe(self) -> Any:
        """The threshold in the words of the rules: 三分之二以上, 半数以上, 超过半数."""
        share = _share_words(self.numerator, self.denominator)
        return msg(_("%(share)s以上") if self.inclusive else _("超过%(share)s"), {"share": share})


def _share_words(numerator: int, denominator: int) -> Any:
    if numerator * 2 == denominator:
        return _("半数")
    if numerator == denominator:
        return _("全部")
    digits = "零一二三四五六七八九十"
    if denominator <= 10 and numerator <= 10:
        return msg(_("%(d)s分之%(n)s"), {"d": digits[denominator], "n": digits[numerator]})
    return msg(_("%(n)s/%(d)s"), {"n": numerator, "d": denominator})


@dataclass(frozen=True)
class VoteRule:
    """A quorum (who must be present) and a majority (who must agree); either may be absent."""

    quorum: Threshold | None
    majority: Threshold


# 《集体合同规定》第三十六条: 三分之二以上职工代表或者职工出席，且须经全体职工代表半数以上或者全体职工
# 半数以上同意. The same rule is the default for other items a congress decides by vote.
CONTRACT_DRAFT_RULE = VoteRule(quorum=Threshold(2, 3, VoteBase.ENTITLED), majority=Threshold(1, 2, VoteBase.ENTITLED))


@dataclass(frozen=True)
class Ballot:
    entitled: int
    present: int
    in_favour: int
    against: int
    abstained: int


@dataclass(frozen=True)
class VoteOutcome:
    passed: bool
    quorum_met: bool
    majority_met: bool
    required_present: int | None
    required_in_favour: int
    reasons: tuple[Any, ...]  # why it failed, each naming the numbers; empty when it passed


def clean_ballot(*, entitled: Any, present: Any, in_favour: Any, against: Any = 0, abstained: Any = 0) -> Ballot:
    """Whole, non-negative counts that add up; every wrong count named at once."""
    errors: list[ValidationFailed] = []
    values: dict[str, int] = {}
    labels = {"entitled": _("应到人数"), "present": _("实到人数"), "in_favour": _("赞成票"),
              "against": _("反对票"), "abstained": _("弃权票")}
    for field, raw in (("entitled", entitled), ("present", present), ("in_favour", in_favour),
                       ("against", against), ("abstained", abstained)):
        try:
            number = int(str(raw).strip() or "0") if not isinstance(raw, int) else raw
        except ValueError:
            errors.append(ValidationFailed(msg(_("%(label)s须为整数。"), {"label": labels[field]}), field=field))
            continue
        if number < 0:
            errors.append(ValidationFailed(msg(_("%(label)s不能为负数。"), {"label": labels[field]}), field=field))
            continue
        values[field] = number
    if errors:
        raise InvalidFields(errors)
    if values["entitled"] == 0:
        errors.append(ValidationFailed(_("应到人数须大于0。"), field="entitled"))
    if values["present"] > values["entitled"]:
        errors.append(ValidationFailed(msg(_("实到人数（%(present)s）不能多于应到人数（%(entitled)s）。"), values),
                                       field="present"))
    cast = values["in_favour"] + values["against"] + values["abstained"]
    if cast > values["present"]:
        too_many = _("赞成、反对、弃权合计 %(cast)s 票，多于实到人数 %(present)s。")
        errors.append(ValidationFailed(msg(too_many, {"cast": cast, "present": values["present"]}), field="in_favour"))
    if errors:
        raise InvalidFields(errors)
    return Ballot(**values)


def _base(ballot: Ballot, threshold: Threshold) -> int:
    return ballot.entitled if threshold.base == VoteBase.ENTITLED else ballot.present


def vote_outcome(ballot: Ballot, rule: VoteRule) -> VoteOutcome:
    reasons: list[Any] = []
    required_present = None
    quorum_met = True
    if rule.quorum is not None:
        required_present = rule.quorum.required(_base(ballot, rule.quorum))
        quorum_met = ballot.present >= required_present
        if not quorum_met:
            short = _("实到 %(present)s 人，未达到应到 %(entitled)s 人的%(rule)s（至少 %(required)s 人）。")
            reasons.append(msg(short, {
                "present": ballot.present, "entitled": ballot.entitled, "rule": rule.quorum.describe(),
                "required": required_present}))
    required_in_favour = rule.majority.required(_base(ballot, rule.majority))
    majority_met = ballot.in_favour >= required_in_favour
    if not majority_met:
        base_words = _("应到") if rule.majority.base == VoteBase.ENTITLED else _("实到")
        reasons.append(msg(_("赞成 %(votes)s 票，未达到%(base)s %(count)s 人的%(rule)s（至少 %(required)s 票）。"), {
            "votes": ballot.in_favour, "base": base_words, "count": _base(ballot, rule.majority),
            "rule": rule.majority.describe(), "required": required_in_favour}))
    return VoteOutcome(passed=quorum_met and majority_met, quorum_met=quorum_met, majority_met=majority_met,
                       required_present=required_present, required_in_favour=required_in_favour,
                       reasons=tuple(reasons))


def require_passed(ballot: Ballot, rule: VoteRule, *, field: str = "in_favour") -> VoteOutcome:
    """The outcome, or a refusal naming the numbers when the vote did not pass (the quorum on `present`)."""
    outcome = vote_outcome(ballot, rule)
    if not outcome.passed:
        errors = []
        if not outcome.quorum_met:
            errors.append(ValidationFailed(outcome.reasons[0], field="present", code="quorum_not_met"))
        if not outcome.majority_met:
            errors.append(ValidationFailed(outcome.reasons[-1], field=field, code="majority_not_met"))
        raise InvalidFields(errors)
    return outcome
