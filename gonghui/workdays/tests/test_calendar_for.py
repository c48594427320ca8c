import datetime

import pytest
from django.core.cache import cache
from django.db import transaction

from gonghui.orgs.scope import SystemActor
from gonghui.orgs.services import union_move
from gonghui.workdays.library import library_calendar
from gonghui.workdays.models import CalendarYear, Holiday, HolidayKind
from gonghui.workdays.selectors import VERSION_KEY, calendar_for, holidays_in_year, year_coverage
from gonghui.workdays.services import calendar_year_mark, holiday_remove, holiday_set

pytestmark = pytest.mark.django_db

LOCAL_DAY = datetime.date(2026, 3, 10)  # a Tuesday
NATIONAL_DAY = datetime.date(2026, 10, 1)


def earlier_entry(union, day, kind=HolidayKind.HOLIDAY, name=""):
    """A local entry below province level, made before only a province could set one: the
    calendar still reads it (the deepest entry for a day wins)."""
    return Holiday.objects.create(day=day, kind=kind, name=name, union=union, org_path=union.path)


def test_the_national_calendar_is_the_library_s(seeded):
    cal = calendar_for()
    real = library_calendar()
    assert (cal.holidays, cal.workdays, cal.covered_years) == (real.holidays, real.workdays, real.covered_years)


def test_a_local_entry_applies_only_to_its_subtree(world, seeded):
    holiday_set(actor=world.province_officer, day=LOCAL_DAY, kind=HolidayKind.HOLIDAY, name="本地假日",
                union=world.province)
    assert not calendar_for(world.province.path).is_workday(LOCAL_DAY)
    assert not calendar_for(world.grassroots.path).is_workday(LOCAL_DAY)
    for outside in (world.other_province, world.other_city):
        assert calendar_for(outside.path).is_workday(LOCAL_DAY), outside.name
    assert calendar_for("").is_workday(LOCAL_DAY)


def test_the_deepest_entry_for_a_day_wins(world, seeded):
    holiday_set(actor=world.province_officer, day=NATIONAL_DAY, kind=HolidayKind.ADJUSTED_WORKDAY,
                union=world.province)
    earlier_entry(world.county, NATIONAL_DAY)
    assert not calendar_for("").is_workday(NATIONAL_DAY)
    assert calendar_for(world.city.path).is_workday(NATIONAL_DAY)
    assert not calendar_for(world.township.path).is_workday(NATIONAL_DAY)
    assert [h.org_path for h in holidays_in_year(year=2026, org_path=world.township.path)
            if h.day == NATIONAL_DAY] == ["", world.province.path, world.county.path]


def test_a_year_without_data_is_detected_until_an_administrator_marks_it(world, seeded):
    assert 2027 not in calendar_for().covered_years and not year_coverage(year=2027).covered
    calendar_year_mark(actor=world.province_officer, year=2027, union=world.province)
    assert 2027 in calendar_for(world.grassroots.path).covered_years
    assert 2027 not in calendar_for(world.other_city.path).covered_years
    assert year_coverage(year=2027, org_path=world.county.path).covered
    CalendarYear.objects.filter(year=2027).delete()
    assert year_coverage(year=2026).marks[0].source == "seeded"


def test_after_the_first_load_a_call_costs_no_query(seeded, django_assert_num_queries):
    calendar_for("0001")
    with django_assert_num_queries(0):
        for _ in range(100):
            calendar_for("0001")
            calendar_for("")


def test_a_write_is_seen_by_the_next_call(world, seeded):
    calendar_for(world.county.path)
    entry = holiday_set(actor=world.province_officer, day=LOCAL_DAY, kind=HolidayKind.HOLIDAY, union=world.province)
    assert not calendar_for(world.county.path).is_workday(LOCAL_DAY)
    holiday_remove(actor=world.province_officer, holiday=entry)
    assert calendar_for(world.county.path).is_workday(LOCAL_DAY)


def test_a_committed_write_tells_every_process_to_reload(world, seeded, django_capture_on_commit_callbacks,
                                                          django_assert_num_queries):
    calendar_for()
    token = cache.get(VERSION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        holiday_set(actor=world.national_admin, day=LOCAL_DAY, kind=HolidayKind.HOLIDAY)
    assert cache.get(VERSION_KEY) != token  # what other processes compare their snapshot with
    assert not calendar_for().is_workday(LOCAL_DAY)
    with django_assert_num_queries(0):  # cached again once the write is committed
        assert not calendar_for().is_workday(LOCAL_DAY)


def test_a_rolled_back_write_leaves_the_calendar_cached(world, seeded, django_assert_num_queries):
    calendar_for()
    with pytest.raises(RuntimeError), transaction.atomic():
        holiday_set(actor=world.national_admin, day=LOCAL_DAY, kind=HolidayKind.HOLIDAY)
        assert not calendar_for().is_workday(LOCAL_DAY)  # the writer sees its own change
        raise RuntimeError("the request failed after the write")
    with django_assert_num_queries(0):  # never the table re-read on every later call of this thread
        assert calendar_for().is_workday(LOCAL_DAY)


def test_a_local_calendar_moves_with_its_union(world, seeded):
    earlier_entry(world.county, LOCAL_DAY)
    moved = union_move(actor=SystemActor("tests"), union=world.county, new_parent=world.city2)
    assert not calendar_for(moved.path).is_workday(LOCAL_DAY)
    assert calendar_for(world.city.path).is_workday(LOCAL_DAY)
