import pytest

from gonghui.activities.models import Activity, SignUp
from gonghui.demo.activities import build_demo_activities
from gonghui.testing.activities import region_for_tests
from gonghui.testing.world import make_member

pytestmark = pytest.mark.django_db


def test_the_demo_has_activities_at_every_stage_with_waiting_lists_and_check_ins(world):
    region_for_tests()
    for n in range(4):
        make_member(world.grassroots, phone=f"1390000060{n}")
    made = build_demo_activities(world.province)
    assert made["activities"] == Activity.objects.count() > 0
    assert set(Activity.objects.values_list("status", flat=True)) == {"draft", "open", "closed", "finished",
                                                                       "cancelled"}
    assert SignUp.objects.filter(status="waiting").exists() and SignUp.objects.filter(status="checked_in").exists()
