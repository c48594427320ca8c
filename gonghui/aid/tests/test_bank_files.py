"""The payment list for the bank (.xlsx) and the bank's result coming back (.xlsx or .csv)."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from gonghui.aid.choices import BatchStatus, GrantStatus
from gonghui.aid.errors import BankFileInvalid
from gonghui.aid.models import AidGrant
from gonghui.aid.services import bank_export, bank_result_import, batch_approve, batch_submit, grant_add
from gonghui.aid.tests.conftest import worker
from gonghui.core.audit_models import AuditEntry


@pytest.fixture
def approved(world, batch):
    grant_add(actor=world.county_clerk, batch=batch,
              data=worker(name="=HYPERLINK(\"x\")", payee_account="6222021234567890123"))
    grant_add(actor=world.county_clerk, batch=batch, data=worker(name="吴六", payee_account="6217000011112222"))
    grant_add(actor=world.county_clerk, batch=batch, data=worker(name="郑七", cash="0", goods="棉被"))
    batch_submit(actor=world.county_clerk, batch=batch)
    return batch_approve(actor=world.county_admin, batch=batch)


def read(buffer: io.BytesIO) -> list[tuple]:
    buffer.seek(0)
    return list(load_workbook(buffer).active.iter_rows(values_only=True))


def result_file(rows: list[list], header=("发放编号", "户名", "金额（元）", "结果", "失败原因")) -> io.BytesIO:
    book = Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def cash_grants(batch):
    return list(AidGrant.objects.filter(batch=batch, cash__gt=0).order_by("pk"))


@pytest.mark.django_db
def test_the_payment_list_opens_with_the_cash_rows_and_masked_accounts(world, approved):
    out = io.BytesIO()
    result = bank_export(actor=world.county_clerk, batch=approved, out=out)
    rows = read(out)
    assert rows[0][:4] == ("发放编号", "户名", "银行账号", "金额（元）")
    assert result.rows == 2 and not result.full and result.total == Decimal("1000.00")
    grants = cash_grants(approved)
    assert [r[0] for r in rows[1:]] == [g.pk for g in grants]
    assert rows[2][2] == "6217********2222" and rows[2][3] == 500
    # A name that reads like a formula goes out as text, never as a formula.
    assert rows[1][1] == '=HYPERLINK("x")'
    out.seek(0)
    assert all(cell.data_type != "f" for r in load_workbook(out).active.iter_rows() for cell in r)
    entry = AuditEntry.objects.get(action="aid.batch.bank_export")
    assert entry.detail["rows"] == 2 and entry.detail["full"] is False


@pytest.mark.django_db
def test_someone_who_may_reveal_gets_full_accounts(world, approved):
    out = io.BytesIO()
    assert bank_export(actor=world.county_admin, batch=approved, out=out).full
    assert read(out)[2][2] == "6217000011112222"


@pytest.mark.django_db
def test_the_result_with_paid_and_failed_rows_leaves_the_batch_partly_paid(world, approved, programme):
    first, second = cash_grants(approved)
    file = result_file([[first.pk, "x", 500, "成功", ""], [second.pk, "吴六", "500.00", "失败", "账户已销户"]])
    result = bank_result_import(actor=world.county_clerk, batch=approved, file=file, filename="回盘.xlsx")
    assert (result.paid, result.failed, result.status) == (1, 1, BatchStatus.PARTLY_PAID)
    second.refresh_from_db()
    assert second.status == GrantStatus.FAILED and second.failure_reason == "账户已销户"
    goods_only = AidGrant.objects.get(batch=approved, cash=0)
    assert goods_only.status == GrantStatus.PAID  # delivered with the batch once its cash rows settled
    programme.refresh_from_db()
    # 1,600 approved (700 + 700 + 200 of goods); the failed row's 700 goes back; the rest is paid
    assert (programme.committed, programme.paid) == (Decimal("900.00"), Decimal("900.00"))


@pytest.mark.django_db
def test_a_gbk_csv_result_with_every_row_paid_closes_the_batch(world, approved):
    first, second = cash_grants(approved)
    text = f"编号,结果,备注\r\n{first.pk},交易成功,\r\n{second.pk},成功,\r\n"
    file = io.BytesIO(text.encode("gbk"))
    result = bank_result_import(actor=world.county_clerk, batch=approved, file=file, filename="result.csv")
    assert result.status == BatchStatus.PAID and approved.status == BatchStatus.PAID


@pytest.mark.django_db
def test_a_result_with_bad_rows_names_each_row_in_both_languages_and_applies_nothing(world, approved, batch):
    first, second = cash_grants(approved)
    file = result_file([
        [first.pk, "x", 500, "成功", ""],
        ["abc", "", "", "成功", ""],
        [second.pk, "", "", "失败", ""],
        [first.pk, "", "", "成功", ""],
        [999999, "", "", "成功", ""],
        [second.pk + 1, "", 1, "成功", ""],
    ])
    with pytest.raises(BankFileInvalid) as refused:
        bank_result_import(actor=world.county_clerk, batch=approved, file=file, filename="回盘.xlsx")
    errors = refused.value.errors
    assert [e["row"] for e in errors] == [3, 4, 5, 6, 7]
    assert all("第" in e["message_zh"] and e["message_en"] for e in errors) and "第3行" in errors[0]["message_zh"]
    assert not AidGrant.objects.filter(batch=batch, status__in=[GrantStatus.PAID, GrantStatus.FAILED]).exists()


@pytest.mark.django_db
def test_a_wrong_amount_or_a_file_without_our_columns_is_refused(world, approved):
    first, _second = cash_grants(approved)
    with pytest.raises(BankFileInvalid) as amount:
        bank_result_import(actor=world.county_clerk, batch=approved,
                           file=result_file([[first.pk, "x", 5000, "成功", ""]]), filename="r.xlsx")
    assert amount.value.errors[0]["field"] == "amount"
    assert "金额5,000.00元与发放金额" in amount.value.errors[0]["message_zh"]
    with pytest.raises(BankFileInvalid) as header:
        bank_result_import(actor=world.county_clerk, batch=approved,
                           file=result_file([[1, 2]], header=("序号", "姓名")), filename="r.xlsx")
    assert header.value.errors[0]["field"] == "header"
    with pytest.raises(BankFileInvalid):
        bank_result_import(actor=world.county_clerk, batch=approved, file=io.BytesIO(b"not a workbook"),
                           filename="r.xlsx")
