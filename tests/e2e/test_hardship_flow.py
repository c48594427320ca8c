"""困难帮扶 from the worker's self-check to paid aid, each step on the real pages: the worker checks
and applies on a phone, the grassroots union reviews, the county approves and files, a 送温暖 batch
is prepared by one county cadre, approved by another and paid, and the worker sees the money."""

import datetime
import re
import struct
import zlib

import pytest
from django.utils import timezone

from gonghui.accounts import sms_backends
from gonghui.accounts.roles import RoleCode
from gonghui.aid.models import AidBatch, AidGrant
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.services import assessment_rule_add
from gonghui.orgs.services.regions import regions_load
from gonghui.testing.world import SYSTEM, build_world, make_member, make_person_id, make_user
from tests.e2e.conftest import nav_link, shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WORKER = "周晓红"
PHONE = "13800138666"
GRASSROOTS = "示例科技有限公司工会委员会"
CHENGDU = "510100"
STANDARD = "800"  # 元 per household of the 送温暖 programme


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _png() -> bytes:
    """A real 1×1 white PNG, built here so the test carries no binary file."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
            + chunk(b"IEND", b""))


def _setup():
    """What has pages of its own elsewhere: the personas, the member with a phone, Chengdu's standard."""
    world = build_world()
    make_member(world.grassroots, name=WORKER, phone=PHONE)
    make_user("grassroots_reviewer", world.grassroots, RoleCode.REVIEWER)
    make_user("county_reviewer", world.county, RoleCode.REVIEWER)
    regions_load(actor=SYSTEM, towns=False)
    # Line 1,000 元: a household of 3 with 36,000 元 a year is 深度困难 (1,000 per head and month).
    assessment_rule_add(actor=SYSTEM, adcode=CHENGDU, area_name="成都市", min_living_monthly="1000",
                        deep_factor="1.0", relative_factor="1.5", accident_factor="2.0",
                        effective_from=datetime.date(2024, 1, 1), source="测试数据")
    return world


