"""A read compiled once gives what the ORM gives for every later set of values, and a builder whose SQL
would keep anything besides its arguments is refused rather than served stale."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import F, Value
from django.utils import timezone

from gonghui.core.compiled import CompiledRead
from gonghui.orgs.models import TradeUnion

pytestmark = pytest.mark.django_db


def _by_names(names: list[str], level: int):
    return (TradeUnion.objects.filter(name__in=names, level=level).annotate(kind_of=Value("u"))
            .values_list("kind_of", "pk", "name").order_by("pk"))


def _two_branches(names: list[str], parent: int):
    first = TradeUnion.objects.filter(name__in=names).values_list("pk", "name").order_by("-pk")[:1]
    children = TradeUnion.objects.filter(parent_id=parent).values_list("pk", "name").order_by("pk")[:5]
    return first, children


def test_every_later_call_gives_what_the_orm_gives_for_its_own_values(world):
    read = CompiledRead(_by_names)
    province, city, county = world.province.level, world.city.level, world.county.level
    for names, level in ((["四川省总工会"], province), ([world.city.name, world.county.name], city),
                         ([world.city.name, world.county.name], county), (["无此工会"], province),
                         (["四川省总工会", world.other_province.name, "x"], province)):
        assert read.rows(names=names, level=level) == [tuple(r) for r in _by_names(names, level)]


def test_the_branches_of_one_statement_each_keep_their_order_and_limit(world):
    read = CompiledRead(_two_branches)
    for names, parent in (([world.city.name, world.province.name], world.national.pk), ([world.county.name],
                                                                                         world.county.pk)):
        first, children = _two_branches(names, parent)
        assert read.rows(names=names, parent=parent) == [tuple(r) for r in first] + [tuple(r) for r in children]


def test_a_builder_that_reads_the_clock_is_refused():
    def since_now(names: list[str]):
        return TradeUnion.objects.filter(name__in=names, created_at__lte=timezone.now()).values_list("pk")

    with pytest.raises(ImproperlyConfigured, match="more than its arguments"):
        CompiledRead(since_now).rows(names=["a"])


def test_a_builder_whose_argument_is_changed_on_the_way_is_refused():
    def by_prefix(prefix: str):
        return TradeUnion.objects.filter(path__startswith=prefix).values_list("pk")

    with pytest.raises(ImproperlyConfigured, match="did not reach the SQL"):
        CompiledRead(by_prefix).rows(prefix="0001")


def test_columns_come_back_as_the_database_gives_them(world):
    read = CompiledRead(lambda pk: TradeUnion.objects.filter(pk=pk).values_list("pk", F("parent_id")))
    assert read.rows(pk=world.city.pk) == [(world.city.pk, world.province.pk)]


def test_an_empty_list_is_the_callers_to_answer():
    with pytest.raises(ValueError, match="lists of 1 to 99 values"):
        CompiledRead(_by_names).rows(names=[], level=1)
