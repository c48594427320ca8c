import pytest
from django.utils import timezone

from gonghui.core.bulk_insert import array_text, bulk_insert_columns
from gonghui.core.lookup_models import IdLookupTally

AWKWARD = ['他说"好"', "C:\\路径", "{一,二}", "NULL", "", "逗号,和空格 "]


@pytest.mark.django_db
def test_rows_given_column_by_column_arrive_exactly_with_their_ids_in_order():
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    counts = [5, 0, 7, 1, 2, 3]
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
