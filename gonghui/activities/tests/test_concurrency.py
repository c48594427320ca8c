import threading

import pytest
from django.db import connection

from gonghui.activities.models import SignUp
from gonghui.activities.services import signup_create
from gonghui.members.services.applications import PortalWorker
from gonghui.testing.activities import make_activity
from gonghui.testing.world import build_world, make_member

ONE_WRITER = pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite's in-memory test database has one "
                                "writer; CI runs this on PostgreSQL")


@pytest.mark.django_db(transaction=True)
@ONE_WRITER
def test_two_people_taking_the_last_place_at_once_leave_one_signed_and_one_waiting():
    world = build_world()
    phones = ["13900000011", "13900000012"]
    for phone in phones:
        make_member(world.grassroots, phone=phone)
    activity = make_activity(world.county, capacity=1)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def take(phone: str) -> None:
        barrier.wait()
        try:
            outcomes.append(signup_create(worker=PortalWorker(phone=phone), activity_pk=activity.pk).status)
        except Exception as exc:  # anything surfacing is itself a failure to explain
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(phone,)) for phone in phones]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["signed", "waiting"]
    assert SignUp.objects.filter(activity=activity, status="signed").count() == 1
