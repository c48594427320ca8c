"""Every page that shows an aid money figure shows the one number its definition gives
(gonghui/aid/amounts.py), over a small world with a grant in every status and a batch in every state."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from openpyxl import Workbook

from gonghui.aid.amounts import amount_of, approved_unpaid_grants, budget_figures, paid_grants
from gonghui.aid.models import AidGrant
from gonghui.aid.services import (
    bank_result_import,
    batch_cancel,
    batch_create,
    batch_mark_paid,
    batch_submit,
    campaign_create,
    grant_add,
    programme_create,
)
from gonghui.aid.tests.conftest import worker
from gonghui.web.aid.tests.aid_setup import *  # noqa: F403 (the fixtures)
from gonghui.web.aid.tests.aid_setup import GRANTED, approved_batch, text

pytestmark = pytest.mark.django_db


def _batch(world, campaign, title, *people):
    batch = batch_create(actor=world.county_clerk, campaign=campaign, union=world.county, title=title,
                         granted_on=GRANTED)
    for person in people:
        grant_add(actor=world.county_clerk, batch=batch, data=person)
    return batch


@pytest.fixture
def every_status(world, programme, campaign, batch):
    """10,000 budgeted at 700 a head (500 cash, 200 goods): 1,400 paid by hand, 900 paid through the
    bank (one row failed, the goods-only row delivered), 700 approved and waiting, and rows that count
    nowhere (submitted, draft, cancelled, failed)."""
    batch_mark_paid(actor=world.county_clerk, batch=approved_batch(world, batch, worker(), worker()))
    banked = approved_batch(world, _batch(world, campaign, "银行代发"), worker(name="吴六"), worker(name="郑七"),
                            worker(name="王八", cash="0", goods_value="200", goods="棉被"))
    paid_row, failed_row = AidGrant.objects.filter(batch=banked, cash__gt=0).order_by("pk")
    book = Workbook()
    book.active.append(["发放编号", "结果", "失败原因"])
    book.active.append([paid_row.pk, "成功", ""])
    book.active.append([failed_row.pk, "失败", "账户已销户"])
    result = io.BytesIO()
    book.save(result)
    result.seek(0)
    bank_result_import(actor=world.county_clerk, batch=banked, file=result, filename="回盘.xlsx")
    approved_batch(world, _batch(world, campaign, "待发放"), worker())
    batch_submit(actor=world.county_clerk, batch=_batch(world, campaign, "待审批", worker()))
    _batch(world, campaign, "草稿", worker())
    cancelled = approved_batch(world, _batch(world, campaign, "作废", worker()))
    batch_cancel(actor=world.county_admin, batch=cancelled, reason="名单有误")
    programme.refresh_from_db()
    return programme


def _testid(body, name):
    found = re.search(rf'data-testid="{name}"[^>]*>([^<]*)<', body)
    assert found, name
    return found.group(1).strip()


def test_the_definitions_and_the_programme_ledger_agree(every_status):
    grants = AidGrant.objects.filter(programme=every_status)
    ledger = budget_figures(every_status)
    assert amount_of(paid_grants(grants)) == ledger.paid == Decimal("2300.00")
    assert amount_of(approved_unpaid_grants(grants)) == ledger.approved_unpaid == Decimal("700.00")
    assert (ledger.budget, ledger.available, ledger.used_rate) == (Decimal("10000.00"), Decimal("7000.00"),
                                                                   Decimal("23.0"))


def test_every_page_shows_the_same_paid_committed_and_budget(world, login, every_status, campaign):
    client = login("county_admin")
    figures = text(client.get("/aid/figures/?period=year&year=2026"))
    assert _testid(figures, "amount-wan") == "0.23"  # 2,300 元 paid in the year, in 万元
    assert _testid(figures, "used-rate") == "23.0"
    assert _testid(figures, "ledger") == "本级及下级主办项目累计已发放 2,300.00 元 / 预算 10,000.00 元"
    assert "2,300.00" in figures.split('data-testid="programme-figures"')[1]

    listing = text(client.get("/aid/programmes/")).split('data-testid="programme-table"')[1]
    assert _testid(listing, "paid") == "2,300.00" and _testid(listing, "available") == "7,000.00"
    assert "700.00" in listing and "10,000.00" in listing

    detail = text(client.get(f"/aid/programmes/{every_status.pk}/"))
    assert _testid(detail, "paid") == "2,300.00" and _testid(detail, "approved-unpaid") == "700.00"
    assert _testid(detail, "available") == "7,000.00" and "预算使用率 23.0%" in detail

    assert _testid(text(client.get(f"/aid/programmes/campaigns/{campaign.pk}/")), "amount-wan") == "0.23"

    dashboard = text(client.get("/hardship/dashboard/?period=year&year=2026")).split('data-testid="aid-figures"')[1]
    assert "累计已发放 2,300.00 元（23.0%）" in dashboard and ">0.23<" in dashboard


def test_a_county_paying_out_a_programme_run_above_has_no_budget_line_of_its_own(world, login):
    # The province's 送温暖, paid out by the county: the county's figures count the money, not the budget.
    above = programme_create(actor=world.province_officer, union=world.province, kind="winter_warmth", name="送温暖",
                             fund_source="warmth_fund", budget="50000", standard_amount="500",
                             standard_goods_value="200")
    campaign = campaign_create(actor=world.province_officer, programme=above, year=2026,
                               starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 2, 28))
    batch = batch_create(actor=world.county_clerk, campaign=campaign, union=world.county, granted_on=GRANTED)
    batch_mark_paid(actor=world.county_clerk, batch=approved_batch(world, batch, worker(), worker(), worker()))
    figures = text(login("county_admin").get("/aid/figures/?period=year&year=2026"))
    assert _testid(figures, "amount-wan") == "0.21"
    assert 'data-testid="used-rate"><span class="gh-missing">—' in figures
    assert "上级工会主办的项目，预算在主办工会统计" in figures
