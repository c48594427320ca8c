"""A worker joins from a phone through the union's QR link; a county cadre approves in the console."""

import datetime
import re

import pytest
import qrcode
from playwright.sync_api import expect
from qrcode.util import MODE_8BIT_BYTE, QRData

from gonghui.accounts import sms_backends
from gonghui.assistance.services import assessment_rule_add
from gonghui.members.joinlinks import join_token
from gonghui.members.models import JoinApplication, MemberCard
from gonghui.members.services.cards import card_number_from_token
from gonghui.orgs.services.regions import regions_load
from gonghui.testing.world import SYSTEM, build_world, make_person_id
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
    assert "周晓红" in phone.get_by_test_id("me-name").inner_text()
    shot(phone, "portal-home")
    phone.get_by_test_id("tab-mine").click()
    phone.wait_for_url("**/portal/me/")
    membership = phone.get_by_test_id("membership")
    assert "示例科技有限公司工会委员会" in membership.inner_text()
    assert membership.get_by_test_id("membership-status").inner_text() == "正常"
    shot(phone, "portal-mine")

    # The member card: claimed in one tap, its QR code drawn in the page from the signed token.
    phone.get_by_test_id("tab-card").click()
    phone.get_by_test_id("claim-card").click()
    drawn = phone.get_by_test_id("card-qr")
    drawn.wait_for()
    token = phone.get_by_test_id("card-qr-holder").get_attribute("data-qr")
    assert card_number_from_token(token) == MemberCard.objects.get().number
    modules = phone.evaluate(MATRIX_JS, [token])[0]
    assert modules == reference_qr(token)
    dark = sum(row.count("1") for row in modules)
    assert drawn.locator("path").get_attribute("d").count("M") == dark
    # Every size a token could grow to (versions 1 to 10), and UTF-8, against an independent encoder.
    texts = ["6", "工会会员卡", *("x" * n for n in (30, 54, 70, 90, 110, 140, 170, 200, 213))]
    assert phone.evaluate(MATRIX_JS, texts) == [reference_qr(t) for t in texts]
    assert phone.evaluate(MATRIX_JS, ["x" * 214]) == [None]  # beyond version 10: not drawn
    # The fresh token htmx fetches every few minutes is drawn as it arrives.
    phone.evaluate("document.querySelector('[data-testid=card-qr]').remove()")
    phone.evaluate("htmx.ajax('GET', document.querySelector('.pt-qr').getAttribute('hx-get'),"
                   " {target: '.pt-qr', swap: 'outerHTML'})")
    phone.get_by_test_id("card-qr").wait_for()
    shot(phone, "portal-card")
    assert errors == []


MATRIX_JS = ("texts => texts.map(t => { const m = GonghuiQR.matrix(t);"
             " return m && m.map(r => r.map(d => d ? '1' : '0').join('')); })")


def reference_qr(text: str) -> list[str]:
    """The same text through python-qrcode (byte mode, level M, mask 2, no quiet zone)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, mask_pattern=2, border=0)
    code.add_data(QRData(text.encode(), mode=MODE_8BIT_BYTE))
    code.make(fit=True)
    return ["".join("1" if dark else "0" for dark in row) for row in code.get_matrix()]


def test_a_visitor_on_a_phone_reaches_each_open_service_in_one_tap(phone):
    build_world()
    regions_load(actor=SYSTEM, towns=False)
    assessment_rule_add(actor=SYSTEM, adcode="510100", area_name="成都市", min_living_monthly="1000",
                        deep_factor="1.0", relative_factor="1.5", accident_factor="2.0",
                        effective_from=datetime.date(2024, 1, 1), source="测试数据")
    for key, path, heading in (("case_request", "/portal/cases/new/", "我要求助"),
                               ("case_follow", "/portal/cases/follow/", "查询进度"),
                               ("hardship_check", "/portal/hardship/check/", "困难自测")):
        phone.goto(phone.base + "/portal/")
        if key == "case_request":
            shot(phone, "portal-home-visitor")
            # The tab bar sits over nothing: the page's last line ends above it.
            bar = phone.get_by_test_id("tabbar").bounding_box()
            assert bar is not None and bar["y"] + bar["height"] <= 844 + 1
        phone.get_by_test_id(f"service-{key}").click()
        phone.wait_for_url(f"**{path}")
        assert heading in phone.locator("h1").first.inner_text()
    # A tab that needs the login leads there, and back to where the visitor wanted to go.
    phone.goto(phone.base + "/portal/")
    phone.get_by_test_id("tab-card").click()
    phone.wait_for_url("**/portal/login/?next=%2Fportal%2Fcard%2F")
    phone.get_by_test_id("phone").fill("13800138001")
    phone.get_by_test_id("send-code").click()
    phone.wait_for_url("**/portal/login/code/")
    phone.get_by_test_id("code").fill(next(m.code for m in reversed(sms_backends.outbox) if m.phone == "13800138001"))
    phone.get_by_test_id("verify").click()
    phone.wait_for_url("**/portal/card/")
    assert phone.get_by_test_id("tab-card").get_attribute("aria-current") == "page"

    # In English the self-check's result (long headings) still fits the phone: nothing scrolls sideways.
    phone.context.add_cookies([{"name": "django_language", "value": "en", "url": phone.base}])
    phone.goto(phone.base + "/portal/hardship/check/?area=510100&household_size=3&household_income=36000"
               "&causes=illness")
    phone.get_by_test_id("lines").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "portal-hardship-self-check-en")
