"""A wage contract on the real pages: the grassroots union offers to negotiate, records a meeting,
the draft, the congress's vote, the signature and the filing; the sweep makes it effective once the
review period has run out; the county sees its coverage and the contract in the lapsing list, and
records 指导意见 on it (the steps are the grassroots union's), and compares its terms side by side (on a
phone too: the table scrolls in its box, not the page)."""

import datetime

import pytest
from django.utils import timezone

from gonghui.accounts import sms_backends
from gonghui.accounts.roles import RoleCode
from gonghui.contracts.choices import Status
from gonghui.contracts.figures import quarter_end
from gonghui.contracts.models import CollectiveContract
from gonghui.contracts.services import contract_sweep
from gonghui.contracts.tasks import SWEEP_ACTOR
from gonghui.orgs.scope import SystemActor
from gonghui.testing.world import build_world, make_member, make_user
from tests.e2e.conftest import pick_employer, shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EMPLOYER = "示例科技有限公司"
GRASSROOTS = "示例科技有限公司工会委员会"


def _console(browser, base: str, username: str):
    """One browser context per actor, as two people at two desks."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base = base
    log_in(page, username)
    page.wait_for_url(base + "/")
    return context, page


def _act(page, action: str, **fields: str) -> None:
    """Fill the action's form on the contract page (opening it under 更多操作 when it is not the main
    one) and submit it; the page comes back to the contract."""
    box = page.locator(f"[data-testid=actions] [data-action='{action}']")
    if not box.is_visible():
        page.get_by_test_id("more-actions").locator("summary").first.click()
        box.locator("summary").click()
    for name, value in fields.items():
        field = box.locator(f"[name='{name}']")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    box.get_by_test_id(f"do-{action}").click()
    page.wait_for_load_state()


def test_a_grassroots_union_negotiates_a_wage_contract_that_the_sweep_makes_effective(browser, live_server):
    world = build_world()
    make_user("grassroots_chair", world.grassroots, RoleCode.UNION_ADMIN)
    today = timezone.localdate()
    # A one-year term ending this quarter, so that the county finds it in its lapsing list.
    end = quarter_end(today)
    start = end.replace(year=end.year - 1) + datetime.timedelta(days=1)
    offer = start - datetime.timedelta(days=60)

    def day(n: int) -> str:
        return (offer + datetime.timedelta(days=n)).isoformat()

    context, page = _console(browser, live_server.url, "grassroots_chair")
    page.goto(page.base + "/contracts/new/")
    form = page.get_by_test_id("offer-form")
    form.locator("[name=kind]").select_option(label="工资专项")
    form.locator("[name=union]").select_option(label=GRASSROOTS)
    pick_employer(form, "示例科技", EMPLOYER)
    form.locator("[name=received_on]").fill(offer.isoformat())
    form.locator("[name=offer_text]").fill("提出就2026年度工资增长进行集体协商")
    page.get_by_test_id("offer-submit").click()
    page.wait_for_url("**/contracts/*/")
    assert page.get_by_test_id("answer-due").is_visible()

    _act(page, "answer", answered_on=day(7))
    _act(page, "meet", held_on=day(14), place="公司会议室", minutes="双方交换方案，就工资增长5%达成一致。")
    _act(page, "draft", start_on=start.isoformat(), end_on=end.isoformat(), text="第一条 工资每年增长5%……",
         union_negotiators="刘芳，工会主席\n陈代表\n周代表", employer_negotiators="吴总，总经理\n郑经理\n冯经理",
         **{"term_wages.increase_rate": "5", "term_wages.lowest_paid": "2400"})
    _act(page, "vote", body="congress", held_on=day(30), entitled="60", present="52", in_favour="48", against="3",
         abstained="1")
    _act(page, "sign", signed_on=day(33))
    _act(page, "file", filed_on=day(36))
    assert page.get_by_test_id("takes-effect").is_visible()
    shot(page, "contract-under-review")
    contract = CollectiveContract.objects.get()
    assert contract.status == Status.FILED and not contract.filed_late

    # The periodic sweep, the day after the review period ran out.
    contract_sweep(actor=SystemActor(SWEEP_ACTOR), today=contract.takes_effect_on)
    page.reload()
    assert "期满生效" in page.get_by_test_id("timeline").inner_text()
    contract.refresh_from_db()
    assert contract.status == Status.EFFECTIVE and contract.effective_on == contract.takes_effect_on
    context.close()

    context, page = _console(browser, live_server.url, "county_admin")
    page.goto(page.base + "/contracts/figures/")
    assert page.get_by_test_id("employers-covered").inner_text().startswith("1")
    lapsing = page.get_by_test_id("lapsing")
    assert contract.title in lapsing.inner_text()
    shot(page, "contract-figures")
    page.get_by_test_id("contract-comparison").click()
    page.wait_for_url("**/contracts/comparison/**")
    row = page.get_by_test_id("comparison-row").filter(has_text=EMPLOYER)
    assert "2400" in row.locator("[data-term='wages.lowest_paid']").inner_text()
    assert "未约定" in row.locator("[data-term='wages.pay_day']").inner_text()
    shot(page, "contract-comparison")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.get_by_test_id("comparison-scroll").evaluate("e => e.scrollWidth > e.clientWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    # The county supervises: it is offered 指导意见 only, which the grassroots union then reads.
    page.goto(page.base + f"/contracts/{contract.pk}/")
    assert page.get_by_test_id("supervising").is_visible()
    assert page.locator("[data-testid=actions] [data-action='publish']").count() == 0
    _act(page, "guide", note="请在生效后及时向全体职工公布合同文本。")
    timeline = page.get_by_test_id("timeline").inner_text()
    assert "请在生效后及时向全体职工公布合同文本。" in timeline and "成都市锦江区总工会" in timeline
    shot(page, "contract-guidance")
    context.close()

    # A worker of the employer reads the wage terms on the phone.
    make_member(world.grassroots, phone="13800138009")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    phone.goto(live_server.url + "/portal/contracts/")
    phone.wait_for_url("**/portal/login/**")
    phone.get_by_test_id("phone").fill("13800138009")
    phone.get_by_test_id("send-code").click()
    phone.wait_for_url("**/portal/login/code/")
    phone.get_by_test_id("code").fill(next(m.code for m in reversed(sms_backends.outbox) if m.phone == "13800138009"))
    phone.get_by_test_id("verify").click()
    phone.wait_for_url("**/portal/contracts/")
    phone.get_by_test_id(f"contract-{contract.pk}").click()
    assert "5" in phone.get_by_test_id("term-wages.increase_rate").inner_text()
    assert "2400" in phone.get_by_test_id("term-wages.lowest_paid").inner_text().replace(",", "")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "contract-on-the-phone")
    context.close()
