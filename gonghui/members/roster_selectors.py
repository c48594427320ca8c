"""Reads of the roster imports (集体登记入会) the console needs, each through the caller's scope."""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from gonghui.members.models import RosterImport, RosterImportIssue
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, get_visible, subtree_q


def roster_list(*, scope: Scope, union: TradeUnion) -> QuerySet[RosterImport]:
    """The imports into `union` and the unions below it."""
    return (RosterImport.objects.visible_to(scope).filter(subtree_q("org_path", union.path))
            .select_related("union").order_by("-created_at", "-id"))


def roster_get(*, scope: Scope, pk: Any) -> RosterImport:
    return get_visible(RosterImport.objects.select_related("union"), scope, pk=pk)


def roster_issues(*, roster_import: RosterImport, severity: str = "") -> QuerySet[RosterImportIssue]:
    issues = roster_import.issues.order_by("row", "id").defer("raw")
    return issues.filter(severity=severity) if severity else issues


def roster_error_rows(*, roster_import: RosterImport) -> Iterator[tuple[int, dict[str, str], list[str]]]:
    """Each row kept out by an error: its number, its cells by field, and every reason, streamed in row order."""
    current: tuple[int, dict[str, str], list[str]] | None = None
    errors = (roster_import.issues.filter(severity=RosterImportIssue.Severity.ERROR).order_by("row", "id")
              .only("row", "raw", "message_zh", "message_en"))
    for item in errors.iterator(chunk_size=2000):
        if current is None or current[0] != item.row:
            if current is not None:
                yield current
            current = (item.row, item.raw, [])
        current[2].append(item.message)
    if current is not None:
        yield current
