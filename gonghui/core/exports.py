"""List exports: what each domain offers to 导出Excel, declared in the domain's own `exports.py`.

A domain registers its exports when its app is ready; the interfaces and the export service find
them here by name. Core imports no domain: an export brings its own row iterator, which reads
through the domain's scoped selectors with the scope the service hands it, so a row outside the
exporter's scope cannot reach a workbook.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from gonghui.core.errors import NotFound


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    MONEY = "money"  # a number with two decimals (0.00), never text, so a sheet can sum it
    PERCENT = "percent"
    DATE = "date"
    DATETIME = "datetime"


@dataclass(frozen=True)
class Column:
    title: Any  # translatable text
    kind: Kind = Kind.TEXT
    width: int = 14


class Typed(NamedTuple):
    """A cell whose kind differs from its column's (a figures table mixing counts and money)."""

    value: Any
    kind: Kind


def col(title: Any, kind: Kind = Kind.TEXT, width: int = 14) -> Column:
    return Column(title=title, kind=kind, width=width)


Filters = Mapping[str, str]
# rows(actor=, scope=, filters=) -> iterable of rows, each a sequence of cell values in column order.
RowsFn = Callable[..., Iterable[Sequence[Any]]]
CountFn = Callable[..., int]


@dataclass(frozen=True)
class ListExport:
    name: str  # "<domain>.<list>": the URL and the audit row carry it
    title: Any  # translatable; the sheet's name and the file's
    # The exporter's scope is their scope for this permission (for any of them, when several).
    permission: str | tuple[str, ...]
    columns: Sequence[Column]
    rows: RowsFn
    # How many rows the filters select, to choose between answering at once and a background job;
    # None for a small fixed table (figures), which is always answered at once.
    count: CountFn | None = None
    # The list page's query parameters this export reads; anything else in the request is ignored.
    params: tuple[str, ...] = ()
    # Parameters holding what a person typed in a search box: masked in the audit row.
    private_params: tuple[str, ...] = ("q",)
    route: str = ""  # the list page (a URL name), for the progress page's way back
    extra: dict[str, Any] = field(default_factory=dict)
    # header(filters=) -> the columns, for a list whose columns follow its filters (a comparison's
    # columns are the chosen topic's terms); `columns` then holds the ones it always has.
    header: Callable[..., Sequence[Column]] | None = None

    def columns_for(self, filters: Filters) -> Sequence[Column]:
        return self.header(filters=filters) if self.header is not None else self.columns


_EXPORTS: dict[str, ListExport] = {}


def register_export(export: ListExport) -> ListExport:
    if export.name in _EXPORTS and _EXPORTS[export.name] != export:
        raise ValueError(f"Two list exports named {export.name!r}.")
    _EXPORTS[export.name] = export
    return export


def list_export(name: str) -> ListExport:
    try:
        return _EXPORTS[name]
    except KeyError:
        raise NotFound() from None


def list_exports() -> list[ListExport]:
    return sorted(_EXPORTS.values(), key=lambda e: e.name)


def choice(value: str, allowed: Iterable[str]) -> str:
    """A filter value the list's own form would accept, else "" (the list shows everything then)."""
    return value if value in set(allowed) else ""


def labels(choices: Any) -> dict[Any, str]:
    # Rendered once per export in the exporter's language, not once per row.
    return {value: str(label) for value, label in choices}
