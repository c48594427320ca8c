"""Sibling unions are listed by level and then by the pinyin of their names, never by code point."""

import pytest

from gonghui.core.permissions import Perm
from gonghui.orgs.choices import Level
from gonghui.orgs.ordering import pinyin_sort_key
from gonghui.orgs.scope import scope_for
from gonghui.orgs.selectors import subtree_summary, union_children
from gonghui.testing.world import make_union

pytestmark = pytest.mark.django_db
# Code point order would put 乐山 (U+4E50) and 南充 (U+5357) before 成都 (U+6210).
CITIES = ["乐山市总工会", "南充市总工会", "德阳市总工会", "阿坝州总工会"]


def test_pinyin_orders_chinese_names_as_readers_expect():
    names = ["乐山", "成都", "南充", "阿坝", "德阳"]
    assert sorted(names, key=pinyin_sort_key) == ["阿坝", "成都", "德阳", "乐山", "南充"]


def test_a_unions_children_come_in_level_then_pinyin_order(world):
    for name in CITIES:
        make_union(world.province, name, Level.CITY)
    scope = scope_for(world.province_officer, Perm.ORG_VIEW)
    names = [u.name for u in union_children(scope=scope, parent=world.province)]
    # 成都 and 绵阳 are the world's own cities.
    assert names == ["阿坝州总工会", "成都市总工会", "德阳市总工会", "乐山市总工会", "绵阳市总工会", "南充市总工会"]


def test_the_branch_table_follows_the_same_order(world):
    for name in CITIES:
        make_union(world.province, name, Level.CITY)
    summary = subtree_summary(scope=scope_for(world.province_officer, Perm.ORG_VIEW), union=world.province)
    assert [b.union.name for b in summary.branches] == [
        "阿坝州总工会", "成都市总工会", "德阳市总工会", "乐山市总工会", "绵阳市总工会", "南充市总工会"]