def _watch_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def _console(browser, base: str, username: str):
    """A cadre's own browser: logged in, confirmations accepted (their text kept), errors collected."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base = base
    page.errors = _watch_errors(page)
    page.confirmed = []

    def accept(dialog) -> None:
        page.confirmed.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    log_in(page, username)
    page.wait_for_url(base + "/")
    return page


# 1. The worker, on a phone

def _self_check(phone) -> None:
    phone.goto(phone.base + "/portal/hardship/")
    phone.get_by_test_id("go-check").click()
    phone.wait_for_url("**/portal/hardship/check/")
    phone.select_option("#id_area", CHENGDU)
    phone.fill("#id_household_size", "3")
    phone.fill("#id_household_income", "36000")
    phone.get_by_test_id("causes-illness").click()
    phone.get_by_test_id("submit-check").click()
    verdict = phone.get_by_test_id("verdict")
    verdict.wait_for()
    assert "可能符合困难职工条件" in verdict.inner_text()
    assert phone.get_by_test_id("verdict-class").inner_text() == "深度困难"
    assert phone.get_by_test_id("per-head").inner_text() == "1,000.00 元"
    shot(phone, "portal-hardship-self-check")


def _log_in_by_sms(phone) -> None:
    phone.wait_for_url("**/portal/login/**")
    phone.get_by_test_id("phone").fill("138 0013 8666")
    phone.get_by_test_id("send-code").click()
    phone.wait_for_url("**/portal/login/code/")
    code = next(m.code for m in reversed(sms_backends.outbox) if m.phone == PHONE)
    phone.get_by_test_id("code").fill(code)
    phone.get_by_test_id("verify").click()


def _apply(phone) -> int:
    phone.get_by_test_id("apply").click()
    _log_in_by_sms(phone)
    phone.wait_for_url(re.compile(r".*/portal/hardship/apply/\?area=510100&causes=illness$"))
    assert phone.get_by_test_id("member-union").inner_text() == GRASSROOTS
    assert WORKER in phone.get_by_test_id("applicant").inner_text()
    # What the self-check knew comes along: the area and the cause.
    assert phone.locator("#id_area").input_value() == CHENGDU
    assert phone.get_by_test_id("causes-illness").locator("input").is_checked()
    phone.fill("#id_address", "成都市锦江区春熙路街道和平小区3栋2单元")
    phone.fill("#id_self_income", "24000")
    spouse = phone.get_by_test_id("member-row-2")
    spouse.locator("select[name='member-0-relation']").select_option("spouse")
    spouse.locator("[name='member-0-name']").fill("王芳")
    spouse.locator("[name='member-0-id_number']").fill(make_person_id(born="19880506"))
    spouse.locator("[name='member-0-annual_income']").fill("12000")
    child = phone.get_by_test_id("member-row-3")
    child.locator("select[name='member-1-relation']").select_option("child")
    child.locator("[name='member-1-name']").fill("张小明")
    phone.fill("#id_description", "妻子患尿毒症需长期透析，每月自付医疗费约三千元，孩子读高中。")
    slot = phone.get_by_test_id("doc-slot-1")
    slot.locator("select").select_option("medical")
    slot.locator("input[type=file]").set_input_files(
        {"name": "诊断证明.png", "mimeType": "image/png", "buffer": _png()})
    phone.check("#id_consent")
    shot(phone, "portal-hardship-apply")
    phone.get_by_test_id("submit-apply").click()
    phone.wait_for_url(re.compile(r".*/portal/hardship/files/\d+/\?submitted=1$"))
    assert phone.get_by_test_id("submitted").is_visible()
    assert phone.get_by_test_id("file-status").inner_text() == "已申请"
    assert "诊断证明.png" in phone.get_by_test_id("documents").inner_text()
    found = re.search(r"/files/(\d+)/", phone.url)
    assert found is not None
    pk = int(found.group(1))

    phone.get_by_role("link", name="我的帮扶").click()
    phone.wait_for_url("**/portal/hardship/mine/")
    assert phone.get_by_test_id("file-status").inner_text() == "已申请"
    assert "申请已提交，等待审核" in phone.get_by_test_id("status-words").inner_text()
    assert phone.get_by_test_id("no-grants").is_visible()
    return pk


# 2–3. The registry on the console

def _open_from_the_list(page, tab: str) -> None:
    """困难职工档案 from the navigation, the status tab, the search by name, then the file."""
    nav_link(page, "困难职工档案").click()
    page.wait_for_url("**/hardship/")
    page.get_by_test_id("status-tabs").get_by_role("link", name=tab).click()
    page.wait_for_url(re.compile(r".*/hardship/\?status=\w+$"))
    page.get_by_test_id("file-search").fill(WORKER)
    page.get_by_test_id("file-filters").get_by_role("button", name="查找").click()
    page.wait_for_url(re.compile(r".*/hardship/\?(.*&)?s=[\w-]+"))
    table = page.get_by_test_id("file-table")
    assert GRASSROOTS in table.inner_text()
    table.get_by_role("link", name=WORKER).click()
    page.wait_for_url(re.compile(r".*/hardship/\d+/$"))
    assert page.get_by_test_id("worker-name").inner_text() == WORKER


def _step(page, action: str, note: str, status: str, done: str) -> None:
    card = page.locator(f"details[data-action={action}]")
    card.locator("summary").click()
    card.locator("[name=note]").fill(note)
    card.get_by_test_id(f"do-{action}").click()
    page.get_by_role("alert").filter(has_text=done).wait_for()
    assert page.locator(".gh-page-title").get_by_test_id("file-status").inner_text() == status


def _grassroots_review(browser, base: str) -> None:
    page = _console(browser, base, "grassroots_reviewer")
    _open_from_the_list(page, "已申请")
    assert page.get_by_test_id("file-status").first.inner_text() == "已申请"
    assert "诊断证明.png" in page.get_by_test_id("documents").inner_text()
    assert "王芳" in page.get_by_test_id("household").inner_text()
    # The grassroots union reviews; the county's approval is not its to give.
    assert page.locator("details[data-action=approve]").count() == 0
    _step(page, "review", "已入户核实，情况属实。", "基层已审核", "基层审核已通过，等待县级工会审批。")
    shot(page, "console-hardship-reviewed")
    assert page.errors == []
    page.context.close()


def _county_approves(browser, base: str) -> None:
    page = _console(browser, base, "county_reviewer")
    _open_from_the_list(page, "基层已审核")
    _step(page, "approve", "", "县级已审批", "县级审批已通过，可以建档。")
    assert "深度困难" in page.locator(".gh-page-title").inner_text()
    assert page.errors == []
    page.context.close()


def _county_files(page) -> None:
    _open_from_the_list(page, "县级已审批")
    _step(page, "file_open", "纳入2026年度困难职工档案。", "已建档", "已建档，已排定第一次回头看。")
    assert page.get_by_test_id("file-number").inner_text().startswith("KN")
    shot(page, "console-hardship-filed")


# 4. 送温暖: programme, campaign, batch; prepared by one cadre, approved by another, paid

def _programme_and_campaign(page) -> None:
    nav_link(page, "帮扶项目").click()
    page.wait_for_url("**/aid/programmes/")
    page.get_by_test_id("new-programme").click()
    form = page.get_by_test_id("programme-form")
    assert form.locator("#id_union option:checked").inner_text() == "成都市锦江区总工会"
    form.locator("#id_kind").select_option("winter_warmth")
    form.locator("#id_name").fill("送温暖")
    form.locator("#id_fund_source").select_option("warmth_fund")
    form.locator("#id_cycle").select_option("yearly")
    form.locator("#id_budget").fill("100,000")
    form.locator("#id_standard_amount").fill(STANDARD)
    form.get_by_role("button", name="设立").click()
    page.wait_for_url(re.compile(r".*/aid/programmes/\d+/$"))
    assert page.get_by_test_id("programme-name").inner_text() == "送温暖"
    year = timezone.localdate().year
    campaign = page.get_by_test_id("campaign-form")
    campaign.locator("[name=period]").fill("春节")
    campaign.locator("[name=starts_on]").fill(f"{year}-01-01")
    campaign.locator("[name=ends_on]").fill(f"{year}-12-31")
    campaign.get_by_role("button").click()
    page.wait_for_url(re.compile(r".*/aid/programmes/campaigns/\d+/$"))
    assert page.get_by_test_id("campaign-name").inner_text() == f"{year}年送温暖春节"


def _prepare_batch(page) -> int:
    page.get_by_test_id("new-batch").click()
    form = page.get_by_test_id("batch-form")
    form.wait_for()
    form.get_by_role("button", name="新建").click()
    page.wait_for_url(re.compile(r".*/aid/batches/\d+/$"))
    pk = int(page.url.rstrip("/").rsplit("/", 1)[1])
    assert page.get_by_test_id("batch-status").inner_text() == "草稿"
    page.get_by_test_id("do-select").click()
    table = page.get_by_test_id("grant-table")
    table.get_by_role("link", name=WORKER).wait_for()
    assert "在档" in table.inner_text()
    assert page.get_by_test_id("rows").inner_text().startswith("1")
    assert page.get_by_test_id("total").inner_text().startswith("800.00")
    page.get_by_test_id("do-submit").click()
    page.get_by_test_id("batch-status").filter(has_text="待审批").wait_for()
    # The preparer may not approve the batch they prepared.
    assert page.get_by_test_id("do-approve").count() == 0
    shot(page, "console-aid-batch-submitted")
    return pk


def _second_cadre_approves(browser, base: str, pk: int) -> None:
    page = _console(browser, base, "county_reviewer")
    nav_link(page, "发放批次").click()
    page.wait_for_url("**/aid/batches/")
    page.get_by_role("link", name=re.compile("送温暖春节")).click()
    page.wait_for_url(f"**/aid/batches/{pk}/")
    assert WORKER in page.get_by_test_id("grant-table").inner_text()
    page.get_by_test_id("do-approve").click()
    page.get_by_test_id("batch-status").filter(has_text="已审批").wait_for()
    assert page.confirmed == ["审批通过后，800.00 元将计入项目预算。确定审批通过？"]
    assert page.get_by_test_id("approver").inner_text().startswith("county_reviewer")
    assert page.get_by_test_id("do-mark_paid").count() == 0  # paying out is the clerk's work
    assert page.errors == []
    page.context.close()


def _mark_paid(page, pk: int) -> None:
    page.goto(page.base + f"/aid/batches/{pk}/")
    page.get_by_test_id("do-mark_paid").click()
    page.get_by_test_id("batch-status").filter(has_text="已发放").wait_for()
    assert "此操作不能撤销" in page.confirmed[-1]
    assert "已发放" in page.get_by_test_id("grant-table").inner_text()
    shot(page, "console-aid-batch-paid")
    # The file shows the aid, and its status follows the payment.
    page.get_by_test_id("grant-table").get_by_role("link", name=WORKER).click()
    page.wait_for_url(re.compile(r".*/hardship/\d+/$"))
    assert page.locator(".gh-page-title").get_by_test_id("file-status").inner_text() == "帮扶中"
    assert "800.00" in page.get_by_test_id("grants").inner_text()


def test_a_worker_checks_applies_is_filed_and_sees_the_aid_paid(browser, phone):
    world = _setup()
    base = phone.base
    phone_errors = _watch_errors(phone)

    _self_check(phone)
    pk = _apply(phone)
    shot(phone, "portal-hardship-mine-applied")

    _grassroots_review(browser, base)
    _county_approves(browser, base)
    admin = _console(browser, base, "county_admin")
    _county_files(admin)
    _programme_and_campaign(admin)
    batch_pk = _prepare_batch(admin)
    _second_cadre_approves(browser, base, batch_pk)
    _mark_paid(admin, batch_pk)
    assert admin.errors == []
    admin.context.close()

    phone.reload()
    assert phone.get_by_test_id("file-status").inner_text() == "帮扶中"
    grants = phone.get_by_test_id("grants")
    assert "送温暖" in grants.inner_text() and "成都市锦江区总工会" in grants.inner_text()
    assert grants.get_by_test_id("grant-cash").inner_text() == "800.00 元"
    assert "已发放" in grants.inner_text()
    assert phone.get_by_test_id("paid-cash").inner_text() == "800.00"
    shot(phone, "portal-hardship-mine-aided")
    assert phone_errors == []

    file = HardshipFile.objects.get(pk=pk)
    assert (file.status, file.union_id, file.hardship_class) == ("aided", world.grassroots.pk, "deep")
    assert file.number.startswith("KN") and file.documents.count() == 1
    grant = AidGrant.objects.get(hardship_file=file)
    assert (grant.status, str(grant.cash), grant.batch_id) == ("paid", "800.00", batch_pk)
    batch = AidBatch.objects.get(pk=batch_pk)
    assert (batch.status, batch.prepared_by.username, batch.approved_by.username) == (
        "paid", "county_admin", "county_reviewer")
