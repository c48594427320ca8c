"""The aid console's batches: creation, the registry selection and hand-added workers, removal and
adjustment, submission and approval by a second person, cancel, mark paid, the bank's files."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from gonghui.aid.models import AidBatch, AidGrant
from gonghui.aid.services import batch_approve, batch_create, batch_submit, campaign_create, grant_add, programme_create
from gonghui.aid.services.files import batch_add_files
from gonghui.aid.tests.conftest import make_file, worker
from gonghui.testing.world import make_person_id
from gonghui.web.aid.tests.aid_setup import *  # noqa: F403 (the fixtures)
from gonghui.web.aid.tests.aid_setup import GRANTED, act, approved_batch, queries_of, text

pytestmark = pytest.mark.django_db


# A batch from creation to the bank


def test_a_clerk_creates_a_batch_under_a_campaign(world, login, campaign):
    client = login("county_clerk")
    form = client.get(f"/aid/batches/new/?campaign={campaign.pk}")
    assert form.status_code == 200 and "2026年送温暖" in text(form)
    response = client.post("/aid/batches/new/", {"campaign": campaign.pk, "union": world.county.pk,
                                                 "title": "", "granted_on": "2026-01-15"})
    batch = AidBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/aid/batches/{batch.pk}/"
    page = client.get(response["Location"])
    assert "2026年送温暖（成都市锦江区总工会）" in text(page) and 'data-testid="do-select"' in text(page)


def test_selecting_from_the_registry_sets_aside_a_household_aided_elsewhere(world, login, programme, campaign,
                                                                              batch):
    make_file(world.grassroots, name="钱二")
    number = make_person_id()
    make_file(world.county, name="孙三", id_number=number)
    # 孙三 was already aided this cycle by a batch of the grassroots union (inside the clerk's view).
    other = batch_create(actor=world.county_clerk, campaign=campaign, union=world.grassroots, title="基层先发",
                         granted_on=GRANTED)
    grant_add(actor=world.county_clerk, batch=other, data=worker(name="孙三", id_number=number))
    client = login("county_clerk")
    response = act(client, batch, "select")
    assert response.status_code == 302
    page = text(client.get(response["Location"]))
    assert "已从困难职工档案选入1户，另有1户未选入" in page
    assert 'data-testid="set-aside"' in page and "孙三" in page and "基层先发" in page
    assert AidGrant.objects.filter(batch=batch).count() == 1


def test_households_in_file_are_found_and_added_one_by_one(world, login, county2_admin, batch):
    qian = make_file(world.grassroots, name="钱二")
    make_file(world.county2, name="钱外")
    client = login("county_clerk")
    picker = text(client.get(f"/aid/batches/{batch.pk}/files/?q=钱"))
    assert "钱二" in picker and "钱外" not in picker and "示例科技有限公司工会委员会" in picker
    assert 'data-testid="do-add_files"' in text(client.get(f"/aid/batches/{batch.pk}/"))
    response = act(client, batch, "add_files", files=[qian.pk])
    assert response.status_code == 302 and AidGrant.objects.get().hardship_file == qian
    page = text(client.get(response["Location"]))
    assert "已添加1户。" in page and f'href="/hardship/{qian.pk}/"' in page
    assert "本批次可发放的在档户均已列入。" in text(client.get(f"/aid/batches/{batch.pk}/files/"))
    refused = act(client, batch, "add_files", files=[999999], follow=True)
    assert "所选档案不在本批次可发放的范围内" in text(refused)
    assert login("aid_county2_admin").get(f"/aid/batches/{batch.pk}/files/").status_code == 404


def test_a_worker_added_by_hand_and_a_duplicate_names_the_earlier_grant(world, login, campaign, batch):
    client = login("county_clerk")
    person = worker(name="赵大勇", payee_account="6222 0212 3456 7890")
    response = act(client, batch, "add", **{k: v for k, v in person.items()})
    assert response.status_code == 302
    page = text(client.get(f"/aid/batches/{batch.pk}/"))
    assert "赵大勇" in page and "6222********7890" in page and person["id_number"] not in page
    second = batch_create(actor=world.county_clerk, campaign=campaign, union=world.county, granted_on=GRANTED)
    refused = act(client, second, "add", **person)
    body = text(refused)
    assert refused.status_code == 400 and "本周期已领取过该项目" in body and "春节慰问第一批" in body


def test_a_duplicate_from_a_union_out_of_sight_tells_neither_union_nor_date(world, login, county2_admin):
    province_programme = programme_create(actor=world.province_officer, union=world.province, kind="summer_cooling",
                                          name="夏送清凉", fund_source="union_funds", budget="5000",
                                          standard_goods_value="50")
    summer = campaign_create(actor=world.province_officer, programme=province_programme, year=2026,
                             starts_on=datetime.date(2026, 7, 1), ends_on=datetime.date(2026, 8, 31))
    person = worker(name="周八")
    theirs = batch_create(actor=world.county_clerk, campaign=summer, union=world.county, granted_on=GRANTED)
    grant_add(actor=world.county_clerk, batch=theirs, data=person)
    mine = batch_create(actor=county2_admin, campaign=summer, union=world.county2, granted_on=GRANTED)
    page = act(login("aid_county2_admin"), mine, "add", **person)
    body = text(page)
    assert page.status_code == 400 and "周八已在本周期内领取过该项目，不能重复发放" in body and "另一工会" not in body
    assert "成都市锦江区总工会" not in body.split('data-testid="actions"')[1]


def test_bad_worker_input_names_each_field(world, login, batch):
    page = act(login("county_clerk"), batch, "add", name="", id_number="110101", phone="", cash="-5",
               group="outdoor")
    body = text(page)
    assert page.status_code == 400
    assert "请填写姓名。" in body and "现金应在0至1,000,000.00元之间。" in body and "110101" in body
    assert not AidGrant.objects.exists()


def test_rows_are_removed_and_adjusted_on_a_draft(world, login, batch):
    a = grant_add(actor=world.county_clerk, batch=batch, data=worker(name="甲"))
    b = grant_add(actor=world.county_clerk, batch=batch, data=worker(name="乙"))
    client = login("county_clerk")
    assert act(client, batch, "remove", grants=[a.pk], reason="已由单位慰问").status_code == 302
    a.refresh_from_db()
    assert a.status == "cancelled" and a.failure_reason == "已由单位慰问"
    form = client.get(f"/aid/batches/grants/{b.pk}/edit/")
    assert form.status_code == 200 and 'value="500.00"' in text(form)
    bad = client.post(f"/aid/batches/grants/{b.pk}/edit/", {"cash": "12.345", "goods_value": "200"})
    assert bad.status_code == 400 and "现金最多保留两位小数（分）。" in text(bad)
    done = client.post(f"/aid/batches/grants/{b.pk}/edit/", {"cash": "800", "goods": "米面油",
                                                              "goods_value": "150", "payee_name": "乙"})
    b.refresh_from_db()
    assert done.status_code == 302 and (b.cash, b.goods, b.goods_value) == (Decimal("800"), "米面油", Decimal("150"))
    assert "调整发放编号" in text(client.get(f"/aid/batches/{batch.pk}/"))


def test_the_preparer_submits_and_only_a_second_person_approves(world, login, reviewer, batch):
    grant_add(actor=world.county_clerk, batch=batch, data=worker())
    clerk = login("county_clerk")
    assert 'data-testid="do-submit"' in text(clerk.get(f"/aid/batches/{batch.pk}/"))
    assert act(clerk, batch, "submit").status_code == 302
    page = text(clerk.get(f"/aid/batches/{batch.pk}/"))
    assert "待审批" in page and 'data-testid="do-approve"' not in page and 'data-testid="do-add"' not in page
    refused = act(clerk, batch, "approve")
    assert refused.status_code == 302 and AidBatch.objects.get().status == "submitted"
    approver = login("aid_reviewer")
    assert 'data-testid="do-approve"' in text(approver.get(f"/aid/batches/{batch.pk}/"))
    assert act(approver, batch, "approve").status_code == 302
    batch.refresh_from_db()
    assert batch.status == "approved" and batch.approved_by == reviewer and batch.committed == Decimal("700")
    assert "aid_reviewer" in text(approver.get(f"/aid/batches/{batch.pk}/"))


def test_a_return_needs_a_reason_and_a_cancel_gives_the_budget_back(world, login, programme, batch):
    grant_add(actor=world.county_clerk, batch=batch, data=worker())
    batch_submit(actor=world.county_clerk, batch=batch)
    admin = login("county_admin")
    blank = act(admin, batch, "return", reason="")
    assert blank.status_code == 400 and AidBatch.objects.get().status == "submitted"
    assert act(admin, batch, "return", reason="金额有误").status_code == 302
    assert AidBatch.objects.get().status == "draft"
    batch_submit(actor=world.county_clerk, batch=batch)
    batch_approve(actor=world.county_admin, batch=batch)
    assert act(admin, batch, "cancel", reason="活动取消").status_code == 302
    programme.refresh_from_db()
    assert AidBatch.objects.get().status == "cancelled" and programme.committed == 0


def test_an_over_budget_batch_is_flagged_and_refused_at_approval(world, login, programme, batch):
    for _n in range(15):  # 15 × 700 = 10,500 against 10,000
        grant_add(actor=world.county_clerk, batch=batch, data=worker())
    page = text(login("county_clerk").get(f"/aid/batches/{batch.pk}/"))
    assert 'data-testid="over-budget"' in page
    batch_submit(actor=world.county_clerk, batch=batch)
    admin = login("county_admin")
    response = admin.post(f"/aid/batches/{batch.pk}/do/approve/", {"version": AidBatch.objects.get().version},
                          follow=True)
    assert "预算余额不足" in text(response) and AidBatch.objects.get().status == "submitted"


def test_mark_paid_settles_every_row(world, login, batch):
    approved_batch(world, batch, worker(), worker(cash="0", goods="棉被"))
    client = login("county_clerk")
    page = text(client.get(f"/aid/batches/{batch.pk}/"))
    assert 'data-testid="do-mark_paid"' in page and "data-confirm" in page
    assert act(client, batch, "mark_paid").status_code == 302
    assert set(AidGrant.objects.values_list("status", flat=True)) == {"paid"}
    assert AidBatch.objects.get().status == "paid"


def bank_file(rows):
    book = Workbook()
    book.active.append(["发放编号", "户名", "金额（元）", "结果", "失败原因"])
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("回盘.xlsx", out.getvalue())


def test_the_bank_list_goes_out_and_the_result_comes_back_with_row_errors_first(world, login, batch):
    approved_batch(world, batch, worker(payee_account="6222021234567890123"), worker(payee_account="6217000011112222"))
    client = login("county_clerk")
    download = client.get(f"/aid/batches/{batch.pk}/bank.xlsx")
    assert download.status_code == 200 and download["Content-Type"].startswith("application/vnd.openxml")
    rows = list(load_workbook(io.BytesIO(download.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3 and rows[1][2] == "6222***********0123"
    first, second = (r[0] for r in rows[1:])
    bad = act(client, batch, "bank_result", file=bank_file([[first, "甲", 500, "成功", ""],
                                                            [second, "乙", 500, "不知道", ""],
                                                            [999999, "丙", 1, "成功", ""]]))
    body = text(bad)
    assert bad.status_code == 400 and 'data-testid="bank-errors"' in body
    assert "第3行：结果“不知道”无法识别" in body and "第4行：发放编号999999不是本批次待发放的记录" in body
    assert set(AidGrant.objects.values_list("status", flat=True)) == {"pending"}
    good = act(client, batch, "bank_result", file=bank_file([[first, "甲", 500, "成功", ""],
                                                             [second, "乙", 500, "失败", "账户已销户"]]))
    assert good.status_code == 302
    page = text(client.get(f"/aid/batches/{batch.pk}/"))
    assert "成功1笔，失败1笔" in page and "部分发放" in page and "账户已销户" in page


def test_the_reviewer_may_not_download_the_bank_list(world, login, reviewer, batch):
    approved_batch(world, batch, worker(payee_account="6217000011112222"))
    assert login("aid_reviewer").get(f"/aid/batches/{batch.pk}/bank.xlsx").status_code == 403


def test_the_lists_and_the_batch_page_take_as_many_queries_for_many_rows_as_for_few(world, login, campaign,
                                                                                     batch):
    client = login("county_admin")
    grant_add(actor=world.county_clerk, batch=batch, data=worker())
    make_file(world.county, name="钱二")
    urls = [f"/aid/batches/{batch.pk}/", "/aid/batches/", "/aid/programmes/",
            f"/aid/programmes/campaigns/{campaign.pk}/", "/aid/figures/?period=year&year=2026"]
    few = {url: queries_of(client, url) for url in urls}
    for n in range(6):
        grant_add(actor=world.county_clerk, batch=batch, data=worker())
        batch_create(actor=world.county_clerk, campaign=campaign, union=world.county, granted_on=GRANTED)
        batch_add_files(actor=world.county_clerk, batch=batch, file_ids=[make_file(world.grassroots, name=f"户{n}").pk])
    assert {url: queries_of(client, url) for url in urls} == few


def test_a_dimension_bomb_bank_result_is_refused_and_nothing_changes(world, login, batch, monkeypatch):
    from gonghui.core.tests import bombs

    monkeypatch.setattr("gonghui.core.tabular.read_with_calamine", bombs.unreachable)
    approved_batch(world, batch, worker(payee_account="6222021234567890123"))
    refused = act(login("county_clerk"), batch, "bank_result",
                  file=SimpleUploadedFile("回盘.xlsx", bombs.dimension_bomb()))
    assert refused.status_code == 400 and bombs.REFUSAL in text(refused)
    assert set(AidGrant.objects.values_list("status", flat=True)) == {"pending"}
