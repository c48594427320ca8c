"""Registry of denormalized org-path copies, so a subtree move rewrites every one of them.

Each big table that carries the org path registers (model, field) here in its AppConfig.ready;
`rewrite_prefix` then moves the whole subtree in one UPDATE per table.
"""

from typing import Any

from django.db import connection, models

from gonghui.orgs import tree

_COPIES: list[tuple[type[models.Model], str]] = []


def register_path_copy(model: type[models.Model], field: str) -> None:
    if (model, field) not in _COPIES:
        _COPIES.append((model, field))


def registered_copies() -> list[tuple[type[models.Model], str]]:
    return list(_COPIES)


def rewrite_prefix(model: type[models.Model], field: str, old: str, new: str, *, depth_delta: int = 0) -> int:
    """Replace the prefix `old` by `new` in the subtree (and shift `depth` by `depth_delta` in the
    same UPDATE, for the union table itself). Plain SQL: a move runs one of these per registered
    copy, and the ORM's expression building cost more than the statements on empty tables."""
    table = connection.ops.quote_name(model._meta.db_table)
    path_field = model._meta.get_field(field)
    assert isinstance(path_field, models.Field)
    column = connection.ops.quote_name(str(path_field.column))
    sets = f"{column} = %s || SUBSTR({column}, %s)"
    params: list[Any] = [new, len(old) + 1]
    if depth_delta:
        sets += ", depth = depth + %s"
        params.append(depth_delta)
    if connection.vendor == "postgresql":
        where, bounds = f"{column} LIKE %s", [old + "%"]  # paths hold no LIKE wildcards (0-9, A-Z)
    else:
        where, bounds = f"{column} >= %s AND {column} < %s", [old, tree.upper_bound(old)]
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {sets} WHERE {where}", [*params, *bounds])  # noqa: S608
        return int(cursor.rowcount)


def copies_under(old: str) -> list[tuple[type[models.Model], str]]:
    """The registered copies that hold any row under the prefix `old`, asked in one query: a move
    then rewrites only those, instead of one UPDATE per registered table, most of them empty there."""
    copies = registered_copies()
    if not copies:
        return []
    probes, params = [], []
    for i, (model, field) in enumerate(copies):
        table = connection.ops.quote_name(model._meta.db_table)
        path_field = model._meta.get_field(field)
        assert isinstance(path_field, models.Field)
        column = connection.ops.quote_name(str(path_field.column))
        if connection.vendor == "postgresql":
            probes.append(f"SELECT {i} WHERE EXISTS (SELECT 1 FROM {table} WHERE {column} LIKE %s)")  # noqa: S608
            params.append(old + "%")
        else:
            probes.append(f"SELECT {i} WHERE EXISTS (SELECT 1 FROM {table} WHERE {column} >= %s AND {column} < %s)")  # noqa: S608
            params += [old, tree.upper_bound(old)]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(probes), params)
        return [copies[row[0]] for row in cursor.fetchall()]


# Copies of an *employer's* path (a row about one employer: the unions above it see it). A union move
# rewrites them with the prefix like any copy; an employer that changes union alone (an edit, a merge,
# a dissolution) is followed by these two.
_EMPLOYER_COPIES: list[tuple[type[models.Model], str, str]] = []


def register_employer_path_copy(model: type[models.Model], field: str = "org_path",
                                employer_field: str = "employer") -> None:
    if (model, field, employer_field) not in _EMPLOYER_COPIES:
        _EMPLOYER_COPIES.append((model, field, employer_field))


def follow_employer(employer_id: int, new_path: str) -> None:
    for model, field, employer_field in _EMPLOYER_COPIES:
        model._default_manager.filter(**{f"{employer_field}_id": employer_id}).update(**{field: new_path})


def follow_employers_at(old_path: str, new_path: str) -> None:
    """Every employer exactly at `old_path` (a union's own employers) moved to `new_path`."""
    for model, field, _employer_field in _EMPLOYER_COPIES:
        model._default_manager.filter(**{field: old_path}).update(**{field: new_path})
