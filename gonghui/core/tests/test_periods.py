import datetime

import pytest

from gonghui.core.errors import ValidationFailed
from gonghui.core.periods import Grain, Period

D = datetime.date


@pytest.mark.parametrize(("key", "start", "end", "grain"), [
    ("2026", D(2026, 1, 1), D(2026, 12, 31), Grain.YEAR),
    ("SY2026", D(2025, 10, 1), D(2026, 9, 30), Grain.STAT_YEAR),
    ("2026Q1", D(2026, 1, 1), D(2026, 3, 31), Grain.QUARTER),
    ("2024Q4", D(2024, 10, 1), D(2024, 12, 31), Grain.QUARTER),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29), Grain.MONTH),
    ("2026-01-05~2026-02-15", D(2026, 1, 5), D(2026, 2, 15), Grain.RANGE),
])
def test_a_key_names_its_days_and_comes_back_unchanged(key, start, end, grain):
    period = Period.parse(key)
    assert (period.start, period.end, period.grain) == (start, end, grain)
    assert period.key == key


def test_the_statistical_year_turns_on_the_first_of_october():
    assert Period.stat_year_of(D(2026, 9, 30)).key == "SY2026"
    assert Period.stat_year_of(D(2026, 10, 1)).key == "SY2027"
    assert Period.stat_year(2026).days == 365


def test_the_period_before_and_the_same_period_a_year_ago():
    assert Period.parse("2026Q1").previous().key == "2025Q4"
    assert Period.parse("2026-01").previous().key == "2025-12"
    assert Period.parse("SY2026").previous().key == "SY2025"
    assert Period.parse("2025-03").year_ago().key == "2024-03"
    # A month keeps its own length a year earlier: February 2024 has 29 days.
    assert Period.parse("2025-02").year_ago().end == D(2024, 2, 29)
    ranged = Period.parse("2026-01-01~2026-01-10")
    assert ranged.previous().key == "2025-12-22~2025-12-31"
    assert Period.parse("2024-02-01~2024-02-29").year_ago().end == D(2023, 2, 28)


def test_a_period_not_yet_begun_has_no_figures():
    period = Period.parse("2027")
    assert not period.has_begun(D(2026, 12, 31))
    assert period.has_begun(D(2027, 1, 1))


@pytest.mark.parametrize("key", ["", "26", "2026Q5", "2026-13", "2026-02-30~2026-03-01", "2026-03-01~2026-01-01",
                                 "1900", "2000-01-01~2026-01-01", "SY", "2026-1", None, "2026\x00"])
def test_an_unreadable_period_is_refused_naming_the_field(key):
    with pytest.raises(ValidationFailed) as refused:
        Period.parse(key)
    assert refused.value.field == "period"
