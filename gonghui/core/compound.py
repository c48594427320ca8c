"""Several small reads in one round trip: each branch a `values_list` queryset, ordered and limited as
it likes, read together with UNION ALL.

For pages that ask a handful of one-row questions by index (the portal home: the worker's membership,
a pending application, an open transfer), the round trips, not the index look-ups, are the cost. Django's
own `union()` refuses ordered or sliced branches on SQLite; wrapped as `SELECT * FROM (...)` every branch
keeps its ORDER BY and LIMIT on both databases. Branches must give the same number of columns; the first
column of each should say which branch a row came from.
"""

from typing import Any

from django.db import connections
from django.db.models import QuerySet


def union_sql(branches: list[QuerySet[Any]]) -> tuple[str, list[Any]]:
    """The branches as one UNION ALL statement and its parameters."""
    parts: list[str] = []
    params: list[Any] = []
    for number, branch in enumerate(branches):
        sql, branch_params = branch.query.sql_with_params()
        # The ORM's own SQL with its parameters kept apart: nothing typed by anyone is pasted in.
        parts.append(sql if len(branches) == 1 else f"SELECT * FROM ({sql}) AS branch{number}")  # noqa: S608
        params.extend(branch_params)
    return " UNION ALL ".join(parts), params


def read_branches(*branches: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """Every row of every branch, branch by branch, in one statement on the first branch's database."""
    if not branches:
        return []
    sql, params = union_sql(list(branches))
    with connections[branches[0].db].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
