import pytest

from gonghui.cases.choices import OPEN_STATUSES
from gonghui.cases.demo import demo_cases
from gonghui.cases.models import Case

pytestmark = pytest.mark.django_db


def test_the_demo_makes_cases_at_many_stages_through_the_services(world):
    assert demo_cases(world.province, count=100) == 100
    cases = Case.objects.filter(intake_union=world.province)
    assert cases.count() == 100
    assert len(set(cases.values_list("status", flat=True))) >= 5
    assert all(c.events.exists() for c in cases)


def test_the_demo_ends_with_a_realistic_spread_of_statuses(world):
    from collections import Counter

    demo_cases(world.province, count=200)
    statuses = Counter(Case.objects.values_list("status", flat=True))
    # Two years of a centre that keeps up: most finished, this fortnight's work still open.
    still_open = sum(statuses[s] for s in OPEN_STATUSES)
    assert statuses["closed"] >= 120 and statuses["in_progress"] >= 1 and 5 <= still_open <= 40, statuses
    assert statuses["dispatched"] < 20  # the sweep escalates only the few long-overdue ones
    assert 0 < Case.objects.filter(overdue=True).count() < 30
