"""A read compiled once gives what the ORM gives for every later set of values, and a builder whose SQL
would keep anything besides its arguments is refused rather than served stale. (Django's own Group
model stands in for a domain's: core imports no domain.)"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db.models import DateTimeField, Value
from django.utils import timezone

from gonghui.core.compiled import CompiledRead

pytestmark = pytest.mark.django_db

NAMES = ["工会甲", "工会乙", "工会丙", "工会丁"]


@pytest.fixture
def groups():
    return [Group.objects.create(name=name) for name in NAMES]


def _by_names(names: list[str], above: int):
    return (Group.objects.filter(name__in=names, pk__gt=above).annotate(kind_of=Value("g"))
            .values_list("kind_of", "pk", "name").order_by("pk"))


def _two_branches(names: list[str], above: int):
    newest = Group.objects.filter(name__in=names).values_list("pk", "name").order_by("-pk")[:1]
    after = Group.objects.filter(pk__gt=above).values_list("pk", "name").order_by("pk")[:2]
    return newest, after


def test_every_later_call_gives_what_the_orm_gives_for_its_own_values(groups):
    read = CompiledRead(_by_names)
    first = groups[0].pk
    for names, above in (([NAMES[0]], 0), (NAMES[:2], first), (NAMES[:2], 0), (["无此工会"], 0),
                         ([NAMES[3], "x", NAMES[1]], first)):
        assert read.rows(names=names, above=above) == [tuple(r) for r in _by_names(names, above)]


def test_the_branches_of_one_statement_each_keep_their_order_and_limit(groups):
    read = CompiledRead(_two_branches)
    for names, above in ((NAMES[:3], 0), ([NAMES[1]], groups[1].pk)):
        newest, after = _two_branches(names, above)
        assert read.rows(names=names, above=above) == [tuple(r) for r in newest] + [tuple(r) for r in after]


def test_a_builder_that_reads_the_clock_is_refused():
    def stamped(names: list[str]):
        return Group.objects.filter(name__in=names).annotate(
            asked=Value(timezone.now(), output_field=DateTimeField())).values_list("pk", "asked")

    with pytest.raises(ImproperlyConfigured, match="more than its arguments"):
        CompiledRead(stamped).rows(names=["a"])


def test_a_builder_whose_argument_is_changed_on_the_way_is_refused():
    def by_prefix(prefix: str):
        return Group.objects.filter(name__startswith=prefix).values_list("pk")

    with pytest.raises(ImproperlyConfigured, match="did not reach the SQL"):
        CompiledRead(by_prefix).rows(prefix="工会")


def test_an_empty_list_is_the_callers_to_answer():
    with pytest.raises(ValueError, match="lists of 1 to 99 values"):
        CompiledRead(_by_names).rows(names=[], above=0)


def test_a_converted_read_gives_the_fields_values_as_the_orm_does():
    from django.contrib.sessions.models import Session

    for number, key in enumerate(("k" * 32, "m" * 32)):
        Session.objects.create(session_key=key, session_data="", expire_date=timezone.now() + timezone.timedelta(
            days=number))

    def expiring(keys: list[str]):
        return Session.objects.filter(session_key__in=keys).values_list("session_key", "expire_date").order_by("pk")

    read = CompiledRead(expiring, converted=True)
    keys = ["k" * 32, "m" * 32]
    rows = read.rows(keys=keys)
    assert rows == [tuple(r) for r in expiring(keys)] and len(rows) == 2
    assert isinstance(rows[0][1], datetime.datetime) and rows[0][1].tzinfo is not None  # text on SQLite, raw
    assert read.rows(keys=["无此键"]) == []
    with pytest.raises(ImproperlyConfigured, match="one queryset"):
        CompiledRead(_two_branches, converted=True).rows(names=["a"], above=0)
