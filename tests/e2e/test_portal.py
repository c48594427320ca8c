"""A worker joins from a phone through the union's QR link; a county cadre approves in the console."""

import re

import pytest
from playwright.sync_api import expect

from gonghui.accounts import sms_backends
from gonghui.members.joinlinks import join_token
from gonghui.members.models import JoinApplication
from gonghui.testing.world import build_world, make_person_id
from tests.e2e.conftest import shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_worker_joins_on_a_phone_and_the_county_approves(phone, page):
    world = build_world()
    errors: list[str] = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    phone.on("pageerror", lambda e: errors.append(str(e)))

    phone.goto(phone.base + f"/portal/join/{join_token(world.grassroots)}/?from=qr")
    assert phone.get_by_test_id("join-union").inner_text() == "示例科技有限公司工会委员会"
    phone.get_by_test_id("start").click()
    phone.get_by_test_id("phone").fill("138 0013 8000")
    phone.get_by_test_id("send-code").click()
    phone.wait_for_url("**/portal/login/code/")
    code = next(m.code for m in reversed(sms_backends.outbox) if m.phone == "13800138000")
    phone.get_by_test_id("code").fill(code)
    phone.get_by_test_id("verify").click()

    form = phone.get_by_test_id("join-form")
    form.wait_for()
    # The form is in the page before its script runs: wait for the script to hide the field.
    expect(phone.locator("[data-field=gender]")).to_be_hidden()  # read from the resident ID
    phone.fill("#id_name", "周晓红")
    phone.fill("#id_id_number", make_person_id(born="19950312"))
    phone.select_option("#id_education", "senior")
    phone.select_option("#id_household", "rural")
    phone.select_option("#id_employment_form", "new_form")
    phone.select_option("#id_new_form_group", "food_delivery")
    phone.fill("#id_job", "外卖骑手")
    phone.check("#id_consent")
    shot(phone, "portal-join-form")
    phone.get_by_test_id("submit-application").click()
    phone.wait_for_url(re.compile(r".*/portal/applications/\d+/$"))
    assert phone.get_by_test_id("application-status").inner_text() == "待审核"
    application = JoinApplication.objects.get()
    assert application.channel == "qr"

    log_in(page, "county_admin")
    page.wait_for_url(page.base + "/")
    page.goto(page.base + "/members/applications/")
    page.get_by_test_id(f"approve-{application.pk}").click()
    page.get_by_text("已通过 周晓红 的入会申请。").wait_for()

    phone.get_by_test_id("tab-home").click()
    phone.wait_for_url("**/portal/")
    membership = phone.get_by_test_id("membership")
    assert "示例科技有限公司工会委员会" in membership.inner_text()
    assert membership.get_by_test_id("membership-status").inner_text() == "正常"
    shot(phone, "portal-home")
    assert errors == []
