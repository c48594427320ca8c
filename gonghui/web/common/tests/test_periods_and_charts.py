import datetime

from django.template import Context, Template
from django.test import override_settings
from django.utils import timezone

from gonghui.web.common.periods import Period, parse_period


def test_an_unasked_period_is_the_current_one_when_it_has_data():
    today = timezone.localdate()
    assert parse_period({}, latest=today) == Period("month", today.year, today.month)


def test_an_unasked_period_opens_on_the_latest_one_that_has_data():
    today = timezone.localdate()
    back = (today.replace(day=1) - datetime.timedelta(days=40))
    assert parse_period({}, latest=back) == Period("month", back.year, back.month)
    assert parse_period({"period": "year"}, latest=datetime.date(2024, 2, 3)) == Period("year", 2024, 0)
    assert parse_period({"period": "quarter"}, latest=datetime.date(2024, 8, 3)) == Period("quarter", 2024, 3)


def test_an_asked_period_is_kept_even_when_empty():
    assert parse_period({"period": "month", "year": "2026", "month": "3"},
                        latest=datetime.date(2024, 2, 3)) == Period("month", 2026, 3)


def test_nothing_at_all_opens_on_the_current_period():
    today = timezone.localdate()
    assert parse_period({}, latest=None) == Period("month", today.year, today.month)


def _chart(data):
    return Template('{% load charts %}{% chart "chart-x" data "pie" %}').render(Context({"data": data}))


@override_settings(LANGUAGE_CODE="zh-hans")
def test_a_chart_with_nothing_to_plot_says_so_instead_of_drawing_an_empty_axis():
    for empty in (None, {"labels": [], "values": []}, {"labels": ["新建档", "返困"], "series": [
            {"name": "户数", "values": [0, 0]}]}):
        out = _chart(empty)
        assert "暂无数据" in out and "data-chart=" not in out
    out = _chart({"labels": ["因病", "因残"], "values": [0, 3]})
    assert 'data-chart="chart-x"' in out and 'data-kind="pie"' in out and 'id="chart-x"' in out
    assert 'data-table-label="数据表"' in out
