"""Several lists' lengths in one round trip: `count_each(a=qs1, b=qs2)` is `{"a": qs1.count(), "b":
qs2.count()}`, read in one statement whose columns are each list's count as a scalar subquery.

The 工作台's to-do lines each count a different list, often of different tables, so conditional
aggregation (one table, `Count(filter=...)`) cannot join them; a page that asked each on its own paid
one query per line. Each count here is the list's own SQL, compiled by the ORM with its parameters, so
a line keeps exactly the definition of the list its link opens.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet


def count_each(querysets: Mapping[str, QuerySet[Any]] | None = None, /, **named: QuerySet[Any]) -> dict[str, int]:
    """The number of rows of each queryset, in one query (none when none is given)."""
    wanted = {**(querysets or {}), **named}
    if len(wanted) <= 1:
        return {name: qs.count() for name, qs in wanted.items()}
    aliases = {qs.db for qs in wanted.values()}
    if len(aliases) != 1:  # lists on different databases cannot share a statement
        return {name: qs.count() for name, qs in wanted.items()}
    columns: list[str] = []
    params: list[Any] = []
    for qs in wanted.values():
        # Only the key, no ordering: the rows counted are the list's rows, as QuerySet.count() counts them.
        try:
            sql, sql_params = qs.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # a condition nothing can meet (`pk__in=[]`, `.none()`): no rows, no SQL
            columns.append("0")
            continue
        columns.append(f"(SELECT COUNT(*) FROM ({sql}) counted)")  # noqa: S608 - the ORM's SQL, its values bound
        params.extend(sql_params)
    with connections[aliases.pop()].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns), params)
        row = cursor.fetchone()
    return {name: int(n) for name, n in zip(wanted, row, strict=True)}
