"""职工互助保障 on the real pages: the county opens a plan and enrols its members, a grassroots clerk
files a claim with a scan on a phone and reviews it, the county approves within the limit and pays,
and the plan's figures show the payout."""

import datetime
import re

import pytest
from django.utils import timezone

from gonghui.accounts.roles import RoleCode
from gonghui.mutualaid.models import MutualAidClaim, MutualAidEnrolment
from gonghui.testing.world import build_world, make_member, make_user
from tests.e2e.conftest import shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MEMBER = "郑晓梅"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _cadre(browser, base: str, username: str, *, width: int = 1366):
    """A cadre's own browser at a given width: logged in, confirmations accepted and kept."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base = base
    page.confirmed = []
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))

    def accept(dialog) -> None:
        page.confirmed.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    log_in(page, username)
    page.wait_for_url(base + "/")
    return page


def test_a_claim_is_filed_on_a_phone_reviewed_approved_and_paid(browser, live_server, tmp_path):
    world = build_world()
    make_member(world.grassroots, name=MEMBER)
    make_user("grassroots_clerk", world.grassroots, RoleCode.CLERK)
    start = timezone.localdate() - datetime.timedelta(days=100)

    county = _cadre(browser, live_server.url, "county_admin")
    county.goto(county.base + "/mutual-aid/plans/new/")
    form = county.get_by_test_id("plan-form")
    form.locator("#id_name").fill("职工住院医疗互助保障")
    form.locator("#id_year").fill(str(start.year))
    form.locator("#id_starts_on").fill(start.isoformat())
    form.locator("#id_ends_on").fill((start + datetime.timedelta(days=364)).isoformat())
    form.locator("#id_premium").fill("60")
    form.locator("#id_per_claim_limit").fill("8000")
    form.locator("#id_yearly_limit").fill("10000")
    form.locator("#id_waiting_days").fill("30")
    form.locator("button[type=submit]").click()
    county.wait_for_url(re.compile(r".*/mutual-aid/plans/\d+/$"))
    county.get_by_test_id("do-open").click()
    county.get_by_test_id("plan-status").filter(has_text="参保中").wait_for()
    assert "保障规则不能再修改" in county.confirmed[-1]
    county.locator("#id_enrol_paid_on").fill(start.isoformat())
    county.get_by_test_id("do-enrol").click()
    county.get_by_text("已参保2人，互助金合计120.00元").wait_for()
    plan_url = county.url
    # Backdated, so the event falls after the 30-day wait of an enrolment made on the first day.
    MutualAidEnrolment.objects.update(covered_from=start)

    clerk = _cadre(browser, live_server.url, "grassroots_clerk", width=390)
    clerk.goto(plan_url)
    clerk.get_by_test_id("enrolment-table").get_by_role("row").filter(has_text=MEMBER) \
        .get_by_role("link", name="申请给付").click()
    claim_form = clerk.get_by_test_id("claim-form")
    claim_form.locator("#id_event_date").fill((start + datetime.timedelta(days=45)).isoformat())
    claim_form.locator("#id_amount_claimed").fill("9000")
    claim_form.locator("#id_diagnosis").fill("急性胆囊炎，住院手术治疗10天")
    scan = tmp_path / "出院小结.pdf"
    scan.write_bytes(b"%PDF-1.7 discharge summary")
    claim_form.locator("#id_documents").set_input_files(str(scan))
    claim_form.locator("button[type=submit]").click()
    clerk.wait_for_url(re.compile(r".*/mutual-aid/claims/\d+/$"))
    assert clerk.get_by_test_id("documents").get_by_text("出院小结.pdf").is_visible()
    assert "急性胆囊炎" not in clerk.content()
    clerk.get_by_test_id("do-review").click()
    clerk.get_by_test_id("claim-status").filter(has_text="已审核").wait_for()
    assert clerk.get_by_test_id("do-approve").count() == 0  # the plan's union approves
    shot(clerk, "mutualaid-claim-phone")

    county.goto(clerk.url.replace(clerk.base, county.base))
    # 9,000 claimed, 8,000 the most for one claim: the form offers the payable amount.
    assert county.locator("#id_approve_amount").input_value() == "8000.00"
    county.get_by_test_id("do-approve").click()
    county.get_by_test_id("claim-status").filter(has_text="已批准").wait_for()
    # Clicked as soon as the button shows: the confirmation is in place before the page's deferred scripts run.
    county.get_by_test_id("do-pay").click()
    county.get_by_test_id("claim-status").filter(has_text="已给付").wait_for()
    assert "确认核定金额已给付到会员？" in county.confirmed
    county.goto(plan_url)
    assert county.get_by_test_id("paid-amount").inner_text().startswith("8,000.00")
    claim = MutualAidClaim.objects.get()
    assert (claim.status, str(claim.amount_approved)) == ("paid", "8000.00")
    assert not county.errors and not clerk.errors
