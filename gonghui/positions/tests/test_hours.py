import datetime

import pytest

from gonghui.core.errors import ValidationFailed
from gonghui.positions.hours import (
    DayException,
    Span,
    check_spans,
    format_minutes,
    open_at,
    parse_time,
    parse_week_text,
    spans_text,
)

CST = datetime.timezone(datetime.timedelta(hours=8))


def at(y, m, d, hh, mm=0):
    return datetime.datetime(y, m, d, hh, mm, tzinfo=CST)


def test_times_are_read_as_people_write_them():
    assert parse_time("08:30", field="h") == 510
    assert parse_time("8：05", field="h") == 485
    assert parse_time("24:00", field="h", end=True) == 1440
    assert parse_time("次日06:00", field="h", end=True) == 1800
    assert format_minutes(1800) == "次日06:00"
    for bad in ["25:00", "8.30", "", "次日08:00", "12:60"]:
        with pytest.raises(ValidationFailed) as e:
            parse_time(bad, field="h")
        assert e.value.field == "h"


def test_it_refuses_hours_that_end_before_they_start():
    with pytest.raises(ValidationFailed) as e:
        check_spans([Span(0, 22 * 60, 6 * 60)])
    assert (e.value.field, e.value.code) == ("hours", "ends_before_start")
    assert "次日" in str(e.value.message)


def test_it_refuses_hours_that_overlap_on_a_day_and_across_midnight():
    with pytest.raises(ValidationFailed) as e:
        check_spans([Span(2, 480, 720), Span(2, 700, 1080)])
    assert e.value.code == "overlap"
    with pytest.raises(ValidationFailed) as e:  # Sunday night into Monday morning
        check_spans([Span(6, 1320, 1800), Span(0, 300, 540)])
    assert e.value.code == "overlap"
    assert len(check_spans([Span(6, 1320, 1800), Span(0, 360, 540)])) == 2  # touching is not overlapping


def test_open_now_follows_the_week_and_the_night_span():
    spans = [Span(0, 480, 1080), Span(4, 1320, 1800)]  # Mon 08–18, Fri 22–次日06
    assert open_at(spans, {}, at(2026, 12, 7, 9))  # a Monday
    assert not open_at(spans, {}, at(2026, 12, 7, 18))
    assert open_at(spans, {}, at(2026, 12, 11, 23))  # Friday night
    assert open_at(spans, {}, at(2026, 12, 12, 5, 59))  # Saturday early, still Friday's span
    assert not open_at(spans, {}, at(2026, 12, 12, 6))
    # An aware moment in UTC is read in Asia/Shanghai: 01:00 UTC Monday is 09:00 there.
    assert open_at(spans, {}, datetime.datetime(2026, 12, 7, 1, tzinfo=datetime.UTC))


def test_exceptions_come_first():
    day = datetime.date(2026, 12, 7)
    spans = [Span(0, 480, 1080), Span(6, 1320, 1800)]
    assert not open_at(spans, {day: DayException(day, True)}, at(2026, 12, 7, 9))
    special = {day: DayException(day, False, 600, 660)}
    assert open_at(spans, special, at(2026, 12, 7, 10, 30))
    assert not open_at(spans, special, at(2026, 12, 7, 9))
    assert open_at(spans, special, at(2026, 12, 7, 5))  # Sunday's night span runs into the special day
    sunday = datetime.date(2026, 12, 6)
    assert not open_at(spans, {sunday: DayException(sunday, True)}, at(2026, 12, 7, 5))


def test_a_24_hour_station_is_always_open():
    spans = [Span(d, 0, 1440) for d in range(7)]
    assert check_spans(spans)
    assert all(open_at(spans, {}, at(2026, 12, 7, h)) for h in range(24))


def test_the_week_is_read_from_lines_as_cadres_type_them():
    spans = parse_week_text("周一至周五 08:00-12:00，14:00-18:00\n\n周六 22:00-次日06:00\n周日 09：00—17：00")
    assert spans[:2] == [Span(0, 480, 720), Span(0, 840, 1080)]
    assert Span(5, 1320, 1800) in spans and Span(6, 540, 1020) in spans and len(spans) == 12
    assert len(parse_week_text("每天 00:00-24:00")) == 7
    assert parse_week_text(spans_text(spans)) == spans
    for bad, code in [("周八 08:00-09:00", "bad_day"), ("周一", "bad_line"), ("周一 08:00", "bad_line"),
                      ("周一 18:00-08:00", "ends_before_start"), ("每天 08:00-12:00\n周三 11:00-13:00", "overlap")]:
        with pytest.raises(ValidationFailed) as e:
            parse_week_text(bad)
        assert (e.value.field, e.value.code) == ("hours", code), bad


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_hours_shown_back_for_editing_in_either_language_read_as_the_same_week(language):
    from django.utils import translation

    week = parse_week_text("周一至周五 08:00-12:00, 14:00-18:00\n周六 08:00-12:00, 22:00-次日06:00\n周日 09:00-24:00")
    with translation.override(language):
        assert parse_week_text(spans_text(week)) == week


def test_english_day_names_ranges_and_next_day_read_like_the_chinese():
    assert parse_week_text("Mon-Fri 08:00-18:00\nSat 22:00-next day 06:00") == parse_week_text(
        "周一至周五 08:00-18:00\n周六 22:00-次日06:00")
    assert parse_week_text("every day 00:00-24:00") == parse_week_text("每天 00:00-24:00")
    assert parse_week_text("Monday to Wednesday 09:00-17:00") == parse_week_text("周一至周三 09:00-17:00")
