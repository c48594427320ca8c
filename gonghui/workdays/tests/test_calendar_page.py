"""The console page 节假日日历: who sees it, who edits it, and what a missing year looks like."""

import datetime

import pytest
from django.test import Client

from gonghui.core.audit_models import AuditEntry
from gonghui.testing.world import PASSWORD, make_user
from gonghui.workdays.models import CalendarYear, Holiday

pytestmark = pytest.mark.django_db

URL = "/calendar/"


def login(username: str) -> Client:
    client = Client()
    response = client.post("/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_an_administrator_sees_the_year_with_its_holidays_and_the_forms(world, seeded):
    page = login("national_admin").get(URL, {"year": 2026})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-day="2026-10-01" data-kind="holiday"' in html
    assert 'data-day="2026-10-10" data-kind="adjusted"' in html
    assert 'data-day="2026-10-11" data-kind="weekend"' in html
    assert "国庆节" in html and 'id="entry-form"' in html and "全国（所有工会）" in html
    assert "尚无节假日数据" not in html


def test_a_year_without_data_shows_the_banner(world, seeded):
    html = login("county_clerk").get(URL, {"year": 2027}).content.decode()
    assert "2027 年尚无节假日数据：按周末计算，相关案件将标记待核" in html


def test_a_case_worker_may_look_but_sees_no_edit_controls(world, seeded):
    page = login("county_clerk").get(URL, {"year": 2026})
    html = page.content.decode()
    assert page.status_code == 200 and "国庆节" in html
    assert 'id="entry-form"' not in html and "/calendar/entries/" not in html
    response = login("county_clerk").post("/calendar/entries/", {"day": "2026-03-10", "kind": "holiday",
                                                                 "applies_to": "national", "year": 2026})
    assert response.status_code == 400 and not Holiday.objects.filter(day=datetime.date(2026, 3, 10)).exists()


def test_someone_without_any_case_permission_is_refused(world, seeded):
    assert login("auditor").get(URL).status_code == 403
    assert "节假日日历" not in login("auditor").get("/").content.decode()
    assert "节假日日历" in login("county_clerk").get("/").content.decode()


def test_a_province_administrator_adds_a_local_holiday_from_the_page(world, seeded):
    client = login("province_officer")
    page = client.get(URL, {"year": 2026, "union": world.province.pk}).content.decode()
    assert "仅四川省总工会及下级" in page
    response = client.post("/calendar/entries/", {"day": "2026-03-10", "kind": "holiday", "name": "本地假日",
                                                  "applies_to": "local", "union": world.province.pk, "year": 2026})
    assert response.status_code == 302
    entry = Holiday.objects.get(day=datetime.date(2026, 3, 10))
    assert entry.org_path == world.province.path and AuditEntry.objects.filter(action="calendar.holiday_set").exists()
    html = client.get(URL, {"year": 2026, "union": world.county.pk}).content.decode()
    assert 'data-day="2026-03-10" data-kind="holiday"' in html and "本地假日" in html
    client.post(f"/calendar/entries/{entry.pk}/remove/", {"union": world.province.pk})
    assert not Holiday.objects.filter(pk=entry.pk).exists()


def test_a_county_administrator_cannot_mark_its_own_days_off(world, seeded):
    client = login("county_admin")
    page = client.get(URL, {"year": 2026}).content.decode()
    assert "全国（所有工会）" not in page and "仅成都市锦江区总工会及下级" not in page
    assert 'data-testid="local-by-province"' in page
    refused = client.post("/calendar/entries/", {"day": "2026-03-11", "kind": "holiday", "applies_to": "local",
                                                 "union": world.county.pk, "year": 2026})
    assert refused.status_code == 400 and not Holiday.objects.filter(day=datetime.date(2026, 3, 11)).exists()


def test_bad_input_comes_back_beside_its_field(world, seeded):
    response = login("national_admin").post("/calendar/entries/", {"day": "1989-01-01", "kind": "holiday",
                                                                   "applies_to": "national", "year": 2026})
    assert response.status_code == 400
    assert "年份须在 1990 至 2100 之间" in response.content.decode()


def test_an_administrator_marks_a_year_complete_and_unmarks_it(world, seeded):
    client = login("national_admin")
    assert client.post("/calendar/years/mark/", {"year": 2027, "mark-applies_to": "national",
                                                 "mark-note": "国办发明电"}).status_code == 302
    mark = CalendarYear.objects.get(year=2027)
    assert "尚无节假日数据" not in client.get(URL, {"year": 2027}).content.decode()
    client.post(f"/calendar/years/{mark.pk}/unmark/", {})
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_another_province_cannot_see_or_touch_a_sichuan_union_calendar(world, seeded):
    other = make_user("other_hotline", world.other_city, "hotline_agent")
    client = login(other.username)
    assert client.get(URL, {"union": world.county.pk}).status_code == 404
    entry = Holiday.objects.create(day=datetime.date(2026, 3, 10), kind="holiday", union=world.county,
                                   org_path=world.county.path)
    assert client.post(f"/calendar/entries/{entry.pk}/remove/", {}).status_code == 404
    assert Holiday.objects.filter(pk=entry.pk).exists()
