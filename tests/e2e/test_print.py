"""The 受理单 prints: a county cadre opens a dispatched case's intake record from the case page and
Chromium prints it to PDF, the record's number and the 受理人 line on it."""

import pytest

from gonghui.accounts.roles import RoleCode
from gonghui.cases.services import case_classify, case_dispatch, case_intake
from gonghui.testing.world import build_world, make_user
from tests.e2e.conftest import shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_county_cadre_prints_the_intake_record_of_a_dispatched_case(page):
    world = build_world()
    hotline = make_user("hotline", world.province, RoleCode.HOTLINE_AGENT)
    received = case_intake(actor=hotline, union=world.province, data={
        "caller_name": "周晓红", "caller_phone": "13800138555", "employer_name": "示例科技有限公司",
        "description": "公司拖欠两个月加班费共六千元。"}).case
    case = case_dispatch(actor=hotline, union=world.county,
                         case=case_classify(actor=hotline, case=received, category="wages", difficulty="hard"))
    log_in(page, "county_admin")
    page.wait_for_url(page.base + "/")
    page.goto(f"{page.base}/cases/{case.pk}/")
    page.get_by_test_id("print-intake").click()
    page.wait_for_url(f"{page.base}/cases/{case.pk}/print/intake/")
    sheet = page.get_by_test_id("sheet").inner_text()
    assert case.number in sheet and "受理人" in sheet and "138****8555" in sheet and "13800138555" not in sheet
    page.emulate_media(media="print")
    shot(page, "print-intake-record")
    pdf = page.pdf(prefer_css_page_size=True)
    assert len(pdf) > 1000 and pdf.startswith(b"%PDF")
