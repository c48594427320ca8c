import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.core.errors import Conflict, NotFound, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.scope import scope_for
from gonghui.positions.hours import Span
from gonghui.positions.models import PositionVisit, ServicePosition
from gonghui.positions.selectors import idle_count, nearest_open, position_get, position_list, visits_by_month
from gonghui.positions.services.positions import position_set_exception, position_set_status
from gonghui.positions.services.visits import checkin_token, visit_check_in
from gonghui.positions.tests.setup import FUCHENG, JINJIANG, TODAY, station

pytestmark = pytest.mark.django_db
CST = datetime.timezone(datetime.timedelta(hours=8))
MONDAY_9 = datetime.datetime(2026, 12, 7, 9, tzinfo=CST)


def test_lists_are_scoped_and_filtered(world):
    mine = station(world)
    theirs = station(world, owner=world.county2, name="涪城驿站", region="510703", at=FUCHENG)
    county = scope_for(world.county_clerk, Perm.POSITION_VIEW)
    assert list(position_list(scope=county)) == [mine]
    assert set(position_list(scope=scope_for(world.province_officer, Perm.POSITION_VIEW))) == {mine, theirs}
    assert list(position_list(scope=scope_for(world.other_province_officer, Perm.POSITION_VIEW))) == []
    with pytest.raises(NotFound):
        position_get(scope=county, pk=theirs.pk)
    province = scope_for(world.province_officer, Perm.POSITION_VIEW)
    assert list(position_list(scope=province, division="510700")) == [theirs]
    assert list(position_list(scope=province, division="510000", service="water", kind="station")) == [mine, theirs]
    assert list(position_list(scope=province, service="toilet")) == []


def test_the_nearest_open_come_from_a_bounding_box_not_a_scan(world):
    near = station(world, name="近", at=(JINJIANG[0] + 0.002, JINJIANG[1]))
    far = station(world, name="远", at=(JINJIANG[0] + 0.03, JINJIANG[1]))
    shut = station(world, name="白天", at=(JINJIANG[0] + 0.001, JINJIANG[1]), hours=[Span(0, 1200, 1260)])
    station(world, name="书屋", kind="library", at=(JINJIANG[0] + 0.001, JINJIANG[1] + 0.001))
    lat, lng = JINJIANG
    with CaptureQueriesContext(connection) as ctx:
        found = nearest_open(kind="station", lat=lat, lng=lng, at=MONDAY_9, limit=2)
    assert [n.position for n in found] == [near, far]
    assert found[0].distance_m < found[1].distance_m
    box = [q["sql"] for q in ctx.captured_queries if 'FROM "positions_serviceposition"' in q["sql"]
           and '"lat" BETWEEN' in q["sql"]]
    assert box and all('"lng" BETWEEN' in sql and '"kind_id" =' in sql for sql in box)
    # Every other read of the table is by primary key: nothing walks all positions.
    others = [q["sql"] for q in ctx.captured_queries if 'FROM "positions_serviceposition"' in q["sql"]
              and q["sql"] not in box]
    assert all('"id" IN' in sql for sql in others)
    with_shut = nearest_open(kind="station", lat=lat, lng=lng, at=MONDAY_9, limit=3, include_closed=True)
    assert [(n.position, n.is_open) for n in with_shut][:2] == [(shut, False), (near, True)]


def test_near_me_leaves_out_suspended_and_closed_for_the_day(world):
    p = station(world)
    position_set_exception(actor=world.county_clerk, position=p, day=MONDAY_9.date(), closed=True)
    assert nearest_open(kind="station", lat=JINJIANG[0], lng=JINJIANG[1], at=MONDAY_9) == []
    position_set_exception(actor=world.county_clerk, position=p, day=MONDAY_9.date(), closed=True, remove=True)
    position_set_status(actor=world.county_clerk, position=p, action="suspend", reason="装修")
    assert nearest_open(kind="station", lat=JINJIANG[0], lng=JINJIANG[1], at=MONDAY_9) == []


def test_a_second_check_in_the_same_day_is_refused_politely(world):
    p = station(world)
    worker = PortalWorker(phone="13900001111")
    visit = visit_check_in(worker=worker, token=checkin_token(p), service="water", rating=5, note="水很热",
                           at=MONDAY_9)
    assert (visit.day, visit.rating, visit.service_id, visit.org_path) == (TODAY, 5, "water", p.org_path)
    assert "13900001111" not in visit.visitor_key
    with pytest.raises(Conflict) as e:
        visit_check_in(worker=worker, token=checkin_token(p), at=MONDAY_9 + datetime.timedelta(hours=3))
    assert "今天已在这里签到" in str(e.value.message)
    visit_check_in(worker=worker, token=checkin_token(p), at=MONDAY_9 + datetime.timedelta(days=1))
    assert PositionVisit.objects.count() == 2
    p.refresh_from_db()
    assert p.last_visit_on == TODAY + datetime.timedelta(days=1)


def test_a_check_in_refuses_a_forged_code_a_bad_rating_and_a_service_not_offered(world):
    p = station(world)
    worker = PortalWorker(phone="13900001111")
    with pytest.raises(NotFound):
        visit_check_in(worker=worker, token=f"{p.pk}.forged", at=MONDAY_9)
    for kw, field in [({"rating": 6}, "rating"), ({"service": "toilet"}, "service")]:
        with pytest.raises(ValidationFailed) as e:
            visit_check_in(worker=worker, token=checkin_token(p), at=MONDAY_9, **kw)
        assert e.value.field == field
    assert not PositionVisit.objects.exists()


def test_monthly_visits_and_the_sixty_day_flag(world):
    p = station(world)
    scope = scope_for(world.county_clerk, Perm.POSITION_VIEW)
    assert idle_count(scope=scope, today=TODAY) == 1  # opened 2024, never visited
    for n, day in enumerate([datetime.date(2026, 11, 3), datetime.date(2026, 11, 9), datetime.date(2026, 12, 1)]):
        visit_check_in(worker=PortalWorker(phone=f"1390000{n:04d}"), token=checkin_token(p),
                       at=datetime.datetime.combine(day, datetime.time(10), CST))
    assert visits_by_month(position=p, months=3, today=TODAY) == [
        (datetime.date(2026, 12, 1), 1), (datetime.date(2026, 11, 1), 2), (datetime.date(2026, 10, 1), 0)]
    assert idle_count(scope=scope, today=TODAY) == 0
    assert idle_count(scope=scope, today=datetime.date(2027, 2, 1)) == 1
    assert list(position_list(scope=scope, idle=True, today=datetime.date(2027, 2, 1))) == [p]
    assert ServicePosition.objects.get().last_visit_on == datetime.date(2026, 12, 1)
