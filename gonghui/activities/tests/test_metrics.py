"""The activity metrics equal counts made here over every activity and sign-up, for two counties and
two periods: sessions by their start, attendance by check-in, members reached counted once."""

import pytest

from gonghui.activities.models import Activity, SignUp
from gonghui.testing.activities import make_activity
from gonghui.testing.metrics import DAYS, assert_metric_counts, counted, distinct, noon, within
from gonghui.testing.world import make_member

pytestmark = pytest.mark.django_db
HELD = ("open", "closed", "finished")


def test_activity_metrics_count_sessions_attendance_and_members_reached(world):
    regular = world.membership.member
    other = make_member(world.grassroots, name="赵一").member
    for n, (union, day, status) in enumerate([
            (world.county, DAYS[0], "finished"), (world.county, DAYS[1], "finished"),
            (world.county, DAYS[2], "cancelled"), (world.county2, DAYS[2], "finished"),
            (world.county2, DAYS[3], "closed")]):
        activity = make_activity(world.county, title=f"活动{n}")
        Activity.objects.filter(pk=activity.pk).update(organiser=union, org_path=union.path, status=status,
                                                       starts_at=noon(day))
        for m, (member, state) in enumerate([(regular, "checked_in"), (other, "checked_in" if n % 2 else "no_show"),
                                             (None, "checked_in")]):
            SignUp.objects.create(activity=activity, org_path=union.path, member=member, person_key=f"p{n}-{m}",
                                  name=f"人{m}", phone="13800000000", phone_index=f"i{n}{m}", phone_masked="138****",
                                  status=state, checked_in_at=noon(day) if state == "checked_in" else None)
    activities = list(Activity.objects.all())
    checked = [s for s in SignUp.objects.select_related("activity") if s.status == "checked_in"
               and s.activity.status in HELD]
    unions = (world.county, world.county2)

    def held(a, p):
        return a.status in HELD and within(a.starts_at, p)

    assert_metric_counts("activities.held", counted(activities, lambda a: a.org_path, held), unions)
    assert_metric_counts("activities.attendance", counted(
        checked, lambda s: s.activity.org_path, lambda s, p: within(s.activity.starts_at, p)), unions)
    assert_metric_counts("activities.members_reached", distinct(
        [s for s in checked if s.member_id], lambda s: s.activity.org_path,
        lambda s, p: within(s.activity.starts_at, p), lambda s: s.member_id), unions)
