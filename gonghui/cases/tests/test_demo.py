import pytest

from gonghui.cases.demo import demo_cases
from gonghui.cases.models import Case

pytestmark = pytest.mark.django_db


def test_the_demo_makes_cases_at_many_stages_through_the_services(world):
    assert demo_cases(world.province, count=40) == 40
    cases = Case.objects.filter(intake_union=world.province)
    assert cases.count() == 40
    assert len(set(cases.values_list("status", flat=True))) >= 6
    assert all(c.events.exists() for c in cases)
