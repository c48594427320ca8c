"""Deciding many at once: the 入会审核 queue (approve, or reject with one reason) and the transfer
boxes (accept what was released to us, release what was asked of us).

Each item goes through the single-decision service, in its own transaction: every valid one is
decided, each that cannot be (already decided, out of scope, already a member) comes back with its
reason, and nothing is half-written within one item. The call itself is not wrapped in a
transaction on purpose (docs/decisions.md "Bulk review decides each item on its own"): one stale
row must not undo a hundred good decisions, and the audit chain's head row is not held for the
whole batch. Every decision is audited, and the worker texted, exactly as a single one is.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.members.models import UNCONFIRMED, JoinApplication, Transfer
from gonghui.members.services import applications, transfers
from gonghui.orgs.scope import scope_for

# One submit decides at most this many: a page of the queue is 50, a cadre's selection across a
# morning's work rarely passes 100, and 200 decisions (each with its audit rows) stay well inside a
# request's time. More is refused, not cut, so nothing is silently left out.
BULK_MAX = 200


@dataclass(frozen=True)
class Undecided:
    pk: int
    # Empty when the row is missing or outside what the cadre may see: its name is not theirs to learn.
    name: str
    message: Any
    code: str


@dataclass
class BulkOutcome:
    decided: list[tuple[int, str]] = field(default_factory=list)
    undecided: list[Undecided] = field(default_factory=list)
    # Approved applicants who were members elsewhere: their approval became a transfer request.
    transfers: int = 0


def _selection(ids: Iterable[Any], none_selected: Any) -> list[int]:
    try:
        chosen = list(dict.fromkeys(int(i) for i in ids))
    except (TypeError, ValueError):
        raise ValidationFailed(_("所选记录无效，请刷新后重新勾选。"), field="ids") from None
    if not chosen:
        raise ValidationFailed(none_selected, field="ids", code="none_selected")
    if len(chosen) > BULK_MAX:
        raise ValidationFailed(msg(_("一次最多处理%(n)d份，您勾选了%(m)d份，请分批提交。"),
                                   {"n": BULK_MAX, "m": len(chosen)}), field="ids", code="too_many")
    return chosen


def _each(ids: list[int], rows: dict[int, Any], name_of: Callable[[Any], str],
          decide: Callable[[Any], Any]) -> BulkOutcome:
    outcome = BulkOutcome()
    for pk in ids:
        row = rows.get(pk)
        if row is None:
            outcome.undecided.append(Undecided(pk, "", NotFound.default_message(), NotFound.code))
            continue
        try:
            result = decide(row)
        except DomainError as exc:
            outcome.undecided.append(Undecided(pk, name_of(row), exc.message, exc.code))
            continue
        outcome.decided.append((pk, name_of(row)))
        if isinstance(result, Transfer):
            outcome.transfers += 1
    return outcome


def _applications(actor: Any, ids: Iterable[Any]) -> tuple[list[int], dict[int, JoinApplication]]:
    if scope_for(actor, Perm.MEMBER_REVIEW).is_empty:
        raise PermissionDenied()
    chosen = _selection(ids, _("请至少勾选一份入会申请。"))
    # Loaded as the single decision loads them: a row the cadre cannot see is reported as missing.
    visible = JoinApplication.objects.visible_to(scope_for(actor, Perm.MEMBER_VIEW)).select_related("union")
    return chosen, visible.in_bulk(chosen)


def applications_bulk_approve(*, actor: Any, ids: Iterable[Any]) -> BulkOutcome:
    chosen, rows = _applications(actor, ids)
    return _each(chosen, rows, lambda a: a.name,
                 lambda a: applications.application_approve(actor=actor, application=a))


def applications_bulk_reject(*, actor: Any, ids: Iterable[Any], reason: str) -> BulkOutcome:
    # The reason is checked before any row, so a missing one refuses the whole submit, not each row.
    if not normalize_text(reason):
        raise ValidationFailed(_("请填写不通过的原因，申请人会看到它。"), field="reason")
    chosen, rows = _applications(actor, ids)
    return _each(chosen, rows, lambda a: a.name,
                 lambda a: applications.application_reject(actor=actor, application=a, reason=reason))


def _transfer_name(transfer: Transfer) -> str:
    # Until the worker agrees, the asking union learns no name (docs/decisions.md "Transfers start
    # with the worker"); the row is named by its number instead.
    if transfer.status in UNCONFIRMED:
        return str(msg(_("接转申请 %(pk)d"), {"pk": transfer.pk}))
    return transfer.member.name


def _transfers(actor: Any, ids: Iterable[Any]) -> tuple[list[int], dict[int, Transfer]]:
    if scope_for(actor, Perm.MEMBER_EDIT).is_empty:
        raise PermissionDenied()
    chosen = _selection(ids, _("请至少勾选一笔会籍接转。"))
    visible = Transfer.objects.visible_to(scope_for(actor, Perm.MEMBER_VIEW)).select_related(
        "member", "from_union", "to_union")
    return chosen, visible.in_bulk(chosen)


def transfers_bulk_accept(*, actor: Any, ids: Iterable[Any]) -> BulkOutcome:
    """The receiving union takes in every selected member the sending union has released."""
    chosen, rows = _transfers(actor, ids)
    return _each(chosen, rows, _transfer_name, lambda t: transfers.transfer_accept(actor=actor, transfer=t))


def transfers_bulk_release(*, actor: Any, ids: Iterable[Any], note: str = "") -> BulkOutcome:
    """The sending union lets every selected member go (each request confirmed by the worker)."""
    chosen, rows = _transfers(actor, ids)
    return _each(chosen, rows, _transfer_name,
                 lambda t: transfers.transfer_release(actor=actor, transfer=t, note=note))
