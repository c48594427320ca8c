"""The radar's rules as first set, and the one read of them. The numbers are a starting point a root
cadre tunes (risk.services.rules): a case is worth more when it is about unpaid wages, every
component is capped so no one signal alone makes an employer "high risk", and the threshold sits
where two strong signals meet."""

from dataclasses import dataclass

from gonghui.reports.risk.choices import RuleCode

DEFAULTS: dict[str, int] = {
    RuleCode.WINDOW_MONTHS: 12,
    RuleCode.THRESHOLD: 40,
    RuleCode.CASE_POINTS: 4,
    RuleCode.WAGE_CASE_POINTS: 8,
    RuleCode.CASES_CAP: 40,
    RuleCode.REPEAT_CALLER_POINTS: 5,
    RuleCode.REPEAT_CALLERS_CAP: 15,
    RuleCode.NO_UNION_POINTS: 15,
    RuleCode.LAPSED_UNION_POINTS: 10,
    RuleCode.NO_CONTRACT_POINTS: 10,
    RuleCode.NO_WAGE_CONTRACT_POINTS: 5,
    RuleCode.HARDSHIP_POINTS: 3,
    RuleCode.HARDSHIP_CAP: 15,
    RuleCode.OBJECTION_POINTS: 5,
    RuleCode.OBJECTIONS_CAP: 10,
    RuleCode.NO_DIRECTOR_POINTS: 10,
}

# What a rule may be set to: the window in months, everything else in points.
BOUNDS: dict[str, tuple[int, int]] = {code: (0, 1000) for code in DEFAULTS}
BOUNDS[RuleCode.WINDOW_MONTHS] = (1, 60)
BOUNDS[RuleCode.THRESHOLD] = (1, 1000)


@dataclass(frozen=True)
class Rules:
    values: dict[str, int]

    def __getitem__(self, code: str) -> int:
        return self.values[code]

    @property
    def threshold(self) -> int:
        return self.values[RuleCode.THRESHOLD]

    @property
    def window_months(self) -> int:
        return self.values[RuleCode.WINDOW_MONTHS]


def current_rules() -> Rules:
    """The rules in force: the stored rows, a missing row read as its first value (one query)."""
    from gonghui.reports.risk_models import RiskRule

    stored = dict(RiskRule.objects.values_list("code", "value"))
    return Rules({code: stored.get(code, default) for code, default in DEFAULTS.items()})
