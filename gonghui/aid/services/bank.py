"""The bank's two files: the payment list going out (.xlsx) and the bank's result coming back.

The list carries each grant's number, so the result is matched by number, never by name. The
account goes out in full only to someone who may reveal the registry's sensitive data over the
batch's union (HARDSHIP_REVEAL); otherwise masked, as on screen. Every cell a spreadsheet could
take for a formula is written as text (core.sheets_out). The export is audited like any export of
personal data.

The result (.xlsx or .csv, as banks send it) is read and judged whole first: every wrong row is
named by its row number, in Chinese and English, and nothing is applied unless every row is
right (ARCHITECTURE §7). Then, in one transaction: paid rows paid, failed rows failed with the
bank's reason (their place in the cycle freed and their amount given back to the budget), and the
batch paid or partly paid once no cash row is pending. Goods-only rows never go to the bank; they
count as delivered with the batch once its cash rows are settled.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from gonghui.aid.choices import BatchAction, GrantStatus
from gonghui.aid.cleaning import clean_money
from gonghui.aid.errors import BankFileInvalid
from gonghui.aid.models import AidBatch, AidGrant, AidProgramme
from gonghui.aid.registry import mark_households_aided
from gonghui.aid.services.approval import CONCURRENT_CHANGE, batch_close_after_result, lock_batch
from gonghui.aid.services.common import record_batch_event, require_any
from gonghui.aid.workflow import check_action
from gonghui.core.audit import audit_record
from gonghui.core.errors import Conflict, ValidationFailed, msg
from gonghui.core.idnumbers import parse_date
from gonghui.core.money import yuan
from gonghui.core.permissions import Perm
from gonghui.core.sheets_out import append, new_workbook
from gonghui.core.tabular import open_table
from gonghui.core.text import normalize_text
from gonghui.orgs.scope import scope_for
from gonghui.orgs.services.common import audit_actor

EXPORT_COLUMNS = [_("发放编号"), _("户名"), _("银行账号"), _("金额（元）"), _("姓名"), _("证件号码"), _("摘要")]

# Titles a bank's result may use for each column (ours, and the usual ones of bank systems).
RESULT_TITLES = {
    "grant": {"发放编号", "编号", "流水号", "grant id", "grant", "id", "number"},
    "result": {"结果", "处理结果", "状态", "交易状态", "result", "status"},
    "reason": {"失败原因", "原因", "备注", "reason", "failure reason"},
    "paid_on": {"到账日期", "交易日期", "日期", "paid on", "date"},
    "amount": {"金额", "金额（元）", "金额(元)", "交易金额", "amount"},
}
PAID_WORDS = {"成功", "已发放", "已到账", "交易成功", "success", "succeeded", "paid", "ok"}
FAILED_WORDS = {"失败", "交易失败", "退回", "退票", "failed", "failure", "fail", "returned"}


@dataclass(frozen=True)
class BankExport:
    rows: int
    full: bool
    total: Decimal


def bank_export(*, actor: Any, batch: AidBatch, out: IO[bytes]) -> BankExport:
    require_any(actor, (Perm.AID_DISBURSE,), batch.org_path)
    check_action(batch.status, BatchAction.BANK_RESULT)  # only an approved batch goes to the bank
    full = scope_for(actor, Perm.HARDSHIP_REVEAL).covers(batch.org_path)
    workbook = new_workbook()
    sheet = workbook.create_sheet(str(_("代发清单")))
    append(sheet, [str(c) for c in EXPORT_COLUMNS])
    rows, total = 0, Decimal(0)
    memo = f"{batch.campaign.name}"[:30]
    grants = AidGrant.objects.filter(batch=batch, status=GrantStatus.PENDING, cash__gt=0).order_by("pk")
    for g in grants.iterator(chunk_size=5000):
        account = g.payee_account if full else g.payee_account_masked
        append(sheet, [g.pk, g.payee_name, account, g.cash, g.name, g.id_masked, memo])
        rows += 1
        total += g.cash
    workbook.save(out)
    audit_record(actor=audit_actor(actor), action="aid.batch.bank_export", obj=batch, org_path=batch.org_path,
                 detail={"rows": rows, "full": full, "total": str(total)})
    return BankExport(rows=rows, full=full, total=total)


@dataclass(frozen=True)
class BankResult:
    paid: int
    failed: int
    status: str


def _row_error(row: int, message: Any, field: str) -> dict[str, Any]:
    with translation.override("zh-hans"):
        zh = str(message)
    with translation.override("en"):
        en = str(message)
    return {"row": row, "field": field, "message": str(message), "message_zh": zh, "message_en": en}


def _header(cells: list[Any]) -> dict[str, int] | None:
    titles = [normalize_text(c).lower() for c in cells]
    found = {key: i for key, names in RESULT_TITLES.items() for i, t in enumerate(titles) if t in names}
    return found if {"grant", "result"} <= set(found) else None


@dataclass
class _Outcome:
    grant_id: int
    paid: bool
    reason: str
    paid_on: datetime.date | None
    row: int


def _read_result(file: IO[bytes], filename: str, batch: AidBatch) -> list[_Outcome]:
    errors: list[dict[str, Any]] = []
    outcomes: list[_Outcome] = []
    columns: dict[str, int] | None = None
    pending = dict(AidGrant.objects.filter(batch=batch, status=GrantStatus.PENDING).values_list("pk", "cash"))
    seen: dict[int, int] = {}
    try:
        table = open_table(file, filename)
        for number, cells in table.rows:
            if not any(normalize_text(c) for c in cells):
                continue
            if columns is None:
                columns = _header(cells)
                if columns is None:
                    errors.append(_row_error(number, _("未找到“发放编号”和“结果”两列标题。"), "header"))
                    break
                continue
            outcome = _judge(number, cells, columns, pending, seen, errors)
            if outcome is not None:
                outcomes.append(outcome)
    except ValidationFailed as exc:
        errors.append(_row_error(0, exc.message, "file"))
    if columns is None and not errors:
        errors.append(_row_error(0, _("文件中没有数据。"), "file"))
    if errors:
        raise BankFileInvalid(errors)
    return outcomes


def _cell(cells: list[Any], columns: dict[str, int], key: str) -> Any:
    i = columns.get(key)
    return cells[i] if i is not None and i < len(cells) else None


def _judge(number: int, cells: list[Any], columns: dict[str, int], pending: dict[int, Decimal],
           seen: dict[int, int], errors: list[dict[str, Any]]) -> _Outcome | None:
    raw_id = normalize_text(_cell(cells, columns, "grant")).removesuffix(".0")
    if not raw_id.isdigit():
        errors.append(_row_error(number, msg(_("第%(row)d行：发放编号“%(value)s”无效。"),
                                              {"row": number, "value": raw_id[:20]}), "grant"))
        return None
    grant_id = int(raw_id)
    if grant_id in seen:
        errors.append(_row_error(number, msg(_("第%(row)d行：发放编号%(id)d与第%(first)d行重复。"),
                                              {"row": number, "id": grant_id, "first": seen[grant_id]}), "grant"))
        return None
    seen[grant_id] = number
    if grant_id not in pending:
        errors.append(_row_error(number, msg(_("第%(row)d行：发放编号%(id)d不是本批次待发放的记录。"),
                                              {"row": number, "id": grant_id}), "grant"))
        return None
    word = normalize_text(_cell(cells, columns, "result")).lower()
    if word not in PAID_WORDS and word not in FAILED_WORDS:
        errors.append(_row_error(number, msg(_("第%(row)d行：结果“%(value)s”无法识别，应为“成功”或“失败”。"),
                                              {"row": number, "value": word[:20]}), "result"))
        return None
    paid = word in PAID_WORDS
    reason = normalize_text(_cell(cells, columns, "reason"))[:200]
    if not paid and not reason:
        errors.append(_row_error(number, msg(_("第%(row)d行：发放失败的记录请填写失败原因。"), {"row": number}),
                                 "reason"))
        return None
    try:
        amount = _cell(cells, columns, "amount")
        got = clean_money(amount, field="cash") if amount not in (None, "") else None
        if got is not None and got != pending[grant_id]:
            errors.append(_row_error(number, msg(_("第%(row)d行：金额%(got)s元与发放金额%(want)s元不一致。"),
                                                  {"row": number, "got": yuan(got), "want": yuan(pending[grant_id])}),
                                     "amount"))
            return None
        raw_date = _cell(cells, columns, "paid_on")
        paid_on = parse_date(raw_date, field="paid_on") if paid and raw_date not in (None, "") else None
    except ValidationFailed as exc:
        errors.append(_row_error(number, msg(_("第%(row)d行：%(why)s"), {"row": number, "why": exc.message}),
                                 exc.field or ""))
        return None
    return _Outcome(grant_id, paid, "" if paid else reason, paid_on, number)


def bank_result_import(*, actor: Any, batch: AidBatch, file: IO[bytes], filename: str) -> BankResult:
    require_any(actor, (Perm.AID_DISBURSE,), batch.org_path)
    check_action(batch.status, BatchAction.BANK_RESULT)
    outcomes = _read_result(file, filename, batch)
    with transaction.atomic():
        locked = lock_batch(batch, programme_too=True)
        if locked.status != batch.status:
            raise Conflict(CONCURRENT_CHANGE, code="concurrent_change", field="version")
        paid_amount, failed_amount = _apply(locked, outcomes)
        left, delivered = batch_close_after_result_goods(locked)
        AidProgramme.objects.filter(pk=locked.programme_id).update(
            paid=F("paid") + paid_amount + left, committed=F("committed") - failed_amount, version=F("version") + 1)
        status = batch_close_after_result(locked) or locked.status
        values: dict[str, Any] = {"committed": F("committed") - failed_amount, "version": F("version") + 1,
                                  "status": status}
        if status != locked.status:
            values["paid_at"] = timezone.now()
        AidBatch.objects.filter(pk=locked.pk).update(**values)
        mark_households_aided(actor=actor, batch=locked,
                              grant_ids=[o.grant_id for o in outcomes if o.paid] + delivered)
        paid = sum(1 for o in outcomes if o.paid)
        record_batch_event(actor=actor, batch=locked, action=BatchAction.BANK_RESULT, old_status=locked.status,
                           new_status=status, detail={"paid": paid, "failed": len(outcomes) - paid,
                                                      "paid_amount": str(paid_amount),
                                                      "failed_amount": str(failed_amount)})
    batch.refresh_from_db()
    return BankResult(paid=paid, failed=len(outcomes) - paid, status=status)


def _apply(batch: AidBatch, outcomes: list[_Outcome]) -> tuple[Decimal, Decimal]:
    """Write the outcomes by compare-and-set on pending; the sums are of what changed, to the fen."""
    by_date: dict[datetime.date, list[int]] = defaultdict(list)
    failed: dict[str, list[int]] = defaultdict(list)
    for o in outcomes:
        if o.paid:
            by_date[o.paid_on or batch.granted_on].append(o.grant_id)
        else:
            failed[o.reason].append(o.grant_id)
    ids = [o.grant_id for o in outcomes]
    amounts = {pk: cash + goods for pk, cash, goods in AidGrant.objects.filter(
        pk__in=ids, batch=batch, status=GrantStatus.PENDING).values_list("pk", "cash", "goods_value")}
    if len(amounts) != len(ids):
        raise Conflict(CONCURRENT_CHANGE, code="concurrent_change", field="version")
    for day, grant_ids in by_date.items():
        AidGrant.objects.filter(pk__in=grant_ids, status=GrantStatus.PENDING).update(status=GrantStatus.PAID,
                                                                                    paid_on=day)
    for reason, grant_ids in failed.items():
        AidGrant.objects.filter(pk__in=grant_ids, status=GrantStatus.PENDING).update(status=GrantStatus.FAILED,
                                                                                    failure_reason=reason)
    paid_amount = sum((amounts[o.grant_id] for o in outcomes if o.paid), Decimal(0))
    failed_amount = sum((amounts[o.grant_id] for o in outcomes if not o.paid), Decimal(0))
    return paid_amount, failed_amount


def batch_close_after_result_goods(batch: AidBatch) -> tuple[Decimal, list[int]]:
    """Once no cash row is pending, the goods-only rows count as delivered: their value and ids."""
    pending = AidGrant.objects.filter(batch=batch, status=GrantStatus.PENDING)
    if pending.filter(cash__gt=0).exists():
        return Decimal(0), []
    goods = list(pending.values_list("pk", "goods_value"))
    pending.update(status=GrantStatus.PAID, paid_on=batch.granted_on)
    return sum((v for _pk, v in goods), Decimal(0)), [pk for pk, _v in goods]
