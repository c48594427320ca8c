"""count_each: several lists' lengths in one query, each exactly what QuerySet.count() answers."""

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext

from gonghui.core.counting import count_each
from gonghui.orgs.models import TradeUnion
from gonghui.testing.world import make_member

pytestmark = pytest.mark.django_db


def test_each_list_is_counted_as_its_own_count_in_one_query(world):
    from gonghui.members.models import Membership

    make_member(world.grassroots, name="会员甲", phone="13800001001")
    lists = {
        "unions": TradeUnion.objects.filter(path__startswith=world.county.path).order_by("name"),
        "members": Membership.objects.filter(org_path__startswith=world.province.path),
        # a join that repeats rows, collapsed by distinct(), and one grouped by an annotation
        "joined": TradeUnion.objects.filter(Q(children__isnull=False) | Q(pk=world.county.pk)).distinct(),
        "annotated": TradeUnion.objects.annotate(n=Count("children")).filter(n__gt=0),
        "nothing": TradeUnion.objects.none(),
        "impossible": TradeUnion.objects.filter(pk__in=[]),
    }
    expected = {name: qs.count() for name, qs in lists.items()}
    with CaptureQueriesContext(connection) as queries:
        assert count_each(lists) == expected
    assert len(queries) == 1
    assert expected["unions"] > 1 and expected["members"] >= 1 and expected["nothing"] == 0


def test_named_lists_and_one_list_alone():
    assert count_each() == {}
    assert count_each(all=TradeUnion.objects.all()) == {"all": 0}
