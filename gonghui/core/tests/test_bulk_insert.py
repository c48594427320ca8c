import pytest
from django.utils import timezone

from gonghui.core.bulk_insert import LineFormat, array_text, bulk_insert_columns
from gonghui.core.lookup_models import IdLookupTally

AWKWARD = ['他说"好"', "C:\\路径", "{一,二}", "NULL", "", "逗号,和空格 ", "制表\t换行\n回车\r", "\\N", "{0}"]


@pytest.mark.django_db
def test_rows_given_column_by_column_arrive_exactly_with_their_ids_in_order():
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    counts = [5, 0, 7, 1, 2, 3, 4, 8, 9]
    ids = bulk_insert_columns(IdLookupTally, len(AWKWARD), {"account": AWKWARD, "count": counts}, same={"hour": hour})
    stored = IdLookupTally.objects.in_bulk(ids)
    assert [(stored[pk].account, stored[pk].count) for pk in ids] == list(zip(AWKWARD, counts, strict=True))
    assert {t.hour for t in stored.values()} == {hour}


@pytest.mark.django_db
def test_a_column_left_out_takes_its_default():
    (pk,) = bulk_insert_columns(IdLookupTally, 1, {"account": ["user:1"]}, same={"hour": timezone.now()})
    assert IdLookupTally.objects.get(pk=pk).count == 0


def test_an_array_text_quotes_what_postgresql_would_misread():
    assert array_text([3, 1, 2]) == "{3,1,2}"
    assert array_text(["NULL", None, 'a"b', "c\\d", "{x}"]) == '{"NULL",NULL,"a\\"b","c\\\\d","{x}"}'


@pytest.mark.django_db
def test_rows_made_line_by_line_arrive_exactly_with_the_shared_columns_formatted_once():
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    fmt = LineFormat(IdLookupTally, ["count", "account"], same={"hour": hour})
    ids = fmt.insert([fmt.line((str(n), account)) for n, account in enumerate(AWKWARD)])
    stored = IdLookupTally.objects.in_bulk(ids)
    assert [(stored[pk].account, stored[pk].count) for pk in ids] == [(a, n) for n, a in enumerate(AWKWARD)]
    assert {t.hour for t in stored.values()} == {hour}


@pytest.mark.django_db
def test_a_varying_datetime_is_given_as_the_database_stores_it():
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    fmt = LineFormat(IdLookupTally, ["account", "hour"])
    (pk,) = fmt.insert([fmt.line(("user:1", fmt.text("hour", hour)))])
    assert IdLookupTally.objects.get(pk=pk).hour == hour
    assert IdLookupTally.objects.get(pk=pk).count == 0  # left out: its default


def test_a_line_format_refuses_columns_the_model_lacks():
    with pytest.raises(ValueError, match="unknown"):
        LineFormat(IdLookupTally, ["account", "nonsense"])
