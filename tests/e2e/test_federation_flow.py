"""A province's deployment sends its year's figures up (signed, over HTTP); the national union's
statistics officer opens 各省数据 and sees each province with its 数据截至, one that sent nothing as
未上报; the same page on a phone."""

import datetime

import pytest

from gonghui.core.periods import Period
from gonghui.reports.federation.services import federation_send
from gonghui.reports.tests.federation_helpers import SYSTEM, act_as, registered
from gonghui.testing.world import build_world
from tests.e2e.conftest import nav_link, shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_national_union_reads_every_province_side_by_side(page, phone, settings):
    build_world()
    sichuan, _peer = registered("510000", "四川省总工会")
    registered("520000", "贵州省总工会")
    act_as(settings, sichuan)
    settings.GONGHUI_UPPER_URL = page.base
    log = federation_send(actor=SYSTEM, period=Period.year(2026), today=datetime.date(2026, 12, 5))
    assert log.status == "sent", log.error
    log_in(page, "national_admin")
    page.wait_for_url(page.base + "/")
    nav_link(page, "各省数据").click()
    page.wait_for_url("**/reports/federation/")
    board = page.get_by_test_id("federation-board")
    sent, missing = board.locator("tr[data-code='510000']"), board.locator("tr[data-code='520000']")
    assert sent.get_by_test_id("as-of").inner_text().startswith("20")
    assert missing.get_by_test_id("missing").inner_text() == "未上报"
    sent.locator("summary").click()
    assert "四川省总工会" in sent.inner_text()
    shot(page, "console-federation-board")
    nav_link(page, "上报记录").click()
    assert "已发送" in page.get_by_test_id("federation-sends").inner_text()
    assert not page.errors  # type: ignore[attr-defined]

    log_in(phone, "national_admin")
    phone.wait_for_url(phone.base + "/")
    phone.goto(phone.base + "/reports/federation/?metric=members.total&period=2026")
    assert phone.get_by_test_id("federation-board").is_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    shot(phone, "phone-federation-board")


def test_a_county_releases_a_member_asked_for_by_another_province(page, phone):
    from gonghui.accounts import sms_backends
    from gonghui.reports.federation.transfers_out import cross_transfer_code, cross_transfer_open

    world = build_world()
    _keys, guizhou = registered("520000", "贵州省总工会")
    guizhou.url = "http://127.0.0.1:9"  # nothing listens: the release waits for the periodic resend
    guizhou.save()
    ref = "3f0c1a8e-1111-4222-8333-944455556666"
    cross_transfer_open(peer=guizhou, ref=ref, id_type="resident", id_number=world.membership.member.id_number,
                        to_union_name="贵阳市总工会")
    cross_transfer_code(peer=guizhou, ref=ref, code=sms_backends.outbox[-1].code)
    log_in(page, "county_admin")
    page.wait_for_url(page.base + "/")
    nav_link(page, "跨部署接转").click()
    row = page.locator(f"tr[data-ref='{ref}']")
    assert "李四" in row.inner_text() and "待转出" in row.inner_text()
    shot(page, "console-cross-transfers")
    row.get_by_role("button", name="同意转出").click()
    page.wait_for_selector(".alert-success")
    released = page.locator(f"tr[data-ref='{ref}']").inner_text()
    assert "待接收" in released and "发送失败" in released and "重试" in released  # sent in the background
    shot(page, "console-cross-transfers-released")
    assert not page.errors  # type: ignore[attr-defined]

    # A request this county made of 贵州 that the worker agreed to: the county refuses it, with a reason.
    from gonghui.reports.federation.transfer_models import CrossTransfer
    from gonghui.testing.world import make_person_id

    CrossTransfer.objects.create(
        ref="9e0c1a8e-1111-4222-8333-944455556666", side="in", peer=guizhou, status="requested", union=world.county,
        org_path=world.county.path, id_type="resident", id_number=make_person_id(), id_index="x",
        other_union_name="贵阳某公司工会")
    page.reload()
    asked = page.locator("tr[data-ref='9e0c1a8e-1111-4222-8333-944455556666']")
    asked.get_by_text("拒绝", exact=True).click()
    asked.get_by_placeholder("拒绝原因").fill("该职工未在本单位就业")
    asked.get_by_role("button", name="确定拒绝").click()
    page.wait_for_selector(".alert-success")
    refused = page.locator("tr[data-ref='9e0c1a8e-1111-4222-8333-944455556666']").inner_text()
    assert "已拒绝" in refused and "该职工未在本单位就业" in refused
    assert not page.errors  # type: ignore[attr-defined]

    log_in(phone, "county_admin")
    phone.wait_for_url(phone.base + "/")
    phone.goto(phone.base + "/reports/federation/transfers/")
    assert phone.get_by_test_id("cross-transfers").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "phone-cross-transfers")


def test_a_worker_agrees_on_the_portal_to_a_request_from_another_province(phone, browser, live_server):
    from gonghui.accounts import sms_backends
    from gonghui.reports.federation.transfers_out import cross_transfer_open

    world = build_world()
    _keys, guizhou = registered("520000", "贵州省总工会")
    guizhou.url = "http://127.0.0.1:9"
    guizhou.save()
    member = world.membership.member
    cross_transfer_open(peer=guizhou, ref="3f0c1a8e-1111-4222-8333-944455556666", id_type="resident",
                        id_number=member.id_number, to_union_name="贵阳市总工会")
    phone.goto(phone.base + "/portal/transfer/")
    phone.get_by_test_id("phone").fill(member.phone)
    phone.get_by_test_id("send-code").click()
    phone.wait_for_url("**/portal/login/code/")
    code = next(m.code for m in reversed(sms_backends.outbox) if m.phone == member.phone)
    phone.get_by_test_id("code").fill(code)
    phone.get_by_test_id("verify").click()
    phone.wait_for_url("**/portal/transfer/")
    card = phone.locator("[data-testid^='cross-transfer-']").first
    assert "贵阳市总工会" in card.inner_text() and "待本人确认" in card.inner_text()
    shot(phone, "portal-cross-transfer-awaiting")
    phone.get_by_test_id("confirm-cross-transfer").click()
    phone.wait_for_selector("[data-testid='withdraw-cross-transfer']")
    assert "待转出" in phone.locator("[data-testid^='cross-transfer-']").first.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "portal-cross-transfer-requested")
    wide = browser.new_context(viewport={"width": 1280, "height": 900})
    desk = wide.new_page()
    desk.context.add_cookies(phone.context.cookies())
    desk.goto(live_server.url + "/portal/transfer/")
    shot(desk, "portal-cross-transfer-1280")
    wide.close()
