"""The busiest small reads compiled to SQL once per process, not on every request.

On the portal's pages a one-row read by index costs about 0.1 ms in PostgreSQL and over 0.5 ms in
Django building and compiling the queryset (the home page's membership, application and transfer:
1.7 ms of compiling, 1.2 ms in the database). A `CompiledRead` builds its queryset from placeholders,
keeps the SQL, and afterwards only fills in the values. A builder may return several `values_list`
querysets, ordered and limited as each likes: they are read in one statement, each wrapped as
`SELECT * FROM (...)` under UNION ALL (Django's own `union()` refuses ordered or sliced branches on
SQLite); they must give the same number of columns, the first saying which branch a row came from.
Rows come back as the database gives them (a `values_list` without Django's conversions), so it suits
plain columns: ids, codes, names, statuses, dates compared among themselves. A read of one queryset may
ask for the fields' conversions (`converted=True`): datetimes, decimals, sealed columns come back as the
ORM would give them (SQLite returns a datetime as text).

The builder must depend on its arguments alone. It is compiled twice with different placeholders and
refused if anything else in the SQL or its parameters differs (the clock, a setting read per call), and
a placeholder Django transformed on the way (a `startswith` pattern) is refused as well: such a read
would silently keep its first values.
"""

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Model, QuerySet

Value = str | int
Argument = Value | Sequence[Value]
Builder = Callable[..., QuerySet[Any] | Sequence[QuerySet[Any]]]


def _placeholder(kind: type, name: str, number: int, position: int, attempt: int) -> Value:
    if kind is int:
        # Within a small integer column's range (a larger one compiles to "no rows"); should a constant of
        # the query happen to equal one, the two compilations disagree and the read is refused.
        return 20_011 + attempt * 1_000 + number * 100 + position
    return f"@@compiled:{name}:{position}:{attempt}@@"


@dataclass(frozen=True)
class _Compiled:
    sql: str
    slots: list[Any]
    model: type[Model]
    compiler: Any = None  # kept for its fields' converters when the read is converted
    converters: Any = None


class CompiledRead:
    def __init__(self, build: Builder, *, converted: bool = False) -> None:
        self._build = build
        self._converted = converted
        self._compiled: dict[tuple[Any, ...], _Compiled] = {}
        self._lock = threading.Lock()

    def rows(self, **arguments: Argument) -> list[tuple[Any, ...]]:
        """Up to 9 arguments, lists of fewer than 100 values: what a one-row read by index takes."""
        shape = tuple(sorted((name, _shape_of(value)) for name, value in arguments.items()))
        if len(shape) > 9 or any(length is not None and not 0 < length < 100 for _, (_, length) in shape):
            # An empty list has no SQL of its own (Django answers "no rows" without asking): the caller
            # knows what nothing means for its read.
            raise ValueError("a compiled read takes up to 9 arguments, lists of 1 to 99 values")
        found = self._compiled.get(shape)
        if found is None:
            with self._lock:
                found = self._compiled.get(shape) or self._compile(shape)
                self._compiled[shape] = found
        params = [_fill(slot, arguments) for slot in found.slots]
        with connections[router.db_for_read(found.model)].cursor() as cursor:
            cursor.execute(found.sql, params)
            rows = list(cursor.fetchall())
        if found.converters and rows:
            # The converters take the connection only for its backend's operations: one vendor for the
            # primary and its replica.
            rows = [tuple(row) for row in found.compiler.apply_converters(rows, found.converters)]
        return rows

    def _compile(self, shape: tuple[Any, ...]) -> _Compiled:
        attempts = []
        for attempt in (0, 1):
            arguments: dict[str, Argument] = {}
            where: dict[Value, tuple[str, int | None]] = {}
            for number, (name, (kind, length)) in enumerate(shape):
                if length is None:
                    one = _placeholder(kind, name, number, 0, attempt)
                    arguments[name], where[one] = one, (name, None)
                else:
                    values = [_placeholder(kind, name, number, i, attempt) for i in range(length)]
                    arguments[name] = values
                    where.update({v: (name, i) for i, v in enumerate(values)})
            built = self._build(**arguments)
            branches = [built] if isinstance(built, QuerySet) else list(built)
            compiler = converters = None
            if self._converted:
                if len(branches) != 1:
                    raise ImproperlyConfigured(f"{self._build.__name__}: only a read of one queryset is converted")
                compiler = branches[0].query.get_compiler(DEFAULT_DB_ALIAS)
                sql, params = compiler.as_sql()
                converters = compiler.get_converters([s[0] for s in compiler.select[:compiler.col_count]])
            else:
                sql, params = _union_sql(branches)
            slots = [("argument", *where[p]) if _plain(p) and p in where else ("constant", p) for p in params]
            missing = set(where) - {p for p in params if _plain(p)}
            if missing:
                raise ImproperlyConfigured(f"{self._build.__name__}: an argument did not reach the SQL as given")
            attempts.append(_Compiled(sql, slots, branches[0].model, compiler, converters))
        if attempts[0].sql != attempts[1].sql or attempts[0].slots != attempts[1].slots:
            raise ImproperlyConfigured(f"{self._build.__name__}: the SQL depends on more than its arguments")
        return attempts[0]


def _union_sql(branches: list[QuerySet[Any]]) -> tuple[str, list[Any]]:
    parts: list[str] = []
    params: list[Any] = []
    for number, branch in enumerate(branches):
        sql, branch_params = branch.query.sql_with_params()
        # The ORM's own SQL with its parameters kept apart: nothing typed by anyone is pasted in.
        parts.append(sql if len(branches) == 1 else f"SELECT * FROM ({sql}) AS branch{number}")  # noqa: S608
        params.extend(branch_params)
    return " UNION ALL ".join(parts), params


def _kind(value: Value) -> type:
    return str if isinstance(value, str) else int  # a str or int subclass (a choice) compiles like its base


def _shape_of(value: Argument) -> tuple[type, int | None]:
    if isinstance(value, str | int):
        return (_kind(value), None)
    kinds = {_kind(v) for v in value}
    return (kinds.pop() if len(kinds) == 1 else str, len(value))


def _plain(value: Any) -> bool:
    """A parameter a placeholder could be (others, such as dates, are never looked up)."""
    return isinstance(value, str | int)


def _fill(slot: tuple[Any, ...], arguments: dict[str, Argument]) -> Any:
    if slot[0] == "constant":
        return slot[1]
    _, name, position = slot
    value = arguments[name]
    return value if position is None else value[position]  # type: ignore[index]
