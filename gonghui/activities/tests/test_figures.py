import datetime

import pytest
from django.utils import timezone

from gonghui.activities.figures import activity_figures
from gonghui.activities.models import Activity, SignUp
from gonghui.activities.services import activity_cancel, checkin_token, signup_check_in, signup_create
from gonghui.core.permissions import Perm
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.scope import scope_for
from gonghui.testing.activities import make_activity
from gonghui.testing.world import make_member


@pytest.mark.django_db
def test_figures_equal_counts_made_independently(world):
    phones = [f"1390000010{n}" for n in range(4)]
    for phone in phones:
        make_member(world.grassroots, phone=phone)
    workers = [PortalWorker(phone=p) for p in phones]
    sports = make_activity(world.county, capacity=10)
    film = make_activity(world.grassroots, kind="film", capacity=10, audience="public")
    city_walk = make_activity(world.city, kind="walking", capacity=10)
    dropped = make_activity(world.county, capacity=10)
    for activity, who in ((sports, workers[:3]), (film, workers[:2]), (city_walk, workers[3:])):
        for worker in who:
            signup_create(worker=worker, activity_pk=activity.pk)
            signup_check_in(worker=worker, activity_pk=activity.pk, token=checkin_token(activity),
                            now=activity.starts_at)
    signup_check_in(worker=PortalWorker(phone="13700000002"), activity_pk=film.pk, token=checkin_token(film),
                    name="游客", now=film.starts_at)
    signup_create(worker=workers[3], activity_pk=dropped.pk)
    activity_cancel(actor=world.county_admin, activity=dropped, reason="场地检修")

    got = activity_figures(scope=scope_for(world.province_officer, Perm.ACTIVITY_VIEW), root=world.city)
    # Independently: held = published and not cancelled; visits = check-in rows; people = distinct members.
    held = [a for a in Activity.objects.all() if a.status != "cancelled"]
    visits = [s for s in SignUp.objects.all() if s.status == "checked_in"]
    assert got.total.sessions == len(held) == 3
    assert got.total.attendances == len(visits) == 7
    assert got.total.members == len({s.member_id for s in visits if s.member_id}) == 4
    by_kind = {r.key: (r.sessions, r.attendances, r.members) for r in got.by_kind}
    assert by_kind == {"sports": (1, 3, 3), "film": (1, 3, 2), "walking": (1, 1, 1)}
    by_branch = {r.key: (r.sessions, r.attendances, r.members) for r in got.by_branch}
    assert by_branch == {world.county.path: (2, 6, 3), world.city.path: (1, 1, 1)}

    county_only = activity_figures(scope=scope_for(world.county_admin, Perm.ACTIVITY_VIEW), root=world.county,
                                   kind="film")
    assert (county_only.total.sessions, county_only.total.attendances) == (1, 3)
    later = activity_figures(scope=scope_for(world.province_officer, Perm.ACTIVITY_VIEW), root=world.city,
                             start=timezone.localdate(sports.starts_at) + datetime.timedelta(days=1))
    assert later.total.sessions == 0
