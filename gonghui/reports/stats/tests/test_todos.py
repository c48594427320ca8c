import pytest

from gonghui.reports.stats import services
from gonghui.reports.stats.selectors import reporting_year
from gonghui.reports.stats.tests.test_returns import GOOD, save
from gonghui.reports.stats.todos import stats_todos

pytestmark = pytest.mark.django_db


def test_returns_not_yet_signed_off_wait_on_the_home_page(stats_world):
    w = stats_world
    year = reporting_year()
    assert stats_todos(user=w.county_clerk)[0].count == 0
    ret = services.return_open(actor=w.county_clerk, union=w.grassroots, year=year)
    services.return_open(actor=w.county_clerk, union=w.mill, year=year)
    [line] = stats_todos(user=w.county_clerk)
    assert line.count == 2 and line.route == "web:stats_status"
    save(w, ret, GOOD)
    ret.refresh_from_db()
    services.return_sign(actor=w.county_clerk, ret=ret, version=ret.version, name="王芳")
    assert stats_todos(user=w.county_clerk)[0].count == 1
    assert stats_todos(user=w.other_province_officer)[0].count == 0
    assert stats_todos(user=w.auditor) == []
