"""The 统计年报's subtree reads (org_path LIKE 'path%' for a year) can use the prefix index on PostgreSQL."""

import pytest
from django.db import connection, transaction

from gonghui.orgs.scope import Scope
from gonghui.reports.stats.models import StatReturn
from gonghui.reports.stats.selectors import return_list
from gonghui.reports.stats.tests.conftest import YEAR

pytestmark = pytest.mark.django_db


def test_the_return_model_declares_a_prefix_index_on_org_path():
    [index] = [i for i in StatReturn._meta.indexes if i.name == "stat_return_subtree"]
    assert index.fields[0] == "org_path" and index.opclasses[0] == "varchar_pattern_ops"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="operator classes are PostgreSQL's")
def test_a_subtree_read_is_planned_on_the_prefix_index(world):
    # A county's count of its subtree's returns for the year (the status lines and the 工作台 count).
    qs = return_list(scope=Scope.all(), year=YEAR, under=world.county.path).order_by().values("status")
    sql, params = qs.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        # An empty table has no statistics to choose by: without the year's own index and a sequential
        # scan, the plan says whether an index serves the LIKE 'path%' predicate itself (~>=~, ~<~).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("DROP INDEX stat_return_year_path")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        transaction.set_rollback(True)
    assert "stat_return_subtree" in plan and "~>=~" in plan, plan
